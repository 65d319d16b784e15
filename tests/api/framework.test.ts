// The cluster's criteria table (issue 26, item 2 and the honest comparisons of item 3) over real
// HTTP on a real store: checklist forms and staff answers go in through the respondents' links,
// and GET /api/framework gives 004's twelve indicators under their two criteria, each with its
// target, value, met, n, the change since last year over the same schools, and the schools missing it.
import request from 'supertest';
import { rebuildRollups } from '../../server/analytics/rollups';
import { campaignsCollection } from '../../server/campaigns/data';
import type { FrameworkIndicatorView, FrameworkView } from '../../server/analytics/framework-views';
import { schoolsCollection } from '../../server/schools/data';
import { clusterSchools } from '../../seeds/schools';
import { makeUser, signedInBrowser } from '../support/accounts';
import { answerThroughLink, campaignWithLinks, staffAnswers } from '../support/results';
import { startMera, TestMera } from '../support/mera';
import { binary, pdfText } from '../support/files';
import { setClock } from '../../server/clock';

const adminToken = 'framework-admin-token-0123456789';
const auth = { Authorization: `Bearer ${adminToken}` };
let mera: TestMera;
let schoolIds: string[];
/** This year's staff survey (its own report opens with the criteria table). */
let staffCampaignId: string;

beforeAll(async () => {
  // Answered on a day of the school year 2026/27, after its January stage opened.
  const restoreClock = setClock('2027-02-01T09:00:00Z');
  mera = await startMera({ config: { adminToken, minGroupSize: 5 } });
  schoolIds = (await mera.store.collection(schoolsCollection).insertMany(clusterSchools)).map((s) => s._id);
  const [a, b, c, d] = schoolIds;
  const questions = [
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
  ];
  const form = (answers: Record<string, string>) => Object.fromEntries(questions.map((q) => [q, answers[q] ?? 'yes']));
  // Answered while open; the earlier ones are closed once answered.
  const campaign = async (instrumentId: string, schools: string[], opensOn: string) =>
    campaignWithLinks(mera, instrumentId, schools, { opensOn, status: 'open', version: 1, title: `${instrumentId} ${opensOn}` });

  // Last year (2025/26): three schools; this year (2026/27): four, and the fourth sends no form.
  const lastChecklist = await campaign('school-checklist', [a, b, c], '2026-01-12');
  await answerThroughLink(mera, lastChecklist.tokens.get(a)!, form({}));
  await answerThroughLink(mera, lastChecklist.tokens.get(b)!, form({ int_e_planning: 'no' }));
  await answerThroughLink(mera, lastChecklist.tokens.get(c)!, form({ ext_noko: 'no' }));
  // An earlier stage of this year, then its latest stage, the one the table reads.
  const october = await campaign('school-checklist', [a, b, c, d], '2026-10-01');
  for (const s of [a, b, c, d]) await answerThroughLink(mera, october.tokens.get(s)!, form({ int_kim_catalogue: 'no' }));
  const january = await campaign('school-checklist', [a, b, c, d], '2027-01-12');
  await answerThroughLink(mera, january.tokens.get(a)!, form({}));
  await answerThroughLink(mera, january.tokens.get(b)!, form({}));
  await answerThroughLink(mera, january.tokens.get(c)!, form({ int_e_planning: 'partly' }));

  // Staff: last year 5 of 10 satisfied in each of two schools; this year all 10 in one, 8 of 10 in the other.
  const lastStaff = await campaign('staff-effectiveness', [a, b], '2026-03-02');
  const staffNow = await campaign('staff-effectiveness', [a, b], '2026-11-02');
  staffCampaignId = staffNow.id;
  for (const s of [a, b])
    for (let i = 0; i < 10; i++) await answerThroughLink(mera, lastStaff.tokens.get(s)!, staffAnswers('teacher', i < 5 ? 5 : 2));
  for (let i = 0; i < 10; i++) await answerThroughLink(mera, staffNow.tokens.get(a)!, staffAnswers('teacher', 5));
  for (let i = 0; i < 10; i++) await answerThroughLink(mera, staffNow.tokens.get(b)!, staffAnswers('admin', i < 8 ? 4 : 3));
  for (const done of [lastChecklist, october, lastStaff])
    await mera.store.collection(campaignsCollection).updateOne({ _id: done.id }, { $set: { status: 'closed' } });
  for (const c of await mera.store.collection(campaignsCollection).find({})) await rebuildRollups(mera.store, c._id);
  restoreClock();
}, 120_000);

afterAll(async () => {
  await mera.close();
});

async function framework(year = '2026/27'): Promise<FrameworkView> {
  const res = await request(mera.app)
    .get(`/api/framework?year=${encodeURIComponent(year)}`)
    .set(auth);
  expect(res.status).toBe(200);
  return res.body;
}
const indicatorOf = (f: FrameworkView, id: string) =>
  f.criteria.flatMap((c) => c.indicators).find((i) => i.id === id) as FrameworkIndicatorView;

test("004's table: two criteria, twelve indicators (eleven from the checklist, staff satisfaction above 80 %), each labelled with its criterion", async () => {
  const f = await framework();
  expect(f).toMatchObject({ cluster: '004', year: '2026/27', previousYear: '2025/26' });
  expect(f.criteria.map((c) => [c.id, c.indicators.length])).toEqual([
    ['internal', 9],
    ['external', 3],
  ]);
  const all = f.criteria.flatMap((c) => c.indicators);
  expect(all.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  expect(all.filter((i) => i.basis === 'census')).toHaveLength(11);
  // The two indicators that read the same are told apart by their criterion.
  const same = all.filter(
    (i) => i.title.default === 'ЦТ используются для проведения сбора и анализа результатов проведения оценочных процедур',
  );
  expect(same.map((i) => i.criterion.title.default)).toEqual([
    'Использование ЦТ при проведении процедур внутренней оценки качества образования',
    'Использование ЦТ при проведении процедур внешней оценки качества образования',
  ]);
  expect(indicatorOf(f, 'staff_satisfaction_digital')).toMatchObject({
    target: { op: '>', value: 80 },
    targetText: { default: 'выше 80%' },
  });
  expect(f.summary).toEqual({ indicators: 12, met: 1, notMet: 11, noValue: 0 });
});

test('a checklist indicator from the latest stage: value, n, met, the schools missing it, and the change over the same schools, saying the sets differ', async () => {
  const f = await framework();
  const [a, b, c, d] = schoolIds;
  const planning = indicatorOf(f, 'chk_int_e_planning');
  // «да» in two of four schools (one «частично», one without a form): 50 %, not met.
  expect(planning).toMatchObject({ value: 50, n: 4, met: false, yesOrPartly: 75, interval: null, basis: 'census' });
  expect(planning.missing).toEqual([c, d]);
  expect(planning.source?.opensOn).toBe('2027-01-12');
  // Over the three schools of both years with a form in both: 2 of 3 both years; a census has no test.
  expect(planning.change).toEqual({ value: 0, schools: 3, sameSchools: false, previous: 66.7, test: null });
  const noko = indicatorOf(f, 'chk_ext_noko');
  expect(noko.change).toMatchObject({ value: 33.3, schools: 3, previous: 66.7 });
  // The matrix: да / частично / нет per school, in the schools' order.
  const row = (id: string) => f.matrix.find((r) => r.schoolId === id)!.cells.find((x) => x.indicatorId === 'chk_int_e_planning');
  expect([row(a)?.answer, row(b)?.answer, row(c)?.answer, row(d)?.answer]).toEqual(['yes', 'yes', 'partly', null]);
});

test('staff satisfaction: a share of respondents with its 95 % Wilson interval, the schools missing it, and a change the z-test calls real', async () => {
  const f = await framework();
  const [a, b] = schoolIds;
  const staff = indicatorOf(f, 'staff_satisfaction_digital');
  expect(staff).toMatchObject({ value: 90, n: 20, met: true, basis: 'sample', interval: { low: 69.9, high: 97.2 } });
  // School b: 8 of 10, exactly 80 %: "above 80 %" is not met.
  expect(staff.missing).toEqual([b]);
  expect(staff.change).toMatchObject({ value: 40, schools: 2, sameSchools: true, previous: 50, test: { real: true } });
  const cell = f.matrix.find((r) => r.schoolId === a)!.cells.find((x) => x.indicatorId === 'staff_satisfaction_digital');
  expect(cell).toMatchObject({ value: 100, met: true, suppressed: false });
});

test('a year without campaigns has no values and no changes; a bad year is 400 naming it; a school coordinator is refused', async () => {
  const empty = await framework('2019/20');
  expect(empty.summary).toEqual({ indicators: 12, met: 0, notMet: 0, noValue: 12 });
  const bad = await request(mera.app).get('/api/framework?year=2026-27').set(auth);
  expect(bad.status).toBe(400);
  expect(bad.body.error).toMatchObject({ code: 'request.invalid', field: 'year' });
  await makeUser(mera.store, 'school@framework.test', 'school-coordinator', schoolIds[0]);
  const school = await signedInBrowser(mera, 'school@framework.test');
  expect((await school.agent.get('/api/framework')).status).toBe(403);
  await makeUser(mera.store, 'cluster@framework.test', 'cluster-coordinator');
  const cluster = await signedInBrowser(mera, 'cluster@framework.test');
  expect((await cluster.agent.get('/api/framework?year=2026/27')).status).toBe(200);
});

test('the table as CSV and XLSX, named for what they hold (item 10), with да / частично / нет and decimal commas', async () => {
  const csv = await request(mera.app).get('/api/framework/table.csv?year=2026/27').set(auth).expect(200);
  expect(csv.headers['content-disposition']).toContain('mera-pokazateli-2026-27.csv');
  const text = csv.text;
  expect(text).toContain('Изменение за год, п.п.');
  expect(text).toContain('Использование ЦТ при проведении процедур внешней оценки качества образования;11;');
  expect(text).toContain('частично');
  expect(text).toContain('69,9–97,2');
  expect(text).not.toMatch(/\d\.\d/);
  const xlsx = await request(mera.app).get('/api/framework/table.xlsx?year=2026/27').set(auth).expect(200);
  expect(xlsx.headers['content-disposition']).toContain('mera-pokazateli-2026-27.xlsx');
});

test('the report opens with the criteria table, in Russian formats: no ISO dates, no decimal points, changes in п.п. (items 2 and 7)', async () => {
  const res = await request(mera.app).get('/api/framework/report.pdf?year=2026/27').set(auth).buffer(true).parse(binary).expect(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  expect(res.headers['content-disposition']).toContain('mera-pokazateli-2026-27.pdf');
  const text = pdfText(res.body as Buffer).text.replace(/\s+/g, ' ');
  const table = text.indexOf('Критерии и показатели №');
  expect(table).toBeGreaterThan(0);
  // The first table is the framework: its first row is indicator 1 under the first criterion.
  expect(
    text.indexOf('Использование ЦТ при проведении процедур внутренней оценки качества образования 1 Ведется электронное планирование'),
  ).toBeGreaterThan(table);
  expect(text).toContain('90 % (69,9–97,2)');
  expect(text).toContain('+40 п.п.');
  expect(text).toContain('частично');
  expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
  expect(text).not.toMatch(/\d\.\d/);
  expect(text).toMatch(/Сформировано \d{1,2} [а-я]+ \d{4} г\./);
  const en = await request(mera.app).get('/api/framework/report.pdf?year=2026/27&lang=en').set(auth).buffer(true).parse(binary).expect(200);
  expect(pdfText(en.body as Buffer).text.replace(/\s+/g, ' ')).toContain('Criteria and indicators');
});

test("a staff survey's own report opens with the criteria table of its school year, before the campaign's facts (item 2)", async () => {
  const res = await request(mera.app)
    .get(`/api/results/campaigns/${staffCampaignId}/report.pdf`)
    .set(auth)
    .buffer(true)
    .parse(binary)
    .expect(200);
  const text = pdfText(res.body as Buffer).text.replace(/\s+/g, ' ');
  const table = text.indexOf('Критерии и показатели: Кластер 004, 2026/27 учебный год');
  expect(table).toBeGreaterThan(0);
  expect(text.indexOf('Сведения о кампании')).toBeGreaterThan(table);
  expect(text.indexOf('Ведется электронное планирование')).toBeGreaterThan(table);
});
