// Issue 23, item 9: no session is stored for a visitor who has not signed in. GET /api/session gives a
// visitor a CSRF token bound to a cookie of its own (a signed double-submit cookie), and that token
// still guards what a visitor may do: sign in, set a password from a link, ask for a reset.
import request from 'supertest';
import { sessionsCollection } from '../../server/accounts/data';
import { browser, makeUser, PASSWORD } from '../support/accounts';
import { startMera, type TestMera } from '../support/mera';

let mera: TestMera;
beforeAll(async () => {
  mera = await startMera();
  await makeUser(mera.store, 'teacher@school.test', 'teacher', 'school-a');
});
afterAll(() => mera.close());

const storedSessions = () => mera.store.collection(sessionsCollection).countDocuments({});

test('a hundred anonymous GET /api/session store no session and set no session cookie', async () => {
  for (let i = 0; i < 100; i++) {
    const res = await request(mera.app).get('/api/session').expect(200);
    expect(res.body).toMatchObject({ user: null, csrfToken: expect.any(String) });
    const cookies = ((res.headers['set-cookie'] as unknown as string[] | undefined) ?? []).join(';');
    expect(cookies).not.toMatch(/mera\.sid=/);
  }
  expect(await storedSessions()).toBe(0);
});

test("a visitor signs in with the token of their own cookie; without it, or with another visitor's token, sign-in is refused", async () => {
  const visitor = await browser(mera);
  const other = await browser(mera);
  const signIn = (b: typeof visitor, token: string | undefined) => {
    const req = b.agent.post('/api/session');
    if (token !== undefined) req.set('x-csrf-token', token);
    return req.send({ email: 'teacher@school.test', password: PASSWORD });
  };
  expect((await signIn(visitor, undefined)).body.error.code).toBe('csrf.invalid');
  expect((await signIn(visitor, other.csrf)).status).toBe(403);
  expect((await signIn(visitor, `${visitor.csrf}x`)).status).toBe(403);
  expect(await storedSessions()).toBe(0);
  const res = await signIn(visitor, visitor.csrf).expect(200);
  expect(res.body.user.email).toBe('teacher@school.test');
  // Signed in: one session, now guarded by the session's own token.
  expect(await storedSessions()).toBe(1);
  await visitor.agent.patch('/api/account').set('x-csrf-token', visitor.csrf).send({ locale: 'en' }).expect(403);
  await visitor.agent.patch('/api/account').set('x-csrf-token', res.body.csrfToken).send({ locale: 'en' }).expect(200);
});

test('a password reset request by a visitor needs the token too, and stores no session', async () => {
  const visitor = await browser(mera);
  await visitor.agent.post('/api/password-resets').send({ email: 'nobody@school.test' }).expect(403);
  await visitor.agent.post('/api/password-resets').set('x-csrf-token', visitor.csrf).send({ email: 'nobody@school.test' }).expect(202);
  expect(await storedSessions()).toBe(1); // the signed-in teacher's above, no more
});
