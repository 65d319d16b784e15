// Reminders to real people through real mail: the worker as main.ts builds it (the teachers of the
// campaign's schools who have not submitted, accounts' outbox) sends through an SMTP server in
// this process; one mail to a teacher who has not answered, none to one who has, never two a day.
import { setClock } from '../../server/clock';
import { diagnosticsCollection } from '../../server/diagnostics/data';
import { openCampaign } from '../../server/campaigns/launch';
import { createCampaign } from '../../server/campaigns/planning';
import { pendingTeachers } from '../../server/diagnostics/service';
import { createMailer, deliverThrough, mailTransport } from '../../server/mail/outbox';
import { makeUser } from '../support/accounts';
import { contextAt, currentVersion, moscowNoon, parentPlan } from '../support/campaigns';
import { startMeraWithSchools } from '../support/mera';
import { Inbox, startInbox } from '../support/smtp';
import { campaignWorker } from '../support/worker';

let inbox: Inbox;
let mera: Awaited<ReturnType<typeof startMeraWithSchools>>;
beforeAll(async () => {
  // Plans made on 23 November 2026, reminders on the 25th: Mera's clock says so, whatever today is.
  setClock(moscowNoon('2026-11-23'));
  inbox = await startInbox();
  mera = await startMeraWithSchools({
    config: { mail: { smtpUrl: inbox.url, from: 'Mera <mera@cluster.test>' }, publicUrl: 'https://mera.cluster.test' },
  });
});
afterAll(async () => {
  await mera.close();
  await inbox.close();
});

const today = '2026-11-23';
const ctx = { ...contextAt(moscowNoon(today)), secret: 's'.repeat(40) };
/** 10:00 in Moscow: when reminders go out. */
const tenAm = (day: string) => new Date(`${day}T07:00:00Z`);

async function teacherCampaign(schoolIds: string[], reminders: string[]) {
  const plan = {
    ...parentPlan(schoolIds, today, '2026-12-10'),
    instrumentId: 'teacher-deficit',
    instrumentVersion: currentVersion('teacher-deficit'),
    audience: 'teachers' as const,
    reminders,
  };
  return openCampaign(mera.store, (await createCampaign(mera.store, plan, ctx))._id, ctx);
}

test('a reminder day sends one mail to a teacher who has not answered, none to one who has, and never two in a day', async () => {
  const [school, otherSchool] = mera.schoolIds;
  const waiting = await makeUser(mera.store, 'waiting@school.test', 'teacher', school);
  const answered = await makeUser(mera.store, 'answered@school.test', 'teacher', school);
  await makeUser(mera.store, 'elsewhere@school.test', 'teacher', otherSchool);
  await makeUser(mera.store, 'coordinator@school.test', 'school-coordinator', school);
  const first = await teacherCampaign([school], ['2026-11-25']);
  const second = await teacherCampaign([school], ['2026-11-25']);
  for (const campaign of [first, second]) {
    await mera.store.collection(diagnosticsCollection).insertOne({
      _id: `${answered._id}:${campaign._id}`,
      userId: answered._id,
      campaignId: campaign._id,
      schoolId: school,
      instrumentId: campaign.instrumentId,
      instrumentVersion: campaign.instrumentVersion,
      status: 'submitted',
      answers: {},
      savedAt: ctx.now,
      submittedOn: today,
    });
  }
  const mailer = createMailer(
    mera.store,
    mailTransport(mera.config, () => undefined),
    () => undefined,
  );
  setClock(tenAm('2026-11-25'), { frozen: true });
  // Invitations (sent when the campaigns opened) are tests/api/campaigns-invitations.test.ts's: here nobody is invited.
  const worker = campaignWorker({
    store: mera.store,
    config: mera.config,
    log: () => undefined,
    recipients: pendingTeachers(mera.store),
    invitees: async () => [],
    deliver: deliverThrough(mailer),
  });
  await worker.runDue();
  await worker.runDue();
  await inbox.waitFor(1);
  // Give a second message, if one were wrongly sent, time to arrive.
  await new Promise((r) => setTimeout(r, 300));
  expect(inbox.messages.map((m) => (m.to && !Array.isArray(m.to) ? m.to.text : m.to))).toEqual([waiting.email]);
  const [mail] = inbox.messages;
  expect(mail.subject).toMatch(/^Напоминание: /);
  expect(mail.text).toContain('https://mera.cluster.test/diagnostic');
  expect(mail.html).toContain('<a href="https://mera.cluster.test/diagnostic">');
});

test('an anonymous campaign has nobody to remind', async () => {
  const campaign = await createCampaign(mera.store, parentPlan(mera.schoolIds.slice(0, 1), today, '2026-12-10'), ctx);
  expect(await pendingTeachers(mera.store)(campaign)).toEqual([]);
});
