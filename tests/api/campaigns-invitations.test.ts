// Launch for people with accounts, through real HTTP and a real SMTP server in this process:
// opening a campaign for teachers mails each teacher of its schools once (in their language, plain
// text and HTML, with a link that works), and gives them a task in their account; the checklist
// gives each school's coordinator a task with their school's form. Tasks show "done" when done and
// go when the campaign closes; an anonymous staff survey's task records nothing about who answered.
import { atInstant, now } from '../../server/clock';
import request from 'supertest';
import type { ParsedMail } from 'mailparser';
import { updateUser } from '../../server/accounts/service';
import { dayIn } from '../../server/calendar';
import { addDays } from '../../server/campaigns/dates';
import { pendingTeachers } from '../../server/diagnostics/service';
import { createMailer, deliverThrough, mailTransport } from '../../server/mail/outbox';
import { responsesCollection } from '../../server/responses/data';
import { getInstrument } from '../../server/surveys/catalogue';
import { seededRandom, syntheticAnswers } from '../../seeds/synthetic';
import { makeUser, signedInBrowser } from '../support/accounts';
import { teacherAnswers } from '../support/answers';
import { currentVersion } from '../support/campaigns';
import { startMeraWithSchools } from '../support/mera';
import { Inbox, startInbox } from '../support/smtp';
import { campaignWorker } from '../support/worker';

const adminToken = 'admin-token-for-invitation-tests-0123456789';
const site = 'https://mera.cluster.test';
let inbox: Inbox;
let mera: Awaited<ReturnType<typeof startMeraWithSchools>>;
beforeAll(async () => {
  inbox = await startInbox();
  mera = await startMeraWithSchools({
    config: { adminToken, publicUrl: site, mail: { smtpUrl: inbox.url, from: 'Mera <mera@cluster.test>' } },
  });
});
afterAll(async () => {
  await mera.close();
  await inbox.close();
});

const auth = { Authorization: `Bearer ${adminToken}` };
const api = {
  get: (url: string) => request(mera.app).get(url).set(auth),
  post: (url: string, body: object = {}) => request(mera.app).post(url).set(auth).send(body),
};
const today = () => dayIn(mera.config.timeZone, now());

/** Runs the jobs due now (or at `at`) twice (as two rounds of the scheduler would), through accounts' outbox. */
async function runJobs(at?: Date) {
  const mailer = createMailer(
    mera.store,
    mailTransport(mera.config, () => undefined),
    () => undefined,
  );
  const worker = campaignWorker({
    store: mera.store,
    config: mera.config,
    log: () => undefined,
    recipients: pendingTeachers(mera.store),
    deliver: deliverThrough(mailer),
  });
  const twice = async () => {
    await worker.runDue();
    await worker.runDue();
  };
  await (at ? atInstant(at, twice) : twice());
}

/** The messages that arrive after `before` of them, once no more come (a wrongly sent one has time to arrive). */
async function newMail(before: number, expected: number): Promise<ParsedMail[]> {
  await inbox.waitFor(before + expected);
  await new Promise((r) => setTimeout(r, 300));
  return inbox.messages.slice(before);
}
const recipient = (m: ParsedMail) => (m.to && !Array.isArray(m.to) ? m.to.text : '');

// The teacher diagnostic on its current edition (teacherAnswers answers it); the other instruments on
// their first, which answersFor fills as the old demo seed did.
async function openCampaign(plan: Record<string, unknown>) {
  const created = await api
    .post('/api/campaigns', {
      instrumentVersion: plan.instrumentId === 'teacher-deficit' ? currentVersion('teacher-deficit') : 1,
      opensOn: today(),
      closesOn: addDays(today(), 14),
      responsible: { name: 'Ирина Петровна' },
      ...plan,
    })
    .expect(201);
  await api.post(`/api/campaigns/${created.body.id}/open`).expect(200);
  return created.body.id as string;
}

/** A complete, valid answer set for an instrument (as the demo seed makes them). */
async function answersFor(instrumentId: string) {
  const compiled = await getInstrument(mera.store, instrumentId, 1);
  return syntheticAnswers(compiled.questions, seededRandom(7), 0.7);
}

let n = 0;
const email = (who: string) => `${who}.${++n}@school.test`;

test("opening a teachers' diagnostic mails each teacher of its schools once, in their language, and a second open or a reopen sends nothing more", async () => {
  const [school, otherSchool] = mera.schoolIds;
  const anna = await makeUser(mera.store, email('anna'), 'teacher', school);
  const bob = await makeUser(mera.store, email('bob'), 'teacher', school);
  await updateUser(mera.store, bob._id, { locale: 'en' });
  await makeUser(mera.store, email('elsewhere'), 'teacher', otherSchool);
  await makeUser(mera.store, email('coordinator'), 'school-coordinator', school);
  const before = inbox.messages.length;
  const id = await openCampaign({ instrumentId: 'teacher-deficit', audience: 'teachers', schoolIds: [school] });
  await api.post(`/api/campaigns/${id}/open`).expect(409);
  await runJobs();
  const mail = await newMail(before, 2);
  expect(mail.map(recipient).sort()).toEqual([anna.email, bob.email].sort());
  const toAnna = mail.find((m) => recipient(m) === anna.email)!;
  const toBob = mail.find((m) => recipient(m) === bob.email)!;
  expect(toAnna.subject).toMatch(/^Приглашение: /);
  expect(toAnna.text).toContain('диагностику');
  expect(toBob.subject).toMatch(/^Invitation: /);
  const link = `${site}/diagnostic?campaign=${id}`;
  for (const m of [toAnna, toBob]) {
    expect(m.text).toContain(link);
    expect(m.html).toContain(`<a href="${link}">`);
    expect(m.text).toContain(`${site}/account`);
  }
  // The link works: signed in, the teacher opens that diagnostic.
  const teacher = await signedInBrowser(mera, anna.email);
  const opened = await teacher.agent.get(`/api/my/diagnostics/${id}`).expect(200);
  expect(opened.body.campaign.id).toBe(id);

  await api.post(`/api/campaigns/${id}/close`).expect(200);
  await api.post(`/api/campaigns/${id}/reopen`).expect(200);
  await runJobs();
  expect(await newMail(before, 2)).toHaveLength(2);
});

test('a teacher\'s task leads to the diagnostic, shows "done" once submitted, and is gone when the campaign closes', async () => {
  const school = mera.schoolIds[2];
  const anna = await makeUser(mera.store, email('anna'), 'teacher', school);
  const id = await openCampaign({
    instrumentId: 'teacher-deficit',
    audience: 'teachers',
    schoolIds: [school],
    closesOn: addDays(today(), 10),
  });
  const teacher = await signedInBrowser(mera, anna.email);
  const tasks = async () => (await teacher.agent.get('/api/my/tasks').expect(200)).body.tasks;
  expect(await tasks()).toEqual([
    expect.objectContaining({
      campaignId: id,
      kind: 'diagnostic',
      status: 'to-do',
      path: `/diagnostic?campaign=${id}`,
      closesOn: addDays(today(), 10),
      instrumentId: 'teacher-deficit',
    }),
  ]);
  await teacher.agent
    .put(`/api/my/diagnostics/${id}/draft`)
    .set('x-csrf-token', teacher.csrf)
    .send({ answers: { e_planning_1: 2 } })
    .expect(200);
  expect((await tasks())[0].status).toBe('started');
  await teacher.agent
    .post(`/api/my/diagnostics/${id}/submission`)
    .set('x-csrf-token', teacher.csrf)
    .send({ answers: teacherAnswers(3) })
    .expect(201);
  expect((await tasks())[0].status).toBe('done');
  await api.post(`/api/campaigns/${id}/close`).expect(200);
  expect(await tasks()).toEqual([]);
});

test("an anonymous staff survey's invitation and task carry the school's link, and answering through it records nobody", async () => {
  const school = mera.schoolIds[3];
  const vera = await makeUser(mera.store, email('vera'), 'teacher', school);
  const before = inbox.messages.length;
  const id = await openCampaign({ instrumentId: 'staff-effectiveness', audience: 'teachers', schoolIds: [school] });
  await runJobs();
  const [mail] = await newMail(before, 1);
  const teacher = await signedInBrowser(mera, vera.email);
  const [task] = (await teacher.agent.get('/api/my/tasks').expect(200)).body.tasks;
  expect(task).toMatchObject({ campaignId: id, kind: 'staff-survey', status: 'unknown' });
  expect(task.path).toMatch(/^\/s\/[A-Za-z0-9_-]{24}$/);
  expect(mail.text).toContain(`${site}${task.path}`);
  const links = (await api.get(`/api/campaigns/${id}/links`).expect(200)).body.links;
  expect(links.map((l: { url: string }) => l.url)).toEqual([`${site}${task.path}`]);
  const token = task.path.slice(3);
  await request(mera.app).get(`/api/links/${token}`).expect(200);
  await teacher.agent
    .post(`/api/links/${token}/responses`)
    .send({ answers: await answersFor('staff-effectiveness') })
    .expect(201);
  expect((await teacher.agent.get('/api/my/tasks').expect(200)).body.tasks[0].status).toBe('unknown');
  const stored = await mera.store.collection(responsesCollection).find({ campaignId: id });
  expect(stored).toHaveLength(1);
  expect(JSON.stringify(stored)).not.toContain(vera._id);
  expect(JSON.stringify(stored)).not.toContain(vera.email);
});

test("the checklist gives each school coordinator a task with their school's form, done once their school's form is in", async () => {
  const [schoolA, schoolB] = mera.schoolIds.slice(4, 6);
  const coordinatorA = await makeUser(mera.store, email('coordinator-a'), 'school-coordinator', schoolA);
  const coordinatorB = await makeUser(mera.store, email('coordinator-b'), 'school-coordinator', schoolB);
  const before = inbox.messages.length;
  const id = await openCampaign({
    instrumentId: 'school-checklist',
    audience: 'school-coordinators',
    schoolIds: [schoolA, schoolB],
    stage: 'october',
  });
  await runJobs();
  const mail = await newMail(before, 2);
  expect(mail.map(recipient).sort()).toEqual([coordinatorA.email, coordinatorB.email].sort());
  const a = await signedInBrowser(mera, coordinatorA.email);
  const b = await signedInBrowser(mera, coordinatorB.email);
  const taskOf = async (who: typeof a) => (await who.agent.get('/api/my/tasks').expect(200)).body.tasks;
  const [taskA] = await taskOf(a);
  const [taskB] = await taskOf(b);
  expect(taskA).toMatchObject({ campaignId: id, kind: 'school-form', status: 'to-do' });
  expect(taskB).toMatchObject({ campaignId: id, kind: 'school-form', status: 'to-do' });
  expect(taskA.path).not.toBe(taskB.path);
  expect(mail.find((m) => recipient(m) === coordinatorA.email)!.text).toContain(`${site}${taskA.path}`);
  const school = (
    await request(mera.app)
      .get(`/api/links/${taskA.path.slice(3)}`)
      .expect(200)
  ).body.school;
  expect(school.id).toBe(schoolA);
  // The school's return: not through the link without signing in (nothing stored), but signed in from its page.
  await request(mera.app)
    .post(`/api/links/${taskA.path.slice(3)}/responses`)
    .send({ answers: await answersFor('school-checklist') })
    .expect(401);
  expect((await taskOf(a))[0].status).toBe('to-do');
  await a.agent
    .post(`/api/school-forms/${id}/${schoolA}/revisions`)
    .set('x-csrf-token', a.csrf)
    .send({ answers: await answersFor('school-checklist'), basedOn: 0 })
    .expect(201);
  expect((await taskOf(a))[0].status).toBe('done');
  expect((await taskOf(b))[0].status).toBe('to-do');
});

test('a campaign opened before its opening day sends its invitations on that day, not before', async () => {
  const school = mera.schoolIds[6];
  const gleb = await makeUser(mera.store, email('gleb'), 'teacher', school);
  const before = inbox.messages.length;
  const id = await openCampaign({
    instrumentId: 'teacher-deficit',
    audience: 'teachers',
    schoolIds: [school],
    opensOn: addDays(today(), 2),
  });
  await runJobs();
  expect(await newMail(before, 0)).toEqual([]);
  const opensAt = new Date((await api.get(`/api/campaigns/${id}`).expect(200)).body.opensAt);
  await runJobs(new Date(opensAt.getTime() + 1000));
  expect((await newMail(before, 1)).map(recipient)).toEqual([gleb.email]);
});

test('a signed-in person with nothing asked of them has no tasks, and nobody signed in gets 401', async () => {
  const coordinator = await makeUser(mera.store, email('cluster'), 'cluster-coordinator');
  const cluster = await signedInBrowser(mera, coordinator.email);
  expect((await cluster.agent.get('/api/my/tasks').expect(200)).body).toEqual({ tasks: [] });
  await request(mera.app).get('/api/my/tasks').expect(401);
});
