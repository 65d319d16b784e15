// The demo cluster, seeded into an empty store through the services (campaigns planned, opened and
// closed on their own days; answers submitted as respondents and teachers submit them), read back
// the way a coordinator reads it: through the results API.
import request from 'supertest';
import { rebuildRollups } from '../../server/analytics/rollups';
import { groupRollupsCollection, schoolFormRollupsCollection } from '../../server/analytics/data';
import type { CampaignResults } from '../../server/analytics/results';
import { auditCollection } from '../../server/campaigns/data';
import { campaignsCollection, type Campaign } from '../../server/campaigns/data';
import { responsesCollection } from '../../server/responses/data';
import type { Store } from '../../server/store';
import { getInstrument } from '../../server/surveys/catalogue';
import { clusterSchools } from '../../seeds/schools';
import { seedDemo, seedDemoIfEmpty, type SeedCounts } from '../../seeds/demo';
import { builtinInstruments } from '../support/instruments';
import { startMera, TestMera } from '../support/mera';

const adminToken = 'demo-seed-admin-token-0123456789';
const auth = { Authorization: `Bearer ${adminToken}` };
/** The seed's "today": 23 November 2026, noon in Moscow. */
const now = new Date('2026-11-23T09:00:00Z');
const today = '2026-11-23';

let mera: TestMera;
let counts: SeedCounts;
let seedingMs: number;
let campaigns: Campaign[];

beforeAll(async () => {
  mera = await startMera({ config: { adminToken, minGroupSize: 5 } });
  const started = Date.now();
  counts = await seedDemo(mera.store, { timeZone: mera.config.timeZone, secret: mera.config.secret, now });
  seedingMs = Date.now() - started;
  campaigns = await mera.store.collection(campaignsCollection).find({}, { sort: { opensOn: 1, createdAt: 1 } });
}, 180_000);

afterAll(() => mera.close());

async function results(campaignId: string): Promise<CampaignResults> {
  const res = await request(mera.app).get(`/api/results/campaigns/${campaignId}`).set(auth);
  expect(res.status).toBe(200);
  return res.body;
}

const latest = (instrumentId: string, filter: (c: Campaign) => boolean = () => true) =>
  campaigns.filter((c) => c.instrumentId === instrumentId && filter(c)).at(-1)!;

/**
 * The rollups as stored, sorted by key, with sums rounded where the order of float additions may
 * differ, and without empty maps (a rebuild writes `areas: {}` where counting as answers arrive
 * never touched the field: the same counts).
 */
async function rollupsOf(store: Store) {
  const round = (value: unknown): unknown => {
    if (typeof value === 'number') return Number(value.toPrecision(10));
    if (Array.isArray(value)) return value.map(round);
    if (value && typeof value === 'object' && !(value instanceof Date)) {
      const entries = Object.entries(value).filter(
        ([, v]) => !(v && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v) && Object.keys(v).length === 0),
      );
      return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, round(v)]));
    }
    return value;
  };
  const groups = await store.collection(groupRollupsCollection).find({}, { sort: { _id: 1 } });
  const forms = await store.collection(schoolFormRollupsCollection).find({}, { sort: { _id: 1 } });
  return round({ groups, forms });
}

test('seeding an empty store plans every campaign on the current (second) edition of its instrument, through the campaigns service, and stores the answers', async () => {
  console.log(`Demo seed: ${counts.responses} responses in ${counts.campaigns} campaigns, ${seedingMs} ms`);
  expect(counts.schools).toBe(clusterSchools.length);
  expect(counts.campaigns).toBe(campaigns.length);
  for (const c of campaigns) {
    const current = builtinInstruments.filter((b) => b.instrument.id === c.instrumentId).map((b) => b.instrument.version);
    expect(c.instrumentVersion).toBe(Math.max(...current));
    expect(c.instrumentVersion).toBeGreaterThanOrEqual(2);
    // Planned and opened by the cluster coordinator on days before today, as the audit records it.
    const audit = await mera.store.collection(auditCollection).find({ campaignId: c._id }, { sort: { revision: 1 } });
    expect(audit.map((a) => a.action)).toEqual(c.status === 'closed' ? ['created', 'opened', 'closed'] : ['created', 'opened']);
    expect(audit[0].actor).toMatchObject({ kind: 'user' });
  }
  expect(await mera.store.collection(responsesCollection).countDocuments({})).toBe(counts.responses);
  expect(await seedDemoIfEmpty(mera.store, { timeZone: mera.config.timeZone, now })).toBeNull();
});

test('last year\u2019s campaigns are closed before today and this year\u2019s open ones run over today', () => {
  const closed = campaigns.filter((c) => c.status === 'closed');
  const open = campaigns.filter((c) => c.status === 'open');
  expect(closed.length).toBeGreaterThanOrEqual(8);
  for (const c of closed) expect(c.closesOn < today).toBe(true);
  expect(new Set(open.map((c) => c.instrumentId))).toEqual(
    new Set(['parent-survey', 'student-survey', 'staff-effectiveness', 'teacher-deficit', 'school-monitoring']),
  );
  for (const c of open) expect(c.opensOn <= today && today <= c.closesOn).toBe(true);
});

test('the rollups kept as the seed\u2019s answers arrived equal a rebuild from the stored responses', async () => {
  const kept = await rollupsOf(mera.store);
  await rebuildRollups(mera.store);
  expect(await rollupsOf(mera.store)).toEqual(kept);
});

test('no two instruments rank the schools alike, and no ranking is the schools\u2019 list order', async () => {
  const rankings = new Map<string, string[]>();
  for (const instrumentId of [
    'parent-survey',
    'student-survey',
    'staff-effectiveness',
    'teacher-deficit',
    'school-checklist',
    'school-monitoring',
  ]) {
    // This year's monitoring is still open with two schools to report: last year's has all nine.
    const r = await results(latest(instrumentId, (c) => instrumentId !== 'school-monitoring' || c.status === 'closed')._id);
    // Each indicator's school values scaled to 0–1 over the schools, averaged per school.
    const totals = new Map<string, number[]>();
    const add = (values: { schoolId: string; value: number | null }[]) => {
      const known = values.filter((v) => v.value !== null) as { schoolId: string; value: number }[];
      const min = Math.min(...known.map((v) => v.value));
      const max = Math.max(...known.map((v) => v.value));
      if (known.length < 2 || max === min) return;
      for (const v of known) totals.set(v.schoolId, [...(totals.get(v.schoolId) ?? []), (v.value - min) / (max - min)]);
    };
    for (const indicator of r.indicators)
      add(indicator.schools.map((s) => ({ schoolId: s.schoolId, value: typeof s.value.value === 'number' ? s.value.value : null })));
    for (const area of r.deficits?.areas ?? []) add(area.schools.map((s) => ({ schoolId: s.schoolId, value: s.pooled?.score ?? null })));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const ranking = [...totals]
      .sort((a, b) => mean(b[1]) - mean(a[1]))
      .map(([schoolId]) => r.schools.find((s) => s.id === schoolId)!.number!);
    // Every school but at most one whose group is under the minimum group (disclosure control withholds its values).
    expect(ranking.length).toBeGreaterThanOrEqual(clusterSchools.length - 1);
    rankings.set(instrumentId, ranking);
  }
  const orders = [...rankings.values()].map((r) => r.join(' '));
  const listOrderOf = (ranking: string[]) =>
    clusterSchools
      .map((s) => s.number)
      .filter((n) => ranking.includes(n))
      .join(' ');
  const inListOrder = [...rankings.values()].filter(
    (r) => r.join(' ') === listOrderOf(r) || r.join(' ') === listOrderOf(r).split(' ').reverse().join(' '),
  );
  expect(inListOrder).toEqual([]);
  // Any ranking shared by two instruments shows here.
  expect(orders.filter((o, i) => orders.indexOf(o) !== i)).toEqual([]);
});

test('every school sent its checklist at every stage so far (last year\u2019s three, this October), and each stage has indicators met and not met', async () => {
  const checklists = campaigns.filter((c) => c.instrumentId === 'school-checklist');
  expect(checklists.map((c) => `${c.opensOn.slice(0, 4)} ${c.stage}`)).toEqual([
    '2025 october',
    '2026 january',
    '2026 june',
    '2026 october',
  ]);
  for (const c of checklists) {
    const r = await results(c._id);
    expect(r.respondents).toBe(clusterSchools.length);
    const items = r.indicators.filter((i) => i.kind === 'share-of-schools');
    expect(items).toHaveLength(11);
    for (const i of items) expect(i.cluster.missing).toEqual([]);
    const met = items.filter((i) => i.cluster.met === true).length;
    expect(met).toBeGreaterThan(0);
    expect(met).toBeLessThan(items.length);
  }
});

test('the monitoring figures nest: schools of 600–1 500 pupils, participants within enrolment, winners within participants, admitted to profile ≤ admitted ≤ graduates, shares within 0–100', async () => {
  const forms = (await mera.store.collection(responsesCollection).find({ instrumentId: 'school-monitoring' })).map(
    (r) => r.answers as Record<string, number>,
  );
  expect(forms.length).toBe(9 + 9 + 7);
  for (const a of forms) {
    expect(a.enrol_total).toBeGreaterThanOrEqual(600);
    expect(a.enrol_total).toBeLessThanOrEqual(1500);
    expect(a.enrol_g4 + a.enrol_g5_6 + a.enrol_g7_8 + a.enrol_g9 + a.enrol_g10_11).toBeLessThanOrEqual(a.enrol_total);
    expect(a.grads_profile_universities).toBeLessThanOrEqual(a.grads_universities);
    expect(a.grads_universities).toBeLessThanOrEqual(a.grads_total);
    expect(a.grads_total).toBeLessThanOrEqual(a.enrol_g10_11 / 2);
    for (const [band, subjects] of [
      ['g4', ['math']],
      ['g5_6', ['math', 'science']],
      ['g7_8', ['math', 'science']],
    ] as const) {
      for (const subject of subjects) expect(a[`vpr_${subject}_${band}_participants`]).toBeLessThanOrEqual(a[`enrol_${band}`]);
    }
    // ВПР participants of grades 4–8 are fewer than the pupils of those grades (3 628 in one school was the old demo's).
    expect(a.vpr_math_participants).toBeLessThanOrEqual(a.enrol_g4 + a.enrol_g5_6 + a.enrol_g7_8);
    for (const [name, value] of Object.entries(a)) {
      if (name.endsWith('_winners')) expect(value).toBeLessThanOrEqual(a[name.replace(/_winners$/, '_participants')]);
      if (/_(share|quality|confirmed|lowered|raised)$/.test(name)) expect(value >= 0 && value <= 100).toBe(true);
    }
    for (const stage of ['school', 'district', 'regional', 'final']) {
      for (const subject of ['math', 'informatics', 'science'])
        expect(a[`olymp_${subject}_${stage}_participants`]).toBeGreaterThanOrEqual(0);
    }
    expect(a.olymp_math_district_participants).toBeLessThanOrEqual(a.olymp_math_school_participants);
    expect(a.vpr_math_mean >= 2 && a.vpr_math_mean <= 5).toBe(true);
  }
});

test('last year\u2019s surveys differ from this year\u2019s, so the results show a change, up in some schools and down in others', async () => {
  const r = await results(latest('parent-survey', (c) => c.status === 'open')._id);
  expect(r.previousCampaign).not.toBeNull();
  const changes = r.indicators.map((i) => i.cluster.change).filter((c): c is number => typeof c === 'number');
  expect(changes.length).toBeGreaterThan(0);
  expect(changes.some((c) => c !== 0)).toBe(true);
  const perSchool = r.indicators.flatMap((i) => i.schools.map((s) => s.value.change)).filter((c): c is number => typeof c === 'number');
  expect(perSchool.some((c) => c > 0)).toBe(true);
  expect(perSchool.some((c) => c < 0)).toBe(true);
});

test('teachers\u2019 knowledge answers agree with their self-ratings more often than not', async () => {
  const diagnostics = await mera.store.collection(responsesCollection).find({ instrumentId: 'teacher-deficit' });
  let agree = 0;
  let pairs = 0;
  for (const d of diagnostics) {
    for (const area of Object.values(d.scores!.areas)) {
      if (area.selfRating?.score == null || area.knowledge?.score == null) continue;
      pairs++;
      if (area.selfRating.score >= 50 === area.knowledge.score >= 50) agree++;
    }
  }
  expect(pairs).toBeGreaterThan(500);
  expect(agree / pairs).toBeGreaterThan(0.5);
  // And the diagnostic is the second edition's: a role per teacher, the knowledge part scored.
  const compiled = await getInstrument(mera.store, 'teacher-deficit');
  expect(diagnostics.every((d) => d.instrumentVersion === compiled.instrument.version && typeof d.answers.work_role === 'string')).toBe(
    true,
  );
});

test('a school’s checklist trend carries its own answers (да / частично / нет), which a share of one school cannot tell apart (issue 26, item 7)', async () => {
  const october = campaigns.filter((c) => c.instrumentId === 'school-checklist').at(-1)!;
  const schoolId = october.schoolIds[0];
  const res = await request(mera.app).get(`/api/results/campaigns/${october._id}?school=${schoolId}`).set(auth).expect(200);
  const r = res.body as CampaignResults;
  const seen = new Set<string | null>();
  for (const i of r.indicators.filter((x) => x.kind === 'share-of-schools')) {
    const mine = i.trend!.schools.find((s) => s.schoolId === schoolId)!;
    expect(mine.answers).toHaveLength(r.history.length);
    // This campaign's answer is the one the school's value shows; a «да» is 100 %, «частично» and «нет» both 0 %.
    expect(mine.answers!.at(-1)).toBe(i.schools.find((s) => s.schoolId === schoolId)!.value.answer);
    mine.answers!.forEach((a, k) => {
      expect(['yes', 'partly', 'no', null]).toContain(a);
      if (a === 'yes') expect(mine.values[k]).toBe(100);
      if (a === 'partly' || a === 'no') expect(mine.values[k]).toBe(0);
      seen.add(a);
    });
  }
  // The seed's schools answer all three ways over the four stages.
  expect(seen.has('yes') && seen.has('partly') && seen.has('no')).toBe(true);
});
