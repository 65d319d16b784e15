// Signing in and out over real HTTP on the real app and a temp embedded store: passwords checked
// with argon2id, the session id changing on sign-in, sign-out ending the session on the server,
// CSRF refusals, the login rate limit, and the first administrator.
import request from 'supertest';
import { rateLimitsCollection, sessionsCollection, usersCollection } from '../../server/accounts/data';
import { browser, makeUser, PASSWORD, sessionCookie, signedInBrowser } from '../support/accounts';
import { listen, startMera, TestMera } from '../support/mera';

let mera: TestMera;
beforeAll(async () => {
  mera = await startMera({ config: { adminToken: 'a-long-administrator-token-for-tests' } });
  await makeUser(mera.store, 'teacher@school.test', 'teacher', 'school-a');
});
afterAll(() => mera.close());

test('a password is stored only as an argon2id hash with OWASP parameters', async () => {
  const user = await mera.store.collection(usersCollection).findOne({ email: 'teacher@school.test' });
  expect(user!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  expect(JSON.stringify(user)).not.toContain(PASSWORD);
});

test('signing in with the right password answers the user and a session id; before it the visitor had none', async () => {
  const b = await browser(mera);
  // Nothing is stored for a visitor who has not signed in (tests/security/anonymous-session.test.ts).
  expect(b.cookie).toBeUndefined();
  const res = await b.agent
    .post('/api/session')
    .set('x-csrf-token', b.csrf)
    .send({ email: 'Teacher@School.test', password: PASSWORD })
    .expect(200);
  expect(res.body.user).toMatchObject({ email: 'teacher@school.test', role: 'teacher', schoolId: 'school-a' });
  expect(res.body.user.passwordHash).toBeUndefined();
  const signedInCookie = sessionCookie(res);
  expect(signedInCookie).toBeDefined();
  expect((await b.agent.get('/api/session')).body.user.email).toBe('teacher@school.test');
});

test('the session cookie is HttpOnly and SameSite=Lax, and not Secure outside production', async () => {
  const b = await browser(mera);
  const res = await b.agent
    .post('/api/session')
    .set('x-csrf-token', b.csrf)
    .send({ email: 'teacher@school.test', password: PASSWORD })
    .expect(200);
  const header = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('mera.sid='))!;
  expect(header).toMatch(/HttpOnly/);
  expect(header).toMatch(/SameSite=Lax/);
  expect(header).not.toMatch(/Secure/);
});

test('a wrong password or an unknown e-mail is a 401 with the same message, and no session user', async () => {
  const b = await browser(mera);
  const wrong = await b.agent
    .post('/api/session')
    .set('x-csrf-token', b.csrf)
    .send({ email: 'teacher@school.test', password: 'not the password at all' })
    .expect(401);
  const unknown = await b.agent
    .post('/api/session')
    .set('x-csrf-token', b.csrf)
    .send({ email: 'nobody@school.test', password: 'not the password at all' })
    .expect(401);
  expect(wrong.body.error).toEqual(unknown.body.error);
  expect(wrong.body.error).toMatchObject({ code: 'auth.wrong_credentials', field: 'password' });
  expect((await b.agent.get('/api/session')).body.user).toBeNull();
});

test("signing in without the CSRF token, or with another session's, is refused with 403", async () => {
  const b = await browser(mera);
  const other = await browser(mera);
  const none = await b.agent.post('/api/session').send({ email: 'teacher@school.test', password: PASSWORD }).expect(403);
  expect(none.body.error).toMatchObject({ code: 'csrf.invalid', field: 'x-csrf-token' });
  await b.agent.post('/api/session').set('x-csrf-token', other.csrf).send({ email: 'teacher@school.test', password: PASSWORD }).expect(403);
});

test('a signed-in state-changing request without the CSRF token, or from another site, is refused and changes nothing', async () => {
  const b = await signedInBrowser(mera, 'teacher@school.test');
  await b.agent.patch('/api/account').send({ locale: 'en' }).expect(403);
  const cross = await b.agent
    .patch('/api/account')
    .set('x-csrf-token', b.csrf)
    .set('Origin', 'https://evil.example')
    .send({ locale: 'en' })
    .expect(403);
  expect(cross.body.error.code).toBe('csrf.cross_origin');
  await b.agent.patch('/api/account').set('x-csrf-token', b.csrf).set('Sec-Fetch-Site', 'cross-site').send({ locale: 'en' }).expect(403);
  expect((await b.agent.get('/api/session')).body.user.locale).toBe('ru');
  await b.agent.patch('/api/account').set('x-csrf-token', b.csrf).send({ locale: 'en' }).expect(200);
  expect((await b.agent.get('/api/session')).body.user.locale).toBe('en');
  await b.agent.patch('/api/account').set('x-csrf-token', b.csrf).send({ locale: 'ru' }).expect(200);
});

test('signing out destroys the session on the server: the old cookie no longer signs anyone in', async () => {
  const b = await signedInBrowser(mera, 'teacher@school.test');
  const cookie = b.cookie!;
  expect((await request(mera.app).get('/api/session').set('Cookie', cookie)).body.user).not.toBeNull();
  const before = await mera.store.collection(sessionsCollection).countDocuments({});
  await b.agent.delete('/api/session').set('x-csrf-token', b.csrf).expect(204);
  expect(await mera.store.collection(sessionsCollection).countDocuments({})).toBe(before - 1);
  expect((await b.agent.get('/api/session')).body.user).toBeNull();
  expect((await request(mera.app).get('/api/session').set('Cookie', cookie)).body.user).toBeNull();
});

test('a deactivated user is signed out on their next request', async () => {
  await makeUser(mera.store, 'leaving@school.test', 'teacher', 'school-a');
  const b = await signedInBrowser(mera, 'leaving@school.test');
  await mera.store.collection(usersCollection).updateOne({ email: 'leaving@school.test' }, { $set: { active: false } });
  expect((await b.agent.get('/api/session')).body.user).toBeNull();
  const again = await browser(mera);
  await again.agent
    .post('/api/session')
    .set('x-csrf-token', again.csrf)
    .send({ email: 'leaving@school.test', password: PASSWORD })
    .expect(401);
});

test('after five wrong passwords for one account from one address, the sixth attempt from that address is refused with 429, even with the right password', async () => {
  await makeUser(mera.store, 'target@school.test', 'teacher', 'school-a');
  const b = await browser(mera);
  for (let i = 0; i < 5; i++) {
    await b.agent
      .post('/api/session')
      .set('x-csrf-token', b.csrf)
      .send({ email: 'target@school.test', password: `wrong guess ${i}` })
      .expect(401);
  }
  const res = await b.agent
    .post('/api/session')
    .set('x-csrf-token', b.csrf)
    .send({ email: 'target@school.test', password: PASSWORD })
    .expect(429);
  expect(res.body.error.code).toBe('auth.rate_limited');
  expect(res.headers['ratelimit-policy']).toBeDefined();
  // Another account is not affected by this account's counter.
  await b.agent.post('/api/session').set('x-csrf-token', b.csrf).send({ email: 'teacher@school.test', password: PASSWORD }).expect(200);
});

test('rate-limit counters keep neither the address nor the e-mail, only salted hashes', async () => {
  const counters = await mera.store.collection(rateLimitsCollection).find({});
  expect(counters.length).toBeGreaterThan(0);
  const all = JSON.stringify(counters);
  expect(all).not.toMatch(/127\.0\.0\.1|::1|school\.test/);
});

test('an API request with the administrator token needs no session or CSRF token', async () => {
  const res = await request(mera.app).get('/api/users').set('Authorization', 'Bearer a-long-administrator-token-for-tests').expect(200);
  expect(res.body.users.map((u: { email: string }) => u.email)).toContain('teacher@school.test');
  await request(mera.app).get('/api/users').expect(401);
});

test('the anonymous respondent submission path still works without any session or token', async () => {
  // No link exists in this store; the point is the answer is the link's own 404, not a CSRF refusal.
  const res = await request(mera.app).post('/api/links/AAAAAAAAAAAAAAAAAAAAAAAA/responses').send({ answers: {} });
  expect(res.status).toBe(404);
  expect(res.headers['set-cookie']).toBeUndefined();
});

describe('the first administrator', () => {
  let empty: TestMera;
  beforeEach(async () => {
    empty = await startMera({});
  });
  afterEach(() => empty.close());

  test('on a store without an administrator, a request from localhost creates one and signs them in; a second attempt is refused', async () => {
    const server = await listen(empty.app);
    try {
      const agent = request.agent(server.baseUrl);
      const first = await agent.get('/api/first-run').expect(200);
      expect(first.body).toEqual({ needed: true, allowed: true });
      const csrf = (await agent.get('/api/session')).body.csrfToken;
      const created = await agent
        .post('/api/first-run')
        .set('x-csrf-token', csrf)
        .send({ email: 'root@cluster.test', password: 'first admin passphrase' })
        .expect(201);
      expect(created.body.user).toMatchObject({ email: 'root@cluster.test', role: 'administrator' });
      expect((await agent.get('/api/first-run')).body).toEqual({ needed: false, allowed: false });
      const again = await agent
        .post('/api/first-run')
        .set('x-csrf-token', created.body.csrfToken)
        .send({ email: 'other@cluster.test', password: 'first admin passphrase' })
        .expect(409);
      expect(again.body.error.code).toBe('first_run.done');
    } finally {
      await server.stop();
    }
  });

  test('a first-run request that came through a proxy (X-Forwarded-For) is refused and creates nobody', async () => {
    const server = await listen(empty.app);
    try {
      const agent = request.agent(server.baseUrl);
      expect((await agent.get('/api/first-run').set('X-Forwarded-For', '203.0.113.9')).body).toEqual({ needed: true, allowed: false });
      const csrf = (await agent.get('/api/session')).body.csrfToken;
      const res = await agent
        .post('/api/first-run')
        .set('x-csrf-token', csrf)
        .set('X-Forwarded-For', '203.0.113.9')
        .send({ email: 'root@cluster.test', password: 'first admin passphrase' })
        .expect(403);
      expect(res.body.error.code).toBe('first_run.not_local');
      expect(await empty.store.collection(usersCollection).countDocuments({})).toBe(0);
    } finally {
      await server.stop();
    }
  });
});

test('in demo mode the seed makes one account per role, listed with the demo password, and each can sign in', async () => {
  const demo = await startMera({ seed: true });
  try {
    const res = await request(demo.app).get('/api/demo-accounts').expect(200);
    expect(res.body.accounts.map((a: { role: string }) => a.role)).toEqual([
      'administrator',
      'cluster-coordinator',
      'school-coordinator',
      'teacher',
    ]);
    for (const account of res.body.accounts) {
      const b = await signedInBrowser(demo, account.email, res.body.password);
      expect((await b.agent.get('/api/session')).body.user.role).toBe(account.role);
    }
    const off = await startMera({ config: { seedDemo: false } });
    try {
      expect((await request(off.app).get('/api/demo-accounts').expect(200)).body).toEqual({ accounts: [] });
    } finally {
      await off.close();
    }
  } finally {
    await demo.close();
  }
});

test('a session past its expiry no longer signs anyone in, even before the store removes it', async () => {
  const b = await signedInBrowser(mera, 'teacher@school.test');
  const sessions = mera.store.collection(sessionsCollection);
  const sid = decodeURIComponent(b.cookie!.split('=')[1]).slice(2).split('.')[0];
  expect(await sessions.findOne({ _id: sid })).not.toBeNull();
  await sessions.updateOne({ _id: sid }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
  expect((await b.agent.get('/api/session')).body.user).toBeNull();
});

test('when a rate-limit window ends, the account may try again', async () => {
  await makeUser(mera.store, 'patient@school.test', 'teacher', 'school-a');
  const b = await browser(mera);
  for (let i = 0; i < 5; i++) {
    await b.agent
      .post('/api/session')
      .set('x-csrf-token', b.csrf)
      .send({ email: 'patient@school.test', password: `wrong guess ${i}` })
      .expect(401);
  }
  await b.agent.post('/api/session').set('x-csrf-token', b.csrf).send({ email: 'patient@school.test', password: PASSWORD }).expect(429);
  // The window's end, without waiting a quarter of an hour: every counter's window ends now.
  await mera.store.collection(rateLimitsCollection).updateMany({}, { $set: { resetsAt: new Date(Date.now() - 1) } });
  await b.agent.post('/api/session').set('x-csrf-token', b.csrf).send({ email: 'patient@school.test', password: PASSWORD }).expect(200);
});

test('sign-in attempts from one address are limited across accounts too', async () => {
  const limited = await startMera({ config: { accounts: { ...mera.config.accounts, loginLimitPerAddress: 3 } } });
  try {
    const b = await browser(limited);
    for (let i = 0; i < 3; i++) {
      await b.agent
        .post('/api/session')
        .set('x-csrf-token', b.csrf)
        .send({ email: `guess${i}@school.test`, password: 'wrong password' })
        .expect(401);
    }
    const res = await b.agent
      .post('/api/session')
      .set('x-csrf-token', b.csrf)
      .send({ email: 'guess9@school.test', password: 'wrong password' })
      .expect(429);
    expect(res.body.error.code).toBe('auth.rate_limited');
  } finally {
    await limited.close();
  }
});
