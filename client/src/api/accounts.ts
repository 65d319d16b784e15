// Typed calls to the accounts API. State-changing calls send the session's CSRF token
// (x-csrf-token), fetched from GET /api/session and replaced after sign-in and sign-out.
import { ApiError, request } from './http';

import type { Locale, PublicUser, Role, SessionUser } from '../../../server/accounts/views';

export type { Locale, Role, SessionUser };

export interface SessionView {
  user: SessionUser | null;
  csrfToken: string;
}

/** A user as the users list shows them, with their invitation's state. */
export interface UserView extends PublicUser {
  invitation?: { status: 'pending' | 'sent' | 'failed'; attempts: number; error?: string };
}

let csrf: string | undefined;

export async function fetchSession(): Promise<SessionView> {
  const session = await request<SessionView>('/api/session', { credentials: 'same-origin' });
  csrf = session.csrfToken;
  return session;
}

async function send<T>(method: string, path: string, body: unknown = {}): Promise<T> {
  if (!csrf) await fetchSession();
  const call = () =>
    request<T>(path, { method, credentials: 'same-origin', body: JSON.stringify(body), headers: { 'x-csrf-token': csrf! } });
  try {
    return await call();
  } catch (err) {
    // The session may have expired since the page loaded: fetch a fresh token once and retry.
    if (err instanceof ApiError && err.code === 'csrf.invalid') {
      await fetchSession();
      return call();
    }
    throw err;
  }
}

async function sessionChange(method: string, path: string, body?: unknown): Promise<SessionView> {
  const session = await send<SessionView>(method, path, body);
  csrf = session.csrfToken;
  return session;
}

export const signIn = (email: string, password: string) => sessionChange('POST', '/api/session', { email, password });

export async function signOut(): Promise<void> {
  await send<void>('DELETE', '/api/session');
  csrf = undefined;
}

export const fetchFirstRun = () => request<{ needed: boolean; allowed: boolean }>('/api/first-run');
export const createFirstAdministrator = (input: { email: string; name?: string; password: string; locale: Locale }) =>
  sessionChange('POST', '/api/first-run', input);

export const fetchAccountToken = (token: string) =>
  request<{ purpose: 'invitation' | 'password-reset'; email: string; name: string; locale: Locale }>(
    `/api/account-tokens/${encodeURIComponent(token)}`,
  );
export const setPasswordWithToken = (token: string, password: string) =>
  sessionChange('POST', `/api/account-tokens/${encodeURIComponent(token)}/password`, { password });
export const requestPasswordReset = (email: string) => send<{ accepted: true }>('POST', '/api/password-resets', { email });

export const changeAccount = (change: { locale?: Locale; name?: string }) => send<{ user: UserView }>('PATCH', '/api/account', change);

export const fetchUsers = (schoolId?: string) =>
  request<{ users: UserView[] }>(`/api/users${schoolId ? `?schoolId=${encodeURIComponent(schoolId)}` : ''}`);
export const inviteUser = (input: {
  email: string;
  name?: string;
  role: Role;
  schoolId?: string;
  locale?: Locale;
  subject?: string;
  formTutor?: boolean;
}) => send<{ user: UserView; invitation: { status: string; error?: string } }>('POST', '/api/users', input);
export const resendInvitation = (id: string) =>
  send<{ invitation: { status: string; error?: string } }>('POST', `/api/users/${encodeURIComponent(id)}/invitations`);
export const setUserActive = (id: string, active: boolean) =>
  send<{ user: UserView }>('PATCH', `/api/users/${encodeURIComponent(id)}`, { active });

export const fetchDemoAccounts = () =>
  request<{ password?: string; accounts: { email: string; name: string; role: Role }[] }>('/api/demo-accounts');

export interface RosterResult {
  added: { line: number; user: UserView }[];
  problems: { line: number; field?: string; code: string; message: string }[];
}

export async function uploadRoster(file: File, schoolId?: string): Promise<RosterResult> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const format = /\.xlsx$/i.test(file.name) ? 'xlsx' : 'csv';
  return send<RosterResult>('POST', '/api/users/roster', { format, content: btoa(binary), ...(schoolId ? { schoolId } : {}) });
}
