// Typed calls to the accounts API: the session, sign-in and -out, first run, invitations and
// password links, the users list and the roster. Changes go through `send` (CSRF token, retry policy).
import { get, send, sessionChanged, type SessionView } from './http';

import type { Locale, PublicUser, Role, SessionUser } from '../../../server/accounts/views';

export type { Locale, Role, SessionUser, SessionView };

/** A user as the users list shows them, with their invitation's state. */
export interface UserView extends PublicUser {
  invitation?: { status: 'pending' | 'sent' | 'failed'; attempts: number; error?: string };
}

/** Sends a request whose answer is a new session (signing in, setting a password, the first administrator). */
async function startSession(path: string, body: unknown): Promise<SessionView> {
  const session = await send<SessionView>('POST', path, body);
  sessionChanged(session);
  return session;
}

export const signIn = (email: string, password: string) => startSession('/api/session', { email, password });

export async function signOut(): Promise<void> {
  await send<void>('DELETE', '/api/session');
  sessionChanged({ user: null });
}

export const fetchFirstRun = () => get<{ needed: boolean; allowed: boolean }>('/api/first-run');
export const createFirstAdministrator = (input: { email: string; name?: string; password: string; locale: Locale }) =>
  startSession('/api/first-run', input);

export const fetchAccountToken = (token: string) =>
  get<{ purpose: 'invitation' | 'password-reset'; email: string; name: string; locale: Locale }>(
    `/api/account-tokens/${encodeURIComponent(token)}`,
  );
export const setPasswordWithToken = (token: string, password: string) =>
  startSession(`/api/account-tokens/${encodeURIComponent(token)}/password`, { password });
export const requestPasswordReset = (email: string) => send<{ accepted: true }>('POST', '/api/password-resets', { email });

export const changeAccount = (change: { locale?: Locale; name?: string }) => send<{ user: UserView }>('PATCH', '/api/account', change);

export const fetchUsers = (schoolId?: string) =>
  get<{ users: UserView[] }>(`/api/users${schoolId ? `?schoolId=${encodeURIComponent(schoolId)}` : ''}`);
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
  get<{ password?: string; accounts: { email: string; name: string; role: Role }[] }>('/api/demo-accounts');

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
