// Planning a campaign through the service, on a real embedded store: every rule of a plan, the
// days kept as UTC instants in the cluster's time zone, and the audit log of every change.
import { auditLog } from '../../server/campaigns/audit';
import { campaignsCollection } from '../../server/campaigns/data';
import { addDays, campaignWindow, dayStart, isCalendarDay } from '../../server/campaigns/dates';
import { openCampaign } from '../../server/campaigns/launch';
import { createCampaign, updateCampaign } from '../../server/campaigns/planning';
import { Problem } from '../../server/errors';
import { makeUser } from '../support/accounts';
import { contextAt, currentVersion, moscowNoon, parentPlan, storeWithSchools } from '../support/campaigns';

let mera: Awaited<ReturnType<typeof storeWithSchools>>;
beforeAll(async () => {
  mera = await storeWithSchools();
});
afterAll(() => mera.close());

const today = '2026-11-23';
const ctx = contextAt(moscowNoon(today));

async function refusal(promise: Promise<unknown>): Promise<Problem> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof Problem)) throw new Error(`expected a Problem, got ${String(err)}`);
  return err;
}

describe('campaign days', () => {
  test('a day starts at local midnight of the time zone, as a UTC instant', () => {
    expect(dayStart('2026-12-01', 'Europe/Moscow').toISOString()).toBe('2026-11-30T21:00:00.000Z');
    expect(dayStart('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    // The day after Berlin moves its clocks forward starts an hour earlier in UTC.
    expect(dayStart('2026-03-30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  test('a campaign runs from the start of its opening day to the end of its closing day', () => {
    const { opensAt, closesAt } = campaignWindow('2026-12-01', '2026-12-15', 'Europe/Moscow');
    expect(opensAt.toISOString()).toBe('2026-11-30T21:00:00.000Z');
    expect(closesAt.toISOString()).toBe('2026-12-15T21:00:00.000Z');
  });

  test('only real calendar days are days', () => {
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2026-1-05')).toBe(false);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('creating a campaign', () => {
  test("a valid plan is stored as planned, with its days, their instants and the instrument's title", async () => {
    const campaign = await createCampaign(
      mera.store,
      parentPlan(mera.schoolIds.slice(0, 3), '2026-12-01', '2026-12-15', { targets: { [mera.schoolIds[0]]: 120 } }),
      ctx,
    );
    expect(campaign).toMatchObject({ status: 'planned', opensOn: '2026-12-01', closesOn: '2026-12-15', audience: 'parents', revision: 1 });
    expect(campaign.closesAt!.toISOString()).toBe('2026-12-15T21:00:00.000Z');
    expect(campaign.title.default).toMatch(/родител/i);
    const [created] = await auditLog(mera.store, campaign._id);
    expect(created).toMatchObject({ action: 'created', actor: { kind: 'administrator' } });
    expect(created.changes).toEqual(
      expect.arrayContaining([
        { field: 'opensOn', before: null, after: '2026-12-01' },
        { field: 'targets', before: null, after: { [mera.schoolIds[0]]: 120 } },
      ]),
    );
  });

  test('an opening and closing on the same day is a one-day campaign', async () => {
    await expect(createCampaign(mera.store, parentPlan(mera.schoolIds, today, today), ctx)).resolves.toMatchObject({ status: 'planned' });
  });

  const refusals: [string, () => ReturnType<typeof parentPlan>, string, string][] = [
    ['closing before opening', () => parentPlan(mera.schoolIds, '2026-12-10', '2026-12-09'), 'campaign.invalid', 'closesOn'],
    ['a closing day already past', () => parentPlan(mera.schoolIds, '2026-11-01', '2026-11-22'), 'campaign.invalid', 'closesOn'],
    [
      'an audience that does not answer the instrument',
      () => parentPlan(mera.schoolIds, today, '2026-12-01', { audience: 'teachers' }),
      'campaign.invalid',
      'audience',
    ],
    [
      'a school that does not exist',
      () => parentPlan([mera.schoolIds[0], 'no-such-school'], today, '2026-12-01'),
      'campaign.invalid',
      'schoolIds',
    ],
    [
      'a school listed twice',
      () => parentPlan([mera.schoolIds[0], mera.schoolIds[0]], today, '2026-12-01'),
      'campaign.invalid',
      'schoolIds',
    ],
    [
      'an instrument that does not exist',
      () => parentPlan(mera.schoolIds, today, '2026-12-01', { instrumentId: 'no-such-survey' }),
      'campaign.invalid',
      'instrumentId',
    ],
    [
      'a version of the instrument that does not exist',
      () => parentPlan(mera.schoolIds, today, '2026-12-01', { instrumentVersion: 7 }),
      'campaign.invalid',
      'instrumentVersion',
    ],
    [
      'a target for a school not taking part',
      () => parentPlan(mera.schoolIds.slice(0, 1), today, '2026-12-01', { targets: { [mera.schoolIds[1]]: 10 } }),
      'campaign.invalid',
      'targets.',
    ],
    [
      'reminders in an anonymous survey',
      () => parentPlan(mera.schoolIds, today, '2026-12-01', { reminders: ['2026-11-25'] }),
      'campaign.invalid',
      'reminders',
    ],
    [
      'a checklist without its stage',
      () => ({
        ...parentPlan(mera.schoolIds, today, '2026-12-01'),
        instrumentId: 'school-checklist',
        instrumentVersion: currentVersion('school-checklist'),
        audience: 'school-coordinators',
      }),
      'campaign.invalid',
      'stage',
    ],
    [
      'a stage on an instrument without stages',
      () => parentPlan(mera.schoolIds, today, '2026-12-01', { stage: 'october' }),
      'campaign.invalid',
      'stage',
    ],
    [
      'a monitoring form with a reporting year that is not two consecutive years',
      () => ({
        ...parentPlan(mera.schoolIds, today, '2026-12-01'),
        instrumentId: 'school-monitoring',
        instrumentVersion: currentVersion('school-monitoring'),
        audience: 'school-coordinators',
        reportingYear: '2025/27',
      }),
      'campaign.invalid',
      'reportingYear',
    ],
    [
      "a reminder outside the campaign's days",
      () => ({
        ...parentPlan(mera.schoolIds, today, '2026-12-01'),
        instrumentId: 'teacher-deficit',
        instrumentVersion: currentVersion('teacher-deficit'),
        audience: 'teachers',
        reminders: ['2026-12-02'],
      }),
      'campaign.invalid',
      'reminders',
    ],
  ];

  test.each(refusals)('%s is refused with 400 naming the field, and nothing is stored', async (_what, plan, code, field) => {
    const before = await mera.store.collection(campaignsCollection).countDocuments({});
    const problem = await refusal(createCampaign(mera.store, plan(), ctx));
    expect(problem).toMatchObject({ code, status: 400 });
    expect(problem.field?.startsWith(field)).toBe(true);
    const after = await mera.store.collection(campaignsCollection).countDocuments({});
    expect(after).toBe(before);
  });

  test('a checklist with its stage and a monitoring form with its reporting year are accepted', async () => {
    const base = { ...parentPlan(mera.schoolIds, today, '2026-12-01'), audience: 'school-coordinators' as const };
    await expect(createCampaign(mera.store, { ...base, instrumentId: 'school-checklist', stage: 'january' }, ctx)).resolves.toMatchObject({
      stage: 'january',
    });
    await expect(
      createCampaign(mera.store, { ...base, instrumentId: 'school-monitoring', reportingYear: '2025/26' }, ctx),
    ).resolves.toMatchObject({ reportingYear: '2025/26' });
  });
});

describe('changing a campaign', () => {
  test('each change is recorded with who, when, and each field before and after', async () => {
    const plan = parentPlan(mera.schoolIds.slice(0, 2), '2026-12-01', '2026-12-15', { targets: { [mera.schoolIds[0]]: 100 } });
    const campaign = await createCampaign(mera.store, plan, ctx);
    const later = contextAt(new Date(moscowNoon(today).getTime() + 60_000));
    // The responsible person picked from the users: kept with their name.
    const coordinator = await makeUser(mera.store, 'olga@school.test', 'school-coordinator', mera.schoolIds[1]);
    const updated = await updateCampaign(
      mera.store,
      campaign._id,
      { closesOn: '2026-12-20', targets: { [mera.schoolIds[0]]: 90, [mera.schoolIds[1]]: 40 }, responsible: { userId: coordinator._id } },
      later,
    );
    expect(updated).toMatchObject({ closesOn: '2026-12-20', revision: 2 });
    expect(updated.closesAt!.toISOString()).toBe('2026-12-20T21:00:00.000Z');
    const log = await auditLog(mera.store, campaign._id);
    expect(log.map((e) => e.action)).toEqual(['created', 'updated']);
    expect(log[1].at).toEqual(later.now);
    expect(log[1].changes).toHaveLength(5);
    expect(log[1].changes).toEqual(
      expect.arrayContaining([
        { field: 'closesOn', before: '2026-12-15', after: '2026-12-20' },
        { field: 'responsible.name', before: 'Ирина Петровна Смирнова', after: 'olga' },
        { field: 'responsible.userId', before: null, after: coordinator._id },
        { field: `targets.${mera.schoolIds[0]}`, before: 100, after: 90 },
        { field: `targets.${mera.schoolIds[1]}`, before: null, after: 40 },
      ]),
    );
  });

  test('a change that breaks a rule is refused and changes nothing', async () => {
    const campaign = await createCampaign(mera.store, parentPlan(mera.schoolIds, '2026-12-01', '2026-12-15'), ctx);
    const problem = await refusal(updateCampaign(mera.store, campaign._id, { closesOn: '2026-11-30' }, ctx));
    expect(problem).toMatchObject({ status: 400, field: 'closesOn' });
    expect(await auditLog(mera.store, campaign._id)).toHaveLength(1);
  });

  test('once open, a school can be added but none removed, the instrument cannot change, and its closing day and targets can', async () => {
    const campaign = await createCampaign(mera.store, parentPlan(mera.schoolIds.slice(0, 2), today, '2026-12-15'), ctx);
    await openCampaign(mera.store, campaign._id, { ...ctx, secret: 'x'.repeat(32) });
    await expect(updateCampaign(mera.store, campaign._id, { schoolIds: mera.schoolIds.slice(0, 3) }, ctx)).resolves.toMatchObject({
      schoolIds: mera.schoolIds.slice(0, 3),
    });
    expect(await refusal(updateCampaign(mera.store, campaign._id, { schoolIds: mera.schoolIds.slice(1, 3) }, ctx))).toMatchObject({
      status: 409,
      field: `schoolIds.${mera.schoolIds[0]}`,
    });
    expect(await refusal(updateCampaign(mera.store, campaign._id, { instrumentVersion: 1 }, ctx))).toMatchObject({
      status: 409,
      field: 'instrumentVersion',
    });
    await expect(
      updateCampaign(mera.store, campaign._id, { closesOn: '2026-12-18', targets: { [mera.schoolIds[1]]: 30 } }, ctx),
    ).resolves.toMatchObject({ closesOn: '2026-12-18', status: 'open' });
  });
});
