// The respondents' submission: what it reads and answers. It is Mera's busiest request, so its body
// is checked by hand (parseSubmission) rather than by zod, which would copy every answer to parse
// it before the validator walks them anyway; `submissionBody` describes the same shape for the API
// document, and tests/unit/submission-body.test.ts keeps the two in agreement.
import { z } from 'zod';
import { problem } from '../errors';
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
