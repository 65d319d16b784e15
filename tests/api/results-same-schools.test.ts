// Issue 26, items 3–5 on a campaign's results: a change is computed over the same schools (a pilot
// is never compared whole with a cluster-wide campaign), says over how many, carries the z-test for
// shares of respondents with the cluster's Wilson interval, and a school without an answer this time
// gets no change; every indicator of the criteria table carries its criterion's title.
import request from 'supertest';
import { rebuildRollups } from '../../server/analytics/rollups';
import type { CampaignResults } from '../../server/analytics/views';
import { schoolsCollection } from '../../server/schools/data';
import { clusterSchools } from '../../seeds/schools';
import { answerThroughLink, campaignWithLinks, staffAnswers } from '../support/results';
import { teacherAnswers, teacherKnowledge, validMonitoringAnswers } from '../support/answers';
import { makeUser } from '../support/accounts';
import { submitMyDiagnostic } from '../../server/diagnostics/service';
import { startMera, TestMera } from '../support/mera';
import { binary, pdfText } from '../support/files';

const adminToken = 'same-schools-admin-token-0123456789';
const auth = { Authorization: `Bearer ${adminToken}` };
let mera: TestMera;
let schoolIds: string[];

beforeEach(async () => {
  mera = await startMera({ config: { adminToken, minGroupSize: 5 } });
  schoolIds = (await mera.store.collection(schoolsCollection).insertMany(clusterSchools)).map((s) => s._id);
});

afterEach(async () => {
  await mera.close();
});

async function results(id: string): Promise<CampaignResults> {
  const res = await request(mera.app).get(`/api/results/campaigns/${id}`).set(auth);
  expect(res.status).toBe(200);
  return res.body;
}

test('a cluster-wide staff survey after a three-school pilot: the change is over the three schools, said so, with its z-test and the Wilson interval', async () => {
  const [a, b, c, d, e] = schoolIds;
  const pilot = await campaignWithLinks(mera, 'staff-effectiveness', [a, b, c], { opensOn: '2026-01-10' });
  for (const s of [a, b, c]) for (let i = 0; i < 5; i++) await answerThroughLink(mera, pilot.tokens.get(s)!, staffAnswers('teacher', 2));
  const wide = await campaignWithLinks(mera, 'staff-effectiveness', [a, b, c, d, e], { opensOn: '2026-02-10' });
  for (const s of [a, b, c]) for (let i = 0; i < 5; i++) await answerThroughLink(mera, wide.tokens.get(s)!, staffAnswers('teacher', 5));
  for (const s of [d, e]) for (let i = 0; i < 5; i++) await answerThroughLink(mera, wide.tokens.get(s)!, staffAnswers('teacher', 2));
  await rebuildRollups(mera.store, pilot.id);
  await rebuildRollups(mera.store, wide.id);
  const r = await results(wide.id);
  const satisfaction = r.indicators.find((i) => i.id === 'staff_satisfaction_digital')!;
  // 15 of 25 now; the pilot's three schools went from 0 of 15 to 15 of 15: +100, not 60 − 0.
  expect(satisfaction.cluster).toMatchObject({ value: 60, n: 25, change: 100, changeOver: { schools: 3, sameSchools: false } });
  expect(satisfaction.cluster.changeTest).toMatchObject({ real: true });
  expect(satisfaction.cluster.interval).toEqual({ low: 40.7, high: 76.6 });
  expect(satisfaction.criterionTitle?.default).toBe('Использование ЦТ при проведении процедур внутренней оценки качества образования');
});

test('checklist: a school without a form this time gets no change; the cluster change is over the schools with a form both times', async () => {
  const [a, b, c] = schoolIds;
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
  const form = (planning: string) => Object.fromEntries(questions.map((q) => [q, q === 'int_e_planning' ? planning : 'yes']));
  const before = await campaignWithLinks(mera, 'school-checklist', [a, b, c], { opensOn: '2026-01-10', version: 1 });
  await answerThroughLink(mera, before.tokens.get(a)!, form('no'));
  await answerThroughLink(mera, before.tokens.get(b)!, form('no'));
  await answerThroughLink(mera, before.tokens.get(c)!, form('yes'));
  const now = await campaignWithLinks(mera, 'school-checklist', [a, b, c], { opensOn: '2026-02-10', version: 1 });
  await answerThroughLink(mera, now.tokens.get(a)!, form('yes'));
  await answerThroughLink(mera, now.tokens.get(b)!, form('no'));
  await rebuildRollups(mera.store, before.id);
  await rebuildRollups(mera.store, now.id);
  const r = await results(now.id);
  const planning = r.indicators.find((i) => i.id === 'chk_int_e_planning')!;
  // Over a and b (c sent no form this time): 1 of 2 against 0 of 2.
  expect(planning.cluster).toMatchObject({ change: 50, changeOver: { schools: 2, sameSchools: false } });
  expect(planning.cluster.interval).toBeUndefined();
  expect(planning.cluster.changeTest).toBeUndefined();
  expect(planning.schools.find((s) => s.schoolId === c)!.value.change).toBeNull();
  expect(planning.criterionTitle?.default).toContain('внутренней');
});

test("a campaign's report in Russian: days as «30 ноября 2026 г.», one decimal with a comma, no «-0», no ISO dates (items 4 and 7)", async () => {
  const [a, b, c, d, e] = schoolIds;
  const pilot = await campaignWithLinks(mera, 'staff-effectiveness', [a, b, c], { opensOn: '2026-01-10' });
  for (const s of [a, b, c])
    for (let i = 0; i < 6; i++) await answerThroughLink(mera, pilot.tokens.get(s)!, staffAnswers('teacher', i < 1 ? 5 : 2));
  const wide = await campaignWithLinks(mera, 'staff-effectiveness', [a, b, c, d, e], { opensOn: '2026-02-10' });
  for (const s of [a, b, c, d, e])
    for (let i = 0; i < 6; i++) await answerThroughLink(mera, wide.tokens.get(s)!, staffAnswers('teacher', i < 1 ? 5 : 2));
  await rebuildRollups(mera.store, pilot.id);
  await rebuildRollups(mera.store, wide.id);
  const res = await request(mera.app).get(`/api/results/campaigns/${wide.id}/report.pdf`).set(auth).buffer(true).parse(binary).expect(200);
  const text = pdfText(res.body as Buffer).text.replace(/\s+/g, ' ');
  expect(text).toContain('10 февраля 2026 г.');
  expect(text).toContain('16,7');
  expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
  expect(text).not.toMatch(/\d\.\d/);
  expect(text).not.toMatch(/-0\b/);
});

test('monitoring: a count asked only when there were participants is 0 where there were none, not "not reported" (item 4)', async () => {
  const [a, b] = schoolIds;
  const monitoring = await campaignWithLinks(mera, 'school-monitoring', [a, b], { opensOn: '2026-01-10' });
  await answerThroughLink(mera, monitoring.tokens.get(a)!, validMonitoringAnswers());
  await answerThroughLink(mera, monitoring.tokens.get(b)!, {
    ...validMonitoringAnswers(),
    olymp_math_final_participants: 2,
    olymp_math_final_winners: 1,
  });
  await rebuildRollups(mera.store, monitoring.id);
  const winners = (await results(monitoring.id)).indicators.find((i) => i.id === 'mon_olymp_math_final_winners')!;
  expect(winners.cluster).toMatchObject({ value: 0.5, n: 2 });
  expect(winners.schools.map((s) => s.value.value)).toEqual([0, 1]);
});

test('the teacher diagnostic: each area’s change September → April over the teachers who took both, per school within the minimum group (item 6)', async () => {
  const [a, b] = schoolIds;
  const september = await campaignWithLinks(mera, 'teacher-deficit', [a, b], { opensOn: '2025-09-15' });
  const april = await campaignWithLinks(mera, 'teacher-deficit', [a, b], { opensOn: '2026-04-06' });
  const teachers = [];
  for (let i = 0; i < 7; i++) teachers.push(await makeUser(mera.store, `t${i}@change.test`, 'teacher', i < 5 ? a : b));
  for (const [i, t] of teachers.entries()) {
    const teacher = { id: t._id, schoolId: t.schoolId! };
    await submitMyDiagnostic(mera.store, teacher, september.id, teacherAnswers(1, teacherKnowledge(false)), '2025-09-20');
    // One teacher of school a skips April: not in the change.
    if (i !== 0) await submitMyDiagnostic(mera.store, teacher, april.id, teacherAnswers(4, teacherKnowledge(true)), '2026-04-10');
  }
  await rebuildRollups(mera.store, september.id);
  await rebuildRollups(mera.store, april.id);
  const r = await results(april.id);
  expect(r.diagnosticChange).toMatchObject({ previousCampaign: { id: september.id }, teachers: 6 });
  const planning = r.diagnosticChange!.areas.find((x) => x.area === 'e_planning')!;
  expect(planning.cluster).toMatchObject({ n: 6, before: 0, after: 100, change: 100, suppressed: false });
  // School a: four teachers took both (fewer than five): withheld; school b: two.
  expect(planning.schools).toEqual([
    { schoolId: a, n: 4, before: null, after: null, change: null, suppressed: true },
    { schoolId: b, n: 2, before: null, after: null, change: null, suppressed: true },
  ]);

  // indicators.csv holds the areas' rows: the cluster and each school, n, score, levels, alpha, the change.
  const csv = await request(mera.app).get(`/api/results/campaigns/${april.id}/indicators.csv`).set(auth).expect(200);
  const lines = csv.text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toMatch(
    /^Направление;Школа;n;Результат по сумме баллов, %;.*α Кронбаха;Изменение с прошлой диагностики, п\.п\.;Педагогов в сравнении$/,
  );
  expect(lines).toHaveLength(1 + 8 * 3);
  // The cluster's pooled score counts only published school groups (disclosure control: both schools
  // are under five, so it is withheld); the change is over the six teachers who took both.
  expect(lines.find((l) => l.includes(';Кластер;6;'))).toMatch(/;Кластер;6;мало ответов;.*;100;6$/);
  // The report: the heat map with alpha, the pooled scores and the change, in Russian formats.
  const pdf = await request(mera.app).get(`/api/results/campaigns/${april.id}/report.pdf`).set(auth).buffer(true).parse(binary).expect(200);
  const text = pdfText(pdf.body as Buffer).text.replace(/\s+/g, ' ');
  expect(text).toContain('Дефициты по направлениям и школам');
  expect(text).toContain('α Кронбаха');
  expect(text).toContain('Изменение с прошлой диагностики по тем же педагогам');
  expect(text).toContain('+100 (n = 6)');
  expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
});
