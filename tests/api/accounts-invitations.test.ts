// Invitations and password resets through a real SMTP server in this process: recipient,
// subject and language, the link in the body works once, expired and used links are refused,
// failed sends are retried and shown, and without SMTP_URL mail lands as .eml files.
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createApp } from '../../server/app';
import { accountTokensCollection, usersCollection } from '../../server/accounts/data';
import { schoolsCollection } from '../../server/schools/data';
import { outboxCollection } from '../../server/mail/data';
import { createMailer, mailTransport } from '../../server/mail/outbox';
import { browser, makeUser, PASSWORD, signedInBrowser } from '../support/accounts';
import { startMera, TestMera } from '../support/mera';
import { Inbox, linkToken, startInbox } from '../support/smtp';

let inbox: Inbox;
let mera: TestMera;
beforeAll(async () => {
  inbox = await startInbox();
  mera = await startMera({
    config: { mail: { smtpUrl: inbox.url, from: 'Mera <mera@cluster.test>' }, publicUrl: 'https://mera.cluster.test' },
  });
  const names = (n: string) => ({ default: `Школа № ${n}`, en: `School No. ${n}` });
  await mera.store.collection(schoolsCollection).insertMany([
    { _id: 'school-a', number: '1', name: names('1'), shortName: names('1') },
    { _id: 'school-b', number: '2', name: names('2'), shortName: names('2') },
  ]);
  await makeUser(mera.store, 'coordinator@school.test', 'school-coordinator', 'school-a');
});
afterAll(async () => {
  await mera.close();
  await inbox.close();
});

async function invite(email: string, extra: Record<string, unknown> = {}) {
  const c = await signedInBrowser(mera, 'coordinator@school.test');
  const before = inbox.messages.length;
  const res = await c.agent
    .post('/api/users')
    .set('x-csrf-token', c.csrf)
    .send({ email, name: 'Анна Петрова', role: 'teacher', ...extra });
  const mail = res.status === 201 ? (await inbox.waitFor(before + 1))[before] : undefined;
  return { res, mail };
}

test('a coordinator invites a teacher: a Russian mail with a working one-time link reaches the teacher', async () => {
  const { res, mail } = await invite('new.teacher@school.test');
  expect(res.status).toBe(201);
  expect(res.body.user).toMatchObject({ email: 'new.teacher@school.test', role: 'teacher', schoolId: 'school-a', hasPassword: false });
  expect(res.body.invitation.status).toBe('sent');
  expect(mail!.to).toMatchObject({ value: [{ address: 'new.teacher@school.test' }] });
  expect(mail!.subject).toBe('Приглашение в «Меру»');
  expect(mail!.text).toContain('https://mera.cluster.test/set-password#');
  const token = linkToken(mail!);

  const b = await browser(mera);
  const info = await b.agent.get(`/api/account-tokens/${token}`).expect(200);
  expect(info.body).toMatchObject({ purpose: 'invitation', email: 'new.teacher@school.test' });
  const set = await b.agent
    .post(`/api/account-tokens/${token}/password`)
    .set('x-csrf-token', b.csrf)
    .send({ password: 'a new long passphrase' })
    .expect(200);
  expect(set.body.user.email).toBe('new.teacher@school.test');
  // Signed in straight away, and the password works for a later sign-in.
  expect((await b.agent.get('/api/session')).body.user.email).toBe('new.teacher@school.test');
  await signedInBrowser(mera, 'new.teacher@school.test', 'a new long passphrase');

  // The link is single-use.
  const again = await browser(mera);
  const used = await again.agent
    .post(`/api/account-tokens/${token}/password`)
    .set('x-csrf-token', again.csrf)
    .send({ password: 'another long passphrase' })
    .expect(410);
  expect(used.body.error.code).toBe('account_token.used');
  await again.agent.get(`/api/account-tokens/${token}`).expect(410);
});

test('a teacher who chose English gets the invitation in English', async () => {
  const { mail } = await invite('english.teacher@school.test', { locale: 'en' });
  expect(mail!.subject).toBe('Your invitation to Mera');
  expect(mail!.text).toMatch(/You have been invited/);
  expect(typeof mail!.html === 'string' && mail!.html).toContain('lang="en"');
});

test('an expired invitation link is refused with 410 and sets no password', async () => {
  const { mail } = await invite('late.teacher@school.test');
  const token = linkToken(mail!);
  const user = await mera.store.collection(usersCollection).findOne({ email: 'late.teacher@school.test' });
  await mera.store
    .collection(accountTokensCollection)
    .updateMany({ userId: user!._id }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
  const b = await browser(mera);
  const res = await b.agent
    .post(`/api/account-tokens/${token}/password`)
    .set('x-csrf-token', b.csrf)
    .send({ password: 'a new long passphrase' })
    .expect(410);
  expect(res.body.error.code).toBe('account_token.expired');
  expect((await mera.store.collection(usersCollection).findOne({ _id: user!._id }))!.passwordHash).toBeUndefined();
});

test('an unknown or malformed link is a 404', async () => {
  const b = await browser(mera);
  await b.agent.get(`/api/account-tokens/${'A'.repeat(43)}`).expect(404);
  await b.agent.get('/api/account-tokens/short').expect(404);
});

test('passwords follow NIST 800-63B: too short, too long and common passwords are refused with the field named; a long phrase of any characters is fine', async () => {
  const { mail } = await invite('rules.teacher@school.test');
  const token = linkToken(mail!);
  const b = await browser(mera);
  const attempt = (password: string) =>
    b.agent.post(`/api/account-tokens/${token}/password`).set('x-csrf-token', b.csrf).send({ password });
  expect((await attempt('short').expect(400)).body.error).toMatchObject({ code: 'password.too_short', field: 'password' });
  expect((await attempt('x'.repeat(129)).expect(400)).body.error.code).toBe('password.too_long');
  expect((await attempt('password1').expect(400)).body.error.code).toBe('password.common');
  expect((await attempt('qwertyuiop').expect(400)).body.error.code).toBe('password.common');
  // No composition rules: lower-case letters and spaces only, or Cyrillic, are accepted.
  await attempt('пароль из четырёх слов').expect(200);
});

test('a school coordinator cannot add a teacher to another school or add a coordinator; an e-mail already registered is said as such', async () => {
  const other = await invite('someone@school.test', { schoolId: 'school-b' });
  expect(other.res.status).toBe(403);
  const coordinator = await invite('boss@school.test', { role: 'school-coordinator' });
  expect(coordinator.res.status).toBe(403);
  const unknownSchool = await invite('lost@school.test', { role: 'teacher', schoolId: 'no-such-school' });
  expect(unknownSchool.res.status).toBe(403);
  const duplicate = await invite('NEW.teacher@school.test');
  expect(duplicate.res.status).toBe(409);
  expect(duplicate.res.body.error).toMatchObject({ code: 'user.email_taken', field: 'email' });
  expect(duplicate.res.body.error.message).toMatch(/already registered/);
});

test('a password reset mails a one-hour link to a registered user, and answers the same for an unknown e-mail', async () => {
  await makeUser(mera.store, 'forgetful@school.test', 'teacher', 'school-a');
  const b = await browser(mera);
  const before = inbox.messages.length;
  await b.agent.post('/api/password-resets').set('x-csrf-token', b.csrf).send({ email: 'nobody@school.test' }).expect(202);
  await b.agent.post('/api/password-resets').set('x-csrf-token', b.csrf).send({ email: 'forgetful@school.test' }).expect(202);
  const mail = (await inbox.waitFor(before + 1))[before];
  expect(inbox.messages.length).toBe(before + 1);
  expect(mail.subject).toBe('Смена пароля в «Мере»');
  const token = linkToken(mail);
  const record = await mera.store.collection(accountTokensCollection).findOne({ purpose: 'password-reset' });
  expect(record!.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(3600 * 1000);
  await b.agent
    .post(`/api/account-tokens/${token}/password`)
    .set('x-csrf-token', b.csrf)
    .send({ password: 'my brand new passphrase' })
    .expect(200);
  const fresh = await browser(mera);
  await fresh.agent
    .post('/api/session')
    .set('x-csrf-token', fresh.csrf)
    .send({ email: 'forgetful@school.test', password: PASSWORD })
    .expect(401);
  await signedInBrowser(mera, 'forgetful@school.test', 'my brand new passphrase');
});

test("a failed send is retried with back-off and its failure is shown on the coordinator's list, never dropped", async () => {
  inbox.failNext(1);
  const c = await signedInBrowser(mera, 'coordinator@school.test');
  const res = await c.agent
    .post('/api/users')
    .set('x-csrf-token', c.csrf)
    .send({ email: 'unlucky@school.test', role: 'teacher' })
    .expect(201);
  expect(res.body.invitation.status).toBe('pending');
  expect(res.body.invitation.error).toMatch(/451|busy/);
  const list = await c.agent.get('/api/users').expect(200);
  const shown = list.body.users.find((u: { email: string }) => u.email === 'unlucky@school.test');
  expect(shown.invitation).toMatchObject({ status: 'pending', attempts: 1 });
  expect(shown.invitation.error).toMatch(/busy/);
  const stored = await mera.store.collection(outboxCollection).findOne({ to: 'unlucky@school.test' });
  expect(stored!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 30_000);

  // Not yet due: nothing is sent. Once due, the retry delivers it.
  const mailer = createMailer(
    mera.store,
    mailTransport(mera.config, () => undefined),
    () => undefined,
  );
  const before = inbox.messages.length;
  await mailer.deliverDue(new Date());
  expect(inbox.messages.length).toBe(before);
  await mailer.deliverDue(new Date(Date.now() + 61_000));
  await inbox.waitFor(before + 1);
  expect((await mera.store.collection(outboxCollection).findOne({ _id: stored!._id }))!.status).toBe('sent');
});

test('a message that fails every retry ends as failed with its reason', async () => {
  const mailer = createMailer(
    mera.store,
    async () => {
      throw new Error('connection refused');
    },
    () => undefined,
  );
  let mail = await mailer.enqueue({ to: 'x@school.test', subject: 's', text: 't', html: '<p>t</p>' });
  let now = Date.now();
  for (let i = 0; i < 6 && mail.status === 'pending'; i++) {
    now += 7 * 3600 * 1000;
    await mailer.deliverDue(new Date(now));
    mail = (await mera.store.collection(outboxCollection).findOne({ _id: mail._id }))!;
  }
  expect(mail).toMatchObject({ status: 'failed', attempts: 6, lastError: 'connection refused' });
});

test("without SMTP_URL an invitation is written as an .eml file into the data dir's outbox and the log says where", async () => {
  const local = await startMera({});
  try {
    await makeUser(local.store, 'admin@cluster.test', 'administrator');
    const lines: string[] = [];
    const mailer = createMailer(
      local.store,
      mailTransport(local.config, (m) => lines.push(m)),
      () => undefined,
    );
    const app = createApp({ config: local.config, store: local.store, mailer });
    const agent = request.agent(app);
    let csrf = (await agent.get('/api/session')).body.csrfToken;
    csrf = (
      await agent.post('/api/session').set('x-csrf-token', csrf).send({ email: 'admin@cluster.test', password: PASSWORD }).expect(200)
    ).body.csrfToken;
    await agent.post('/api/users').set('x-csrf-token', csrf).send({ email: 'coord@cluster.test', role: 'cluster-coordinator' }).expect(201);
    const dir = path.join(local.dataDir, 'outbox');
    const files = fs.readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(lines[0]).toContain(path.join(dir, files[0]));
    const eml = fs.readFileSync(path.join(dir, files[0]), 'utf8');
    expect(eml).toMatch(/^To: coord@cluster\.test$/m);
    expect(eml).toMatch(/set-password#/);
  } finally {
    await local.close();
  }
});
