// The accounts routes: what each reads (zod, parsed by validate() before any service runs) and answers.
import { z } from 'zod';
import type { ApiRoute } from '../http/api-route';
import { id, noBody } from '../http/validate';
import { locales, roles } from './data';

const email = z.string().trim().max(254).email('an e-mail address');
const password = z.string().min(1, 'required').max(1024, 'at most 1024 characters');

const signInBody = z.object({ email: z.string().max(254), password }).strict();
const firstRunBody = z
  .object({ email, name: z.string().trim().max(200).optional(), password, locale: z.enum(locales).optional() })
  .strict();
const setPasswordBody = z.object({ password }).strict();
const resetRequestBody = z.object({ email: z.string().max(254) }).strict();
const newUserBody = z
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
const userChangeBody = z.object({ active: z.boolean() }).strict();
const accountChangeBody = z.object({ locale: z.enum(locales).optional(), name: z.string().trim().max(200).optional() }).strict();
const userListQuery = z.object({ schoolId: id.optional() }).strict();
const rosterBody = z
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

/** A one-time link's token (any text: one that is not a token answers account_token.unknown, 404). */
const tokenParams = z.object({ token: z.string() });
const userParams = z.object({ id });
const session = { description: '{ user: the signed-in person or null, csrfToken }' };

export const accountApi = {
  session: {
    method: 'get',
    path: '/api/session',
    summary: 'Who is signed in, and the CSRF token every change sends (x-csrf-token)',
    access: 'public',
    responses: { 200: session },
  },
  signIn: {
    method: 'post',
    path: '/api/session',
    summary: 'Signs in (a new session); limited per address and per account',
    access: 'public',
    body: signInBody,
    responses: { 200: session },
  },
  signOut: {
    method: 'delete',
    path: '/api/session',
    summary: 'Signs out: the session is destroyed',
    access: 'public',
    responses: { 204: { description: 'Signed out', type: 'none' } },
  },
  demoAccounts: {
    method: 'get',
    path: '/api/demo-accounts',
    summary: 'In demo mode, the accounts a newcomer can sign in as, and their password',
    access: 'public',
    responses: { 200: { description: '{ password?, accounts }' } },
  },
  firstRunNeeded: {
    method: 'get',
    path: '/api/first-run',
    summary: 'Whether Mera still needs its first administrator, and whether this request may create them',
    access: 'public',
    responses: { 200: { description: '{ needed, allowed }' } },
  },
  firstRun: {
    method: 'post',
    path: '/api/first-run',
    summary: 'Creates the first administrator (from the server itself only) and signs them in',
    access: 'public',
    body: firstRunBody,
    responses: { 201: session },
  },
  accountToken: {
    method: 'get',
    path: '/api/account-tokens/:token',
    summary: 'What a one-time link (invitation or password reset) is for',
    access: 'public',
    params: tokenParams,
    responses: { 200: { description: '{ purpose, email, name, locale }' } },
  },
  setPassword: {
    method: 'post',
    path: '/api/account-tokens/:token/password',
    summary: 'Sets a password with a one-time link, and signs in',
    access: 'public',
    params: tokenParams,
    body: setPasswordBody,
    responses: { 200: session },
  },
  passwordReset: {
    method: 'post',
    path: '/api/password-resets',
    summary: 'Sends a password-reset link (the same answer whether or not the e-mail is registered)',
    access: 'public',
    body: resetRequestBody,
    responses: { 202: { description: '{ accepted: true }' } },
  },
  changeAccount: {
    method: 'patch',
    path: '/api/account',
    summary: "Changes the signed-in person's language or name",
    access: 'signed-in',
    body: accountChangeBody,
    responses: { 200: { description: '{ user }' } },
  },
  users: {
    method: 'get',
    path: '/api/users',
    summary: 'The users within the reader’s scope, with their latest invitation',
    access: 'signed-in',
    query: userListQuery,
    responses: { 200: { description: '{ users: [{ id, email, name, role, schoolId?, locale, active, hasPassword, …, invitation? }] }' } },
  },
  addUser: {
    method: 'post',
    path: '/api/users',
    summary: 'Adds a user and sends their invitation',
    access: 'signed-in',
    body: newUserBody,
    responses: { 201: { description: '{ user, invitation: { expiresAt, status, error? } }' } },
  },
  roster: {
    method: 'post',
    path: '/api/users/roster',
    summary: "Adds a school's teachers from a CSV or XLSX roster and invites them",
    access: 'signed-in',
    body: rosterBody,
    responses: {
      201: { description: '{ added: [{ line, user }], problems: [{ line, field, code, message }] }' },
      200: { description: 'Nobody added: { added: [], problems }' },
    },
  },
  invite: {
    method: 'post',
    path: '/api/users/:id/invitations',
    summary: 'Sends a user a new invitation',
    access: 'signed-in',
    params: userParams,
    body: noBody,
    responses: { 201: { description: '{ invitation: { expiresAt, status, error? } }' } },
  },
  changeUser: {
    method: 'patch',
    path: '/api/users/:id',
    summary: 'Deactivates or reactivates a user',
    access: 'signed-in',
    params: userParams,
    body: userChangeBody,
    responses: { 200: { description: '{ user }' } },
  },
} satisfies Record<string, ApiRoute>;
