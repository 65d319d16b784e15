// Request schemas of the accounts API, parsed at the route (services get typed values).
import { z } from 'zod';
import { problem } from '../errors';
import { locales, roles } from './data';

export function parse<T>(schema: z.ZodType<T>, value: unknown, where?: string): T {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.length > 0 ? issue.path.join('.') : where;
  throw problem('request.invalid', {
    field: field ?? 'body',
    values: { reason: field ? `"${field}" is not valid: ${issue.message}` : issue.message },
  });
}

const email = z.string().trim().max(254).email('an e-mail address');
const password = z.string().min(1, 'required').max(1024, 'at most 1024 characters');
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id');

export const signInBody = z.object({ email: z.string().max(254), password }).strict();
export const firstRunBody = z
  .object({ email, name: z.string().trim().max(200).optional(), password, locale: z.enum(locales).optional() })
  .strict();
export const setPasswordBody = z.object({ password }).strict();
export const resetRequestBody = z.object({ email: z.string().max(254) }).strict();
export const newUserBody = z
  .object({
    email,
    name: z.string().trim().max(200).optional(),
    role: z.enum(roles),
    schoolId: id.optional(),
    locale: z.enum(locales).optional(),
    subject: z.string().trim().max(200).optional(),
    formTutor: z.boolean().optional(),
  })
  .strict();
export const userChangeBody = z.object({ active: z.boolean() }).strict();
export const accountChangeBody = z.object({ locale: z.enum(locales).optional(), name: z.string().trim().max(200).optional() }).strict();
export const userListQuery = z.object({ schoolId: id.optional() }).strict();
export const idParam = id;
export const rosterBody = z
  .object({
    format: z.enum(['csv', 'xlsx']),
    /** The file, base64-encoded. */
    content: z
      .string()
      .min(1)
      .max(2_000_000)
      .regex(/^[A-Za-z0-9+/=\s]+$/, 'base64'),
    schoolId: id.optional(),
  })
  .strict();
