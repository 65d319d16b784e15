// The campaign routes: what each reads, checked before any service runs (zod, by validate()), and
// what it answers. Services get typed values; rules that need the store (instrument exists, schools
// exist) live in the services.
import { z } from 'zod';
import type { ApiRoute } from '../http/api-route';
import { id, noBody } from '../http/validate';
import { instrumentId } from '../surveys/schema';
import { localizedText } from '../surveys/instrument';
import { audiences, checklistStages } from './data';
import { isCalendarDay } from './dates';

const day = z.string().refine(isCalendarDay, 'a calendar day written YYYY-MM-DD').meta({ format: 'date' });

const responsible = z
  .object({ userId: id.optional(), name: z.string().trim().min(1).max(200).optional() })
  .strict()
  .refine((r) => r.userId !== undefined || r.name !== undefined, "give the responsible person's user id or name");

const planFields = {
  title: localizedText.optional(),
  instrumentId,
  instrumentVersion: z.number().int().positive(),
  audience: z.enum(audiences),
  schoolIds: z.array(id).min(1, 'choose at least one school').max(500),
  opensOn: day,
  closesOn: day,
  responsible,
  targets: z.record(id, z.number().int().min(1).max(100_000)).optional(),
  classes: z.record(id, z.array(z.string().trim().min(1).max(20)).min(1).max(60)).optional(),
  stage: z.enum(checklistStages).optional(),
  reportingYear: z
    .string()
    .regex(/^\d{4}\/\d{2}$/, 'a school year such as 2025/26')
    .optional(),
  reminders: z.array(day).max(20).optional(),
};

export const campaignPlanSchema = z.object(planFields).strict();
export type CampaignPlan = z.infer<typeof campaignPlanSchema>;

/** A change to a plan: any of its fields; null removes an optional one. */
export const campaignChangeSchema = z
  .object({
    ...planFields,
    title: planFields.title.nullable(),
    targets: planFields.targets.nullable(),
    classes: planFields.classes.nullable(),
    stage: planFields.stage.nullable(),
    reportingYear: planFields.reportingYear.nullable(),
    reminders: planFields.reminders.nullable(),
  })
  .partial()
  .strict();
export type CampaignChange = z.infer<typeof campaignChangeSchema>;
/** A PATCH body: the change and the revision of the campaign it was made on (a stale one is 409 with the current campaign). */
const campaignPatchSchema = campaignChangeSchema
  .extend({ revision: z.number().int().min(0) })
  .strict()
  .refine((change) => Object.keys(change).some((key) => key !== 'revision'), 'nothing to change');

const reopenSchema = z.object({ closesOn: day.optional() }).strict();

const campaignListQuery = z
  .object({
    status: z.enum(['planned', 'open', 'closed']).optional(),
    schoolId: id.optional(),
    instrumentId: z.string().max(64).optional(),
    /** Campaigns running on any day from `from` to `to` (the calendar's month or school year). */
    from: day.optional(),
    to: day.optional(),
  })
  .strict();

const auditQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), campaignId: id.optional() }).strict();

const campaignParams = z.object({ id });
const linkParams = z.object({ id, linkId: id });
const campaign = {
  description: 'The campaign: { id, title, instrumentId, instrumentVersion, audience, schoolIds, status, opensOn, closesOn, … }',
};

export const campaignApi = {
  list: {
    method: 'get',
    path: '/api/campaigns',
    summary: 'Campaigns by opening day (a school coordinator: those of their school)',
    access: 'signed-in',
    query: campaignListQuery,
    responses: { 200: { description: '{ campaigns }' } },
  },
  plan: {
    method: 'post',
    path: '/api/campaigns',
    summary: 'Plans a campaign',
    access: 'signed-in',
    body: campaignPlanSchema,
    bodyCode: 'campaign.invalid',
    responses: { 201: campaign },
  },
  allAudit: {
    method: 'get',
    path: '/api/campaigns/audit',
    summary: 'The latest audit entries of every campaign (administrators)',
    access: 'signed-in',
    query: auditQuery,
    responses: { 200: { description: '{ timeZone, entries: [{ campaignId, campaignTitle, revision, at, actor, action, changes }] }' } },
  },
  read: {
    method: 'get',
    path: '/api/campaigns/:id',
    summary: 'One campaign',
    access: 'signed-in',
    params: campaignParams,
    responses: { 200: campaign },
  },
  change: {
    method: 'patch',
    path: '/api/campaigns/:id',
    summary: "Changes a campaign's plan (some fields are fixed once it is open); the body names the campaign's revision it was made on",
    access: 'signed-in',
    params: campaignParams,
    body: campaignPatchSchema,
    bodyCode: 'campaign.invalid',
    responses: {
      200: campaign,
      409: { description: 'campaign.changed: the revision is not the current one; error.details.campaign is the current campaign' },
    },
  },
  open: {
    method: 'post',
    path: '/api/campaigns/:id/open',
    summary: 'Opens a planned campaign: issues its links, schedules its invitations and reminders',
    access: 'signed-in',
    params: campaignParams,
    body: noBody,
    responses: { 200: campaign },
  },
  close: {
    method: 'post',
    path: '/api/campaigns/:id/close',
    summary: 'Closes an open campaign today',
    access: 'signed-in',
    params: campaignParams,
    body: noBody,
    responses: { 200: campaign },
  },
  reopen: {
    method: 'post',
    path: '/api/campaigns/:id/reopen',
    summary: 'Reopens a closed campaign, with a new closing day when the old one has passed',
    access: 'signed-in',
    params: campaignParams,
    body: reopenSchema,
    bodyCode: 'campaign.invalid',
    responses: { 200: campaign },
  },
  links: {
    method: 'get',
    path: '/api/campaigns/:id/links',
    summary: "A campaign's links with their URLs, QR codes and posters (a school coordinator: their school's)",
    access: 'signed-in',
    params: campaignParams,
    responses: { 200: { description: '{ links: [{ id, schoolId, school, className, url, qrPng, qrSvg, poster }] }' } },
  },
  qrPng: {
    method: 'get',
    path: '/api/campaigns/:id/links/:linkId/qr.png',
    summary: "A link's QR code as PNG",
    access: 'signed-in',
    params: linkParams,
    responses: { 200: { description: 'The QR code', type: 'png' } },
  },
  qrSvg: {
    method: 'get',
    path: '/api/campaigns/:id/links/:linkId/qr.svg',
    summary: "A link's QR code as SVG",
    access: 'signed-in',
    params: linkParams,
    responses: { 200: { description: 'The QR code', type: 'svg' } },
  },
  poster: {
    method: 'get',
    path: '/api/campaigns/:id/links/:linkId/poster.pdf',
    summary: "A link's A4 poster (Russian) for a parents' meeting",
    access: 'signed-in',
    params: linkParams,
    responses: { 200: { description: 'The poster', type: 'pdf' } },
  },
  rates: {
    method: 'get',
    path: '/api/campaigns/:id/response-rates',
    summary: 'Answers so far per school (and per class link) against the targets',
    access: 'signed-in',
    params: campaignParams,
    responses: { 200: { description: '{ campaignId, schools, classes, total: { answers, target, rate } }' } },
  },
  audit: {
    method: 'get',
    path: '/api/campaigns/:id/audit',
    summary: "One campaign's audit log",
    access: 'signed-in',
    params: campaignParams,
    responses: { 200: { description: '{ timeZone, entries }' } },
  },
  tasks: {
    method: 'get',
    path: '/api/my/tasks',
    summary: 'What open campaigns ask of the signed-in person',
    access: 'signed-in',
    responses: { 200: { description: '{ tasks: [{ campaignId, title, instrumentId, kind, closesOn, path, status }] }' } },
  },
  linkPage: {
    method: 'get',
    path: '/api/links/:token',
    summary: "What a respondent's page needs to show the survey behind a link (no account)",
    access: 'public',
    // Any text: a token that is not one answers link.unknown (404), as an unknown one does.
    params: z.object({ token: z.string() }),
    responses: { 200: { description: '{ campaign: { title, closesOn }, school, instrument }' } },
  },
} satisfies Record<string, ApiRoute>;
