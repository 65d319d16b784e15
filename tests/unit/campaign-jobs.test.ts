// The campaigns' scheduled work on a real embedded store with a clock the test moves: automatic
// closing at the end of the closing day, reminders on the coordinator's days to those who have not
// answered, at most one reminder mail a day to a person, never the same reminder twice.
import { auditLog } from '../../server/campaigns/audit';
import { linksCollection } from '../../server/campaigns/data';
import { closeCampaign, openCampaign } from '../../server/campaigns/launch';
import { linkToken } from '../../server/campaigns/links';
import { createCampaign, loadCampaign, updateCampaign } from '../../server/campaigns/planning';
import type { Recipient, ReminderMessage } from '../../server/campaigns/reminders';
import { openLink } from '../../server/campaigns/service';
import { Problem } from '../../server/errors';
import { setClock } from '../../server/clock';
import { contextAt, currentVersion, moscowNoon, parentPlan, storeWithSchools } from '../support/campaigns';
import { campaignWorker } from '../support/worker';

let mera: Awaited<ReturnType<typeof storeWithSchools>>;
beforeEach(async () => {
  // The plans below are made on 23 November 2026: Mera's clock says so, whatever today's date is.
  clockAt(moscowNoon(today));
  mera = await storeWithSchools();
});
afterEach(() => mera.close());

const secret = 's'.repeat(40);
const today = '2026-11-23';
const ctx = { ...contextAt(moscowNoon(today)), secret };
const silent = () => undefined;

function worker(deps: { deliver?: (m: ReminderMessage) => Promise<void>; recipients?: () => Promise<Recipient[]> } = {}) {
  return campaignWorker({ store: mera.store, config: mera.config, log: silent, deliver: deps.deliver, recipients: deps.recipients });
}

/** Stops Mera's clock at this instant (the store's expiry and the jobs read the same clock). */
function clockAt(instant: Date): Date {
  setClock(instant, { frozen: true });
  return instant;
}

describe('automatic closing', () => {
  test("an open campaign closes at the end of its closing day in the cluster's time zone, recorded as done by Mera", async () => {
    const campaign = await createCampaign(mera.store, parentPlan(mera.schoolIds.slice(0, 2), today, '2026-11-30'), ctx);
    await openCampaign(mera.store, campaign._id, ctx);
    clockAt(new Date('2026-11-30T20:59:59.999Z')); // 23:59:59.999 in Moscow on the closing day
    const scheduler = worker();
    await scheduler.runDue();
    expect((await loadCampaign(mera.store, campaign._id)).status).toBe('open');
    const now = clockAt(new Date('2026-11-30T21:00:00.000Z'));
    await scheduler.runDue();
    const closed = await loadCampaign(mera.store, campaign._id);
    expect(closed).toMatchObject({ status: 'closed', closedOn: '2026-11-30' });
    const log = await auditLog(mera.store, campaign._id);
    expect(log.at(-1)).toMatchObject({ action: 'closed', actor: { kind: 'system', reason: 'closing-date' }, at: now });
    const [link] = await mera.store.collection(linksCollection).find({ campaignId: campaign._id });
    const refusal = await openLink(mera.store, linkToken(secret, link._id), '2026-12-01').catch((e: Problem) => e);
    expect(refusal).toMatchObject({ status: 410, details: { title: closed.title, closedOn: '2026-11-30' } });
  });

  test('moving the closing day moves the automatic closing', async () => {
    const campaign = await createCampaign(mera.store, parentPlan(mera.schoolIds.slice(0, 1), today, '2026-11-30'), ctx);
    await openCampaign(mera.store, campaign._id, ctx);
    await updateCampaign(mera.store, campaign._id, { closesOn: '2026-12-05' }, ctx);
    clockAt(new Date('2026-12-01T00:00:00Z'));
    const scheduler = worker();
    await scheduler.runDue();
    expect((await loadCampaign(mera.store, campaign._id)).status).toBe('open');
    clockAt(new Date('2026-12-05T21:00:00Z'));
    await scheduler.runDue();
    expect((await loadCampaign(mera.store, campaign._id)).status).toBe('closed');
  });

  test('a campaign already closed by hand is left as it is when its closing day ends', async () => {
    const campaign = await createCampaign(mera.store, parentPlan(mera.schoolIds.slice(0, 1), today, '2026-11-30'), ctx);
    await openCampaign(mera.store, campaign._id, ctx);
    await closeCampaign(mera.store, campaign._id, ctx);
    clockAt(new Date('2026-12-01T00:00:00Z'));
    await worker().runDue();
    expect(await loadCampaign(mera.store, campaign._id)).toMatchObject({ status: 'closed', closedOn: today });
    expect((await auditLog(mera.store, campaign._id)).map((e) => e.action)).toEqual(['created', 'opened', 'closed']);
  });
});

describe('reminders', () => {
  const teachers: Recipient[] = [
    { personId: 't1', email: 't1@school344.example', name: 'Анна Сергеевна' },
    { personId: 't2', email: 't2@school344.example', locale: 'en' },
    { personId: 't3', email: 't3@school344.example' },
  ];

  async function teacherCampaign(reminders: string[], closesOn = '2026-12-10') {
    const plan = {
      ...parentPlan(mera.schoolIds.slice(0, 1), today, closesOn),
      instrumentId: 'teacher-deficit',
      instrumentVersion: currentVersion('teacher-deficit'),
      audience: 'teachers' as const,
      reminders,
    };
    const campaign = await createCampaign(mera.store, plan, ctx);
    return openCampaign(mera.store, campaign._id, ctx);
  }

  /** 10:00 in Moscow on a day: when reminders go out. */
  const tenAm = (day: string) => new Date(`${day}T07:00:00Z`);

  test('each reminder goes on its day to those who have not answered, once, even when two instances run the jobs', async () => {
    const campaign = await teacherCampaign(['2026-11-25', '2026-11-27']);
    const answered = new Set(['t3']);
    const mail: ReminderMessage[] = [];
    const deps = {
      deliver: async (m: ReminderMessage) => void mail.push(m),
      recipients: async () => teachers.filter((t) => !answered.has(t.personId)),
    };
    clockAt(new Date('2026-11-25T06:59:59Z'));
    const a = worker(deps);
    const b = worker(deps);
    await Promise.all([a.runDue(), b.runDue()]);
    expect(mail).toEqual([]);
    const now = clockAt(tenAm('2026-11-25'));
    await Promise.all([a.runDue(), b.runDue()]);
    expect(mail.map((m) => [m.to, m.reminder]).sort()).toEqual([
      ['t1@school344.example', 1],
      ['t2@school344.example', 1],
    ]);
    expect(mail.find((m) => m.personId === 't1')).toMatchObject({
      locale: 'ru',
      subject: expect.stringMatching(/^Напоминание: /),
      text: expect.stringContaining('Анна Сергеевна'),
    });
    expect(mail.find((m) => m.personId === 't2')).toMatchObject({ locale: 'en', subject: expect.stringMatching(/^Reminder: /) });
    // Saving the plan again reschedules today's reminder: it runs again but sends nothing new.
    await updateCampaign(mera.store, campaign._id, { targets: { [mera.schoolIds[0]]: 40 } }, contextAt(now));
    await Promise.all([a.runDue(), b.runDue()]);
    expect(mail).toHaveLength(2);
    answered.add('t2');
    clockAt(tenAm('2026-11-27'));
    await Promise.all([a.runDue(), b.runDue()]);
    expect(mail.slice(2).map((m) => [m.personId, m.reminder])).toEqual([['t1', 2]]);
  });

  test('a person asked by two campaigns gets one reminder mail a day: the second arrives the next day', async () => {
    await teacherCampaign(['2026-11-25']);
    await teacherCampaign(['2026-11-25']);
    const mail: ReminderMessage[] = [];
    const deps = { deliver: async (m: ReminderMessage) => void mail.push(m), recipients: async () => teachers.slice(0, 1) };
    clockAt(tenAm('2026-11-25'));
    const scheduler = worker(deps);
    await scheduler.runDue();
    expect(mail).toHaveLength(1);
    clockAt(new Date('2026-11-25T20:00:00Z'));
    await scheduler.runDue();
    expect(mail).toHaveLength(1);
    clockAt(tenAm('2026-11-26'));
    await scheduler.runDue();
    expect(mail).toHaveLength(2);
    expect(new Set(mail.map((m) => m.campaignId)).size).toBe(2);
  });

  test('a reminder the mail transport could not take is sent when its job is tried again, and only then', async () => {
    await teacherCampaign(['2026-11-25']);
    const mail: ReminderMessage[] = [];
    let down = true;
    const deliver = async (m: ReminderMessage) => {
      if (down) throw new Error('SMTP unavailable');
      mail.push(m);
    };
    const now = clockAt(tenAm('2026-11-25'));
    const scheduler = worker({ deliver, recipients: async () => teachers.slice(0, 2) });
    await scheduler.runDue();
    expect(mail).toEqual([]);
    down = false;
    clockAt(new Date(now.getTime() + 30_000));
    await scheduler.runDue();
    expect(mail.map((m) => m.personId).sort()).toEqual(['t1', 't2']);
    clockAt(new Date(now.getTime() + 30_000 + 3_600_000));
    await scheduler.runDue();
    expect(mail).toHaveLength(2);
  });

  test('no reminder goes out for a campaign closed before its reminder day', async () => {
    const campaign = await teacherCampaign(['2026-11-25']);
    await closeCampaign(mera.store, campaign._id, ctx);
    const mail: ReminderMessage[] = [];
    clockAt(tenAm('2026-11-25'));
    await worker({ deliver: async (m) => void mail.push(m), recipients: async () => teachers }).runDue();
    expect(mail).toEqual([]);
  });
});
