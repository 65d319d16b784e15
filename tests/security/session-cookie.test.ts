// Issue 23, item 12: the session and the CSRF check read the same cookie. A cookie written
// "mera.sid =<value>" (a space before "=") authenticated while the CSRF check, reading the header its
// own way, did not see it and let a change through without a token. Now a request the session
// authenticates needs the session's token, however its cookie was written.
import request from 'supertest';
import { makeUser, signedInBrowser } from '../support/accounts';
import { startMera, type TestMera } from '../support/mera';

let mera: TestMera;
beforeAll(async () => {
  mera = await startMera();
  await makeUser(mera.store, 'teacher@school.test', 'teacher', 'school-a');
});
afterAll(() => mera.close());

test.each([
  ['a space before "="', (v: string) => `mera.sid =${v}`],
  ['spaces around "="', (v: string) => `mera.sid = ${v}`],
  ['another cookie first', (v: string) => `theme=dark;mera.sid=${v}`],
  ['the plain cookie', (v: string) => `mera.sid=${v}`],
])('with %s, the session authenticates and a change without the CSRF token is refused', async (_how, write) => {
  const teacher = await signedInBrowser(mera, 'teacher@school.test');
  const value = teacher.cookie!.slice('mera.sid='.length);
  // A plain client (no cookie jar): the Cookie header is exactly the one written here.
  const agent = request(mera.app);
  // The cookie as written authenticates...
  const session = await agent.get('/api/session').set('Cookie', write(value)).expect(200);
  expect(session.body.user.email).toBe('teacher@school.test');
  // ...so a change through it without the token is refused, and with the token it goes through.
  const refused = await agent.patch('/api/account').set('Cookie', write(value)).send({ locale: 'en' });
  expect(refused.status).toBe(403);
  expect(refused.body.error.code).toBe('csrf.invalid');
  await agent.patch('/api/account').set('Cookie', write(value)).set('x-csrf-token', teacher.csrf).send({ locale: 'en' }).expect(200);
});
