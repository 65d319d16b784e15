// The shapes the campaign routes accept, checked before any service runs (zod). Services get
// typed values; rules that need the store (instrument exists, schools exist) live in the services.
import { z } from 'zod';
import { problem } from '../errors';
import { localizedText } from '../surveys/instrument';
import { audiences, checklistStages } from './data';
import { isCalendarDay } from './dates';

const day = z.string().refine(isCalendarDay, 'a calendar day written YYYY-MM-DD');
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id: letters, digits, - and _');

const responsible = z
  .object({ userId: id.optional(), name: z.string().trim().min(1).max(200).optional() })
  .strict()
  .refine((r) => r.userId !== undefined || r.name !== undefined, "give the responsible person's user id or name");

const planFields = {
  title: localizedText.optional(),
  instrumentId: z.string().regex(/^[a-z][a-z0-9-]{1,63}$/, 'an instrument id such as parent-survey'),
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
  .strict()
  .refine((change) => Object.keys(change).length > 0, 'nothing to change');
export type CampaignChange = z.infer<typeof campaignChangeSchema>;

export const reopenSchema = z.object({ closesOn: day.optional() }).strict();
export const noBodySchema = z.object({}).strict();

export const campaignListQuery = z
  .object({
    status: z.enum(['planned', 'open', 'closed']).optional(),
    schoolId: id.optional(),
    instrumentId: z.string().max(64).optional(),
    /** Campaigns running on any day from `from` to `to` (the calendar's month or school year). */
    from: day.optional(),
    to: day.optional(),
  })
  .strict();

export const idParam = id;

export const auditQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), campaignId: id.optional() }).strict();

/** Parses input with a schema, or throws a 400 naming the first field at fault. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  code: 'campaign.invalid' | 'campaign.not_found' | 'campaign.link_not_found' = 'campaign.invalid',
): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path.join('.') || undefined;
  const message =
    issue.code === 'unrecognized_keys' ? `"${field}" is not a field of a campaign.` : `${field ? `${field}: ` : ''}${issue.message}`;
  if (code !== 'campaign.invalid') throw problem(code, { field: field ?? 'id' });
  throw problem(code, { field: field ?? 'body', values: { reason: message } });
}
