// Issue 23, item 5: passwords per NIST SP 800-63B. The passwords that were accepted are refused
// (common ones, Russian words and names with a year, keyboard walks on either layout, repeats, the
// published demo password); coordinators and administrators need at least 10 characters; the
// person's own name and e-mail count as guesses; and a new password ends every other session.
import { createUser } from '../../server/accounts/service';
import { issueAccountToken } from '../../server/accounts/tokens';
import { browser, signedInBrowser } from '../support/accounts';
import { startMera, type TestMera } from '../support/mera';

let mera: TestMera;
beforeAll(async () => {
  mera = await startMera();
});
afterAll(() => mera.close());

let n = 0;
/** A user without a password and a one-time link to set one; returns a function that tries a password through the link. */
async function linkFor(role: 'teacher' | 'school-coordinator' | 'cluster-coordinator' | 'administrator', name = 'Ирина Смирнова') {
  const email = `user${++n}.${role}@school.test`;
  const user = await createUser(mera.store, {
    email,
    name,
    role,
    ...(role === 'teacher' || role === 'school-coordinator' ? { schoolId: 'school-a' } : {}),
  });
  const { token } = await issueAccountToken(mera.store, user._id, 'password-reset');
  const b = await browser(mera);
  return {
    email,
    user,
    attempt: (password: string) => b.agent.post(`/api/account-tokens/${token}/password`).set('x-csrf-token', b.csrf).send({ password }),
  };
}

test.each([
  'Passw0rd!',
  'Qwerty123!',
  'Welcome1!',
  'aaaaaaaa',
  '12341234',
  '        ',
  'йцукенгш',
  'йцукенгшщз',
  'фывапролдж',
  'Марина1985',
  'Marina1985',
  'пароль123',
  'gfhjkm2024', // "пароль2024" typed with the Latin layout on
  'Наташа2010!',
  'qwertyuiop',
  'mera-demo-2026',
])('%j is refused as common or guessable, naming the field', async (password) => {
  const { attempt } = await linkFor('teacher');
  const res = await attempt(password).expect(400);
  expect(['password.common', 'password.guessable']).toContain(res.body.error.code);
  expect(res.body.error.field).toBe('password');
});

test("a password made of the person's own name or e-mail is refused as guessable", async () => {
  const { attempt, email } = await linkFor('teacher', 'Ирина Смирнова');
  const local = email.split('@')[0];
  expect((await attempt(`${local}!!`).expect(400)).body.error.code).toBe('password.guessable');
  const named = await linkFor('teacher', 'Evgenia Kuznetsova');
  expect((await named.attempt('kuznetsova.evgenia').expect(400)).body.error.code).toBe('password.guessable');
});

test('coordinators and administrators need at least 10 characters; a teacher 8; a long phrase of words is fine', async () => {
  for (const role of ['school-coordinator', 'cluster-coordinator', 'administrator'] as const) {
    const { attempt } = await linkFor(role);
    const res = await attempt('Kx8#mq2Lp').expect(400);
    expect(res.body.error).toMatchObject({ code: 'password.too_short', field: 'password' });
    expect(res.body.error.message).toMatch(/10/);
    await attempt('сова летит над рекой').expect(200);
  }
  await (await linkFor('teacher')).attempt('Kx8#mq2Lp').expect(200);
});

test('setting a password from a reset link ends every other session of the account', async () => {
  const { attempt, email, user } = await linkFor('teacher');
  await attempt('старый добрый пароль учителя').expect(200);
  const laptop = await signedInBrowser(mera, email, 'старый добрый пароль учителя');
  const phone = await signedInBrowser(mera, email, 'старый добрый пароль учителя');
  expect((await laptop.agent.get('/api/session')).body.user.email).toBe(email);
  // The owner resets the password from a third browser.
  const { token } = await issueAccountToken(mera.store, user._id, 'password-reset');
  const third = await browser(mera);
  await third.agent
    .post(`/api/account-tokens/${token}/password`)
    .set('x-csrf-token', third.csrf)
    .send({ password: 'совсем новый пароль учителя' })
    .expect(200);
  expect((await laptop.agent.get('/api/session')).body.user).toBeNull();
  expect((await phone.agent.get('/api/session')).body.user).toBeNull();
  expect((await third.agent.get('/api/session')).body.user.email).toBe(email);
});
