// Test support for accounts: users made through the service (real argon2 hashes), and a
// supertest agent that keeps cookies and sends the CSRF token the way the client does.
import request from 'supertest';
import type { Role } from '../../server/accounts/data';
import { createUser } from '../../server/accounts/service';
import type { Store } from '../../server/store';
import type { TestMera } from './mera';

export const PASSWORD = 'correct horse battery staple';

export async function makeUser(store: Store, email: string, role: Role, schoolId?: string, password: string | undefined = PASSWORD) {
  return createUser(store, { email, role, schoolId, password, name: email.split('@')[0] });
}

export interface Browser {
  agent: ReturnType<typeof request.agent>;
  csrf: string;
  /** The session cookie ("mera.sid=…") as last set by the server. */
  cookie?: string;
  /** Fetches a fresh CSRF token (after sign-in or sign-out the session is a new one). */
  refresh(): Promise<string>;
}

/** A cookie-keeping client that has loaded GET /api/session (its CSRF token). */
export async function browser(mera: TestMera): Promise<Browser> {
  const agent = request.agent(mera.app);
  const b: Browser = {
    agent,
    csrf: '',
    async refresh() {
      const res = await agent.get('/api/session').expect(200);
      b.csrf = res.body.csrfToken;
      b.cookie = sessionCookie(res) ?? b.cookie;
      return b.csrf;
    },
  };
  await b.refresh();
  return b;
}

export async function signedInBrowser(mera: TestMera, email: string, password = PASSWORD): Promise<Browser> {
  const b = await browser(mera);
  const res = await b.agent.post('/api/session').set('x-csrf-token', b.csrf).send({ email, password });
  if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  b.csrf = res.body.csrfToken;
  b.cookie = sessionCookie(res) ?? b.cookie;
  return b;
}

/** The session cookie's value from a response's Set-Cookie header. */
export function sessionCookie(res: { headers: Record<string, unknown> }): string | undefined {
  const cookies = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  return cookies.map((c) => c.split(';')[0]).find((c) => c.startsWith('mera.sid=') || c.startsWith('__Host-mera.sid='));
}
