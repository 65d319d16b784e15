// Issue 26, item 8: an open campaign takes a new school and changed targets. A school added while
// open gets what opening gave the others (its link that answers, its coordinator's task and
// invitation, once however often the change and its follow-up job run); the audit names it. A
// school taking part is not taken away, nor does the instrument change; changed targets show in the
// response rates at once; a school coordinator may not do it; a stale edit is refused.
import { atInstant, now } from '../../server/clock';
import request from 'supertest';
import type { ParsedMail } from 'mailparser';
import { dayIn } from '../../server/calendar';
import { linksCollection } from '../../server/campaigns/data';
import { addDays } from '../../server/campaigns/dates';
import { createMailer, deliverThrough, mailTransport } from '../../server/mail/outbox';
import { schoolsCollection } from '../../server/schools/data';
import { makeUser, signedInBrowser } from '../support/accounts';
import { validParentAnswers } from '../support/answers';
import { startMeraWithSchools } from '../support/mera';
import { Inbox, startInbox } from '../support/smtp';
import { campaignWorker } from '../support/worker';

const adminToken = 'admin-token-for-open-plan-tests-0123456789';
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
  patch: (url: string, body: object) => request(mera.app).patch(url).set(auth).send(body),
};
const today = () => dayIn(mera.config.timeZone, now());

/** Runs the jobs due now (or at `at`) twice, as two rounds of the scheduler would, through the mail outbox. */
async function runJobs(at?: Date) {
  const mailer = createMailer(
    mera.store,
    mailTransport(mera.config, () => undefined),
    () => undefined,
  );
  const worker = campaignWorker({ store: mera.store, config: mera.config, log: () => undefined, deliver: deliverThrough(mailer) });
  const twice = async () => {
    await worker.runDue();
    await worker.runDue();
  };
  await (at ? atInstant(at, twice) : twice());
}

/** The messages that arrived after `before` of them, once no more come. */
async function newMail(before: number, expected: number): Promise<ParsedMail[]> {
  await inbox.waitFor(before + expected);
  await new Promise((r) => setTimeout(r, 300));
  return inbox.messages.slice(before);
}
const recipient = (m: ParsedMail) => (m.to && !Array.isArray(m.to) ? m.to.text : '');

async function openCampaign(plan: Record<string, unknown>) {
  const created = await api
    .post('/api/campaigns', {
      instrumentId: 'parent-survey',
      instrumentVersion: plan.instrumentId ? 1 : 2,
      audience: 'parents',
      opensOn: today(),
      closesOn: addDays(today(), 14),
      responsible: { name: 'Ирина Петровна' },
      ...plan,
    })
    .expect(201);
  return (await api.post(`/api/campaigns/${created.body.id}/open`).expect(200)).body as {
    id: string;
    revision: number;
    schoolIds: string[];
  };
}

const linksOf = async (id: string) =>
  (await api.get(`/api/campaigns/${id}/links`).expect(200)).body.links as { id: string; schoolId: string; url: string }[];
const tokenOf = (url: string) => url.split('/s/')[1];
const schoolName = async (id: string) => (await mera.store.collection(schoolsCollection).findOne({ _id: id }))!.shortName;

let n = 0;
const email = (who: string) => `${who}.${++n}@school.test`;

test('a school added to an open survey gets its link, which takes answers; its target shows in the rates; the audit names it', async () => {
  const [a, b, added] = mera.schoolIds.slice(0, 3);
  const campaign = await openCampaign({ schoolIds: [a, b], targets: { [a]: 10 } });
  const res = await api
    .patch(`/api/campaigns/${campaign.id}`, { schoolIds: [a, b, added], targets: { [a]: 10, [added]: 4 }, revision: campaign.revision })
    .expect(200);
  expect(res.body).toMatchObject({ status: 'open', schoolIds: [a, b, added], targets: { [added]: 4 } });
  const links = await linksOf(campaign.id);
  expect(links.map((l) => l.schoolId)).toEqual([a, b, added]);
  const link = links.find((l) => l.schoolId === added)!;
  expect(
    (
      await request(mera.app)
        .get(`/api/links/${tokenOf(link.url)}`)
        .expect(200)
    ).body.school.id,
  ).toBe(added);
  await request(mera.app)
    .post(`/api/links/${tokenOf(link.url)}/responses`)
    .send({ answers: validParentAnswers() })
    .expect(201);
  const rates = (await api.get(`/api/campaigns/${campaign.id}/response-rates`).expect(200)).body;
  expect(rates.schools.find((s: { schoolId: string }) => s.schoolId === added)).toMatchObject({ answers: 1, target: 4, rate: 25 });

  const audit = (await api.get(`/api/campaigns/${campaign.id}/audit`).expect(200)).body.entries;
  const last = audit[audit.length - 1];
  expect(last.action).toBe('updated');
  expect(last.changes).toContainEqual({
    field: 'schools',
    before: [await schoolName(a), await schoolName(b)],
    after: [await schoolName(a), await schoolName(b), await schoolName(added)],
  });
  expect(JSON.stringify(last.changes.filter((c: { field: string }) => c.field === 'schools'))).not.toContain(added);
});

test("a school added to an open checklist: its coordinator gets the task and one invitation, however often the change's follow-up runs", async () => {
  const [a, added] = mera.schoolIds.slice(3, 5);
  const first = await makeUser(mera.store, email('coordinator-a'), 'school-coordinator', a);
  const newcomer = await makeUser(mera.store, email('coordinator-new'), 'school-coordinator', added);
  const before = inbox.messages.length;
  const campaign = await openCampaign({
    instrumentId: 'school-checklist',
    audience: 'school-coordinators',
    schoolIds: [a],
    stage: 'october',
  });
  await runJobs();
  expect((await newMail(before, 1)).map(recipient)).toEqual([first.email]);

  const changed = await api.patch(`/api/campaigns/${campaign.id}`, { schoolIds: [a, added], revision: campaign.revision }).expect(200);
  // The process stops before the new school's link is stored: the follow-up job, written before the change, issues it.
  await mera.store.collection(linksCollection).deleteMany({ campaignId: campaign.id, schoolId: added });
  await runJobs();
  await runJobs(new Date(now().getTime() + 5 * 60_000));
  // The same change sent again (on the new revision) changes nothing and issues nothing more.
  await api.patch(`/api/campaigns/${campaign.id}`, { schoolIds: [a, added], revision: changed.body.revision }).expect(200);
  await runJobs(new Date(now().getTime() + 10 * 60_000));

  const mail = await newMail(before, 2);
  expect(mail.map(recipient)).toEqual([first.email, newcomer.email]);
  const links = await linksOf(campaign.id);
  expect(links.filter((l) => l.schoolId === added)).toHaveLength(1);
  const coordinator = await signedInBrowser(mera, newcomer.email);
  const tasks = (await coordinator.agent.get('/api/my/tasks').expect(200)).body.tasks;
  expect(tasks).toEqual([expect.objectContaining({ campaignId: campaign.id, kind: 'school-form', status: 'to-do' })]);
  expect(`${site}${tasks[0].path}`).toBe(links.find((l) => l.schoolId === added)!.url);
  expect(mail[1].text).toContain(`${site}${tasks[0].path}`);
});

test('an open campaign keeps its schools and its instrument: removing a school that has answers is refused, naming the school and why', async () => {
  const [a, b] = mera.schoolIds.slice(5, 7);
  const campaign = await openCampaign({ schoolIds: [a, b] });
  const links = await linksOf(campaign.id);
  await request(mera.app)
    .post(`/api/links/${tokenOf(links.find((l) => l.schoolId === a)!.url)}/responses`)
    .send({ answers: validParentAnswers() })
    .expect(201);
  const removed = await api.patch(`/api/campaigns/${campaign.id}`, { schoolIds: [b], revision: campaign.revision }).expect(409);
  expect(removed.body.error).toMatchObject({ code: 'campaign.open', field: `schoolIds.${a}` });
  expect(removed.body.error.message).toMatch(/schools can be added, not removed/);
  // A school without answers yet stays too: its link and poster may already be handed out.
  await api.patch(`/api/campaigns/${campaign.id}`, { schoolIds: [a], revision: campaign.revision }).expect(409);
  const instrument = await api.patch(`/api/campaigns/${campaign.id}`, { instrumentVersion: 1, revision: campaign.revision }).expect(409);
  expect(instrument.body.error).toMatchObject({ code: 'campaign.open', field: 'instrumentVersion' });
  expect(instrument.body.error.message).toMatch(/answers already given/);
  const classes = await api.patch(`/api/campaigns/${campaign.id}`, { classes: { [a]: ['5А'] }, revision: campaign.revision }).expect(409);
  expect(classes.body.error).toMatchObject({ code: 'campaign.open', field: `classes.${a}` });
  expect((await api.get(`/api/campaigns/${campaign.id}`).expect(200)).body).toMatchObject({
    schoolIds: [a, b],
    revision: campaign.revision,
  });
});

test('changed targets of an open campaign show in its response rates at once', async () => {
  const [a, b] = mera.schoolIds.slice(7, 9);
  const campaign = await openCampaign({ schoolIds: [a, b], targets: { [a]: 10, [b]: 10 } });
  const links = await linksOf(campaign.id);
  for (const l of links)
    await request(mera.app)
      .post(`/api/links/${tokenOf(l.url)}/responses`)
      .send({ answers: validParentAnswers() })
      .expect(201);
  expect((await api.get(`/api/campaigns/${campaign.id}/response-rates`).expect(200)).body.total).toEqual({
    answers: 2,
    target: 20,
    rate: 10,
  });
  await api.patch(`/api/campaigns/${campaign.id}`, { targets: { [a]: 2, [b]: 8 }, revision: campaign.revision }).expect(200);
  const rates = (await api.get(`/api/campaigns/${campaign.id}/response-rates`).expect(200)).body;
  expect(rates.schools.map((s: { rate: number }) => s.rate)).toEqual([50, 12.5]);
  expect(rates.total).toEqual({ answers: 2, target: 10, rate: 20 });
});

test('a school coordinator may not add a school to an open campaign (403), and a stale change is refused with the plan as it stands (409)', async () => {
  const [a, b, c] = mera.schoolIds.slice(0, 3);
  const campaign = await openCampaign({ schoolIds: [a, b] });
  await makeUser(mera.store, email('coordinator'), 'school-coordinator', a);
  const coordinator = await signedInBrowser(mera, `coordinator.${n}@school.test`);
  await coordinator.agent
    .patch(`/api/campaigns/${campaign.id}`)
    .set('x-csrf-token', coordinator.csrf)
    .send({ schoolIds: [a, b, c], revision: campaign.revision })
    .expect(403);
  await api.patch(`/api/campaigns/${campaign.id}`, { targets: { [a]: 5 }, revision: campaign.revision }).expect(200);
  const stale = await api.patch(`/api/campaigns/${campaign.id}`, { schoolIds: [a, b, c], revision: campaign.revision }).expect(409);
  expect(stale.body.error.code).toBe('campaign.changed');
  expect(stale.body.error.details.campaign).toMatchObject({ schoolIds: [a, b], targets: { [a]: 5 } });
  expect((await linksOf(campaign.id)).map((l) => l.schoolId)).toEqual([a, b]);
});
