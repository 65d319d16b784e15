// Reminders for school forms through real mail: on the campaign's reminder days the coordinators of
// the schools that have not sent their form get one mail, those whose school has sent it none,
// teachers none, and nobody more than one reminder mail a day (as for teachers).
import { setClock } from '../../server/clock';
import { openCampaign } from '../../server/campaigns/launch';
import { createCampaign } from '../../server/campaigns/planning';
import { pendingSchoolCoordinators } from '../../server/responses/school-forms';
import { createMailer, deliverThrough, mailTransport } from '../../server/mail/outbox';
import { makeUser, signedInBrowser } from '../support/accounts';
import { contextAt, currentVersion, moscowNoon, parentPlan } from '../support/campaigns';
import { startMeraWithSchools } from '../support/mera';
import { Inbox, startInbox } from '../support/smtp';
import { campaignWorker } from '../support/worker';

let inbox: Inbox;
let mera: Awaited<ReturnType<typeof startMeraWithSchools>>;
let restore: () => void;
beforeAll(async () => {
  restore = setClock(moscowNoon('2026-11-23'));
  inbox = await startInbox();
  mera = await startMeraWithSchools({
    config: { mail: { smtpUrl: inbox.url, from: 'Mera <mera@cluster.test>' }, publicUrl: 'https://mera.cluster.test' },
  });
});
afterAll(async () => {
  restore();
  await mera.close();
  await inbox.close();
});

const today = '2026-11-23';
const ctx = { ...contextAt(moscowNoon(today)), secret: 's'.repeat(40) };
const to = (m: Inbox['messages'][number]) => (m.to && !Array.isArray(m.to) ? m.to.text : '');

async function formCampaign(instrumentId: string, schoolIds: string[], extra: Record<string, unknown>) {
  const plan = {
    ...parentPlan(schoolIds, today, '2026-12-10'),
    instrumentId,
    instrumentVersion: currentVersion(instrumentId),
    audience: 'school-coordinators' as const,
    reminders: ['2026-11-25'],
    ...extra,
  };
  return openCampaign(mera.store, (await createCampaign(mera.store, plan, ctx))._id, ctx);
}

test('a reminder day mails the coordinator of a school that has not sent its form, once that day, and nobody else', async () => {
  const [sent, late] = mera.schoolIds;
  const done = await makeUser(mera.store, 'done@school.test', 'school-coordinator', sent);
  const waiting = await makeUser(mera.store, 'waiting@school.test', 'school-coordinator', late);
  await makeUser(mera.store, 'teacher@school.test', 'teacher', late);
  const checklist = await formCampaign('school-checklist', [sent, late], { stage: 'october' });
  const monitoring = await formCampaign('school-monitoring', [sent, late], { reportingYear: '2026/27' });
  // The first school sends its checklist (signed in, from its page).
  const b = await signedInBrowser(mera, done.email);
  const answers = Object.fromEntries(
    [
      'int_e_planning',
      'int_kim_catalogue',
      'int_personal_results',
      'int_metasubject_kim',
      'int_subject_results',
      'int_results_analysis',
      'int_class_portfolio',
      'int_self_evaluation',
      'ext_kim_catalogue',
      'ext_results_analysis',
      'ext_noko',
    ].map((q) => [q, 'no']),
  );
  await b.agent
    .post(`/api/school-forms/${checklist._id}/${sent}/revisions`)
    .set('x-csrf-token', b.csrf)
    .send({ answers, basedOn: 0 })
    .expect(201);
  expect((await pendingSchoolCoordinators(mera.store)(checklist)).map((p) => p.email)).toEqual([waiting.email]);

  const mailer = createMailer(
    mera.store,
    mailTransport(mera.config, () => undefined),
    () => undefined,
  );
  setClock(new Date('2026-11-25T07:00:00Z'), { frozen: true });
  const worker = campaignWorker({
    store: mera.store,
    config: mera.config,
    log: () => undefined,
    recipients: pendingSchoolCoordinators(mera.store),
    invitees: async () => [],
    deliver: deliverThrough(mailer),
  });
  await worker.runDue();
  await worker.runDue();
  await inbox.waitFor(1);
  await new Promise((r) => setTimeout(r, 300));
  // Two school forms remind on the same day: the waiting coordinator gets one mail; the one whose
  // school sent its checklist is reminded of the monitoring form only; the teacher gets none.
  const recipients = inbox.messages.map(to).sort();
  expect(recipients).toEqual([done.email, waiting.email].sort());
  const mail = inbox.messages.find((m) => to(m) === waiting.email)!;
  expect(mail.subject).toMatch(/^Напоминание: /);
  expect(mail.text).toContain('официальную отчётность');
  expect(mail.text).toContain('https://mera.cluster.test/account');
  expect(mail.text).not.toMatch(/аноним/i);
  void monitoring;

  // The next day the deferred reminder of the other form goes to the waiting coordinator: still one a day.
  setClock(new Date('2026-11-26T07:00:00Z'), { frozen: true });
  await worker.runDue();
  await inbox.waitFor(3);
  await new Promise((r) => setTimeout(r, 300));
  expect(inbox.messages.map(to).filter((e) => e === waiting.email)).toHaveLength(2);
  expect(inbox.messages).toHaveLength(3);
});
