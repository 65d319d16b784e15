// The respondents' submission: what it reads and answers. It is Mera's busiest request, so its body
// is checked by hand (parseSubmission) rather than by zod, which would copy every answer to parse
// it before the validator walks them anyway; `submissionBody` describes the same shape for the API
// document, and tests/unit/submission-body.test.ts keeps the two in agreement.
import { z } from 'zod';
import { problem } from '../errors';
import { id } from '../http/validate';
import type { ApiRoute } from '../http/api-route';

/** The answers of one response: question name → answer (checked against the instrument by the validator). */
export type Answers = Record<string, unknown>;

export interface Submission {
  answers: Answers;
}

export const submissionBody = z.object({ answers: z.record(z.string(), z.unknown()) }).strict();

/** A random key the device made for this answer (a UUID or similar). */
const idempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,128}$/)
  .optional();

const shape = 'A response is { "answers": { "<question>": <answer>, ... } }.';
const invalid = (field: string, reason: string) => problem('response.invalid', { field, values: { reason } });
const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A submission's body is `{ "answers": { ... } }` and nothing else: the body, typed, or a 400 naming the field. */
export function parseSubmission(body: unknown): Submission {
  if (!isRecord(body)) throw invalid('answers', shape);
  for (const key in body) {
    if (key !== 'answers') throw invalid(key, `"${key}" is not part of a response; send { "answers": { ... } }.`);
  }
  const { answers } = body;
  if (!isRecord(answers)) throw invalid('answers', shape);
  return { answers };
}

/** The Idempotency-Key header, when it is given and well-formed; a 400 naming it when it is not well-formed. */
export function parseIdempotencyKey(header: string | undefined): string | undefined {
  const key = idempotencyKey.safeParse(header || undefined);
  if (!key.success) throw problem('request.idempotency_key', { field: 'Idempotency-Key' });
  return key.data;
}

export const responseApi = {
  submit: {
    method: 'post',
    path: '/api/links/:token/responses',
    summary: "Stores one respondent's answers through a link (no account); a retry with the same Idempotency-Key is stored once",
    access: 'public',
    params: z.object({ token: z.string() }),
    headers: z.object({ 'Idempotency-Key': idempotencyKey }),
    body: submissionBody,
    bodyCode: 'response.invalid',
    responses: {
      201: { description: '{ received: true, dropped: [questions not shown], scores?, repeated?: true }' },
    },
  },
} satisfies Record<string, ApiRoute>;

// A school's own forms (school-forms.ts), signed in: the form's state, its draft, its revisions,
// reopening after the campaign closed, the working group.
const formParams = z.object({ campaignId: id, schoolId: id });
const formAnswers = z.record(z.string(), z.unknown());
const reason = z.string().trim().min(1).max(2000);

const draftBody = z.object({ answers: formAnswers, basedOn: z.number().int().min(0) }).strict();
const revisionBody = z.object({ answers: formAnswers, basedOn: z.number().int().min(0), reason: reason.optional() }).strict();
const reopenBody = z.object({ reason: reason.optional() }).strict();
const groupBody = z.object({ userIds: z.array(id).max(100) }).strict();

const formState = {
  description:
    '{ campaign, schoolId, instrument, access: fill|read, window: not-open|open|closed|reopened, editable, draft, draftRevision, submitted: { revision, answers, by, at, day } | null, revisions: [{ revision, by, at, day, reason }], group }',
};

export const schoolFormApi = {
  byLink: {
    method: 'get',
    path: '/api/school-forms/link/:token',
    summary: "A school's form behind its link, signed in: the draft, the latest revision and who may change it",
    access: 'signed-in',
    params: z.object({ token: z.string() }),
    responses: { 200: formState },
  },
  changes: {
    method: 'get',
    path: '/api/school-forms/:campaignId/changes',
    summary: "Per school, the answers of a campaign's forms that changed after the form was first sent",
    access: 'signed-in',
    params: z.object({ campaignId: id }),
    responses: { 200: { description: '{ changes: { <schoolId>: [question, …] } }' } },
  },
  state: {
    method: 'get',
    path: '/api/school-forms/:campaignId/:schoolId',
    summary: "A school's form of a campaign: the draft, the latest revision and who may change it",
    access: 'signed-in',
    params: formParams,
    responses: { 200: formState },
  },
  draft: {
    method: 'put',
    path: '/api/school-forms/:campaignId/:schoolId/draft',
    summary: 'Saves the form as it is filled; a save based on a replaced draft is refused (409 with the current draft)',
    access: 'signed-in',
    params: formParams,
    body: draftBody,
    answerNames: true,
    responses: { 200: { description: '{ revision }: the draft revision the next save names' } },
  },
  submit: {
    method: 'post',
    path: '/api/school-forms/:campaignId/:schoolId/revisions',
    summary: "Sends the school's form: its first revision, or a correction (with a reason) of the latest one it names",
    access: 'signed-in',
    params: formParams,
    body: revisionBody,
    answerNames: true,
    bodyCode: 'response.invalid',
    responses: { 201: { description: '{ received: true, revision, dropped, scores? }' } },
  },
  reopen: {
    method: 'post',
    path: '/api/school-forms/:campaignId/:schoolId/reopen',
    summary: "The cluster coordinator reopens one school's form of a closed campaign for a correction",
    access: 'signed-in',
    params: formParams,
    body: reopenBody,
    responses: { 200: { description: '{ reopened: true }' } },
  },
  group: {
    method: 'get',
    path: '/api/school-forms/:campaignId/:schoolId/group',
    summary: "The form's working group and the school's colleagues who may join it",
    access: 'signed-in',
    params: formParams,
    responses: { 200: { description: '{ members: [userId], candidates: [{ id, name, email, role }] }' } },
  },
  setGroup: {
    method: 'put',
    path: '/api/school-forms/:campaignId/:schoolId/group',
    summary: "The school's coordinator names the form's working group",
    access: 'signed-in',
    params: formParams,
    body: groupBody,
    responses: { 200: { description: '{ members: [userId] }' } },
  },
} satisfies Record<string, ApiRoute>;
