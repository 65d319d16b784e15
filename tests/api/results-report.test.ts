// The аналитическая справка (PDF) over real HTTP on a real embedded store: answers go in through the
// respondents' links, the PDF is read back by pdf.js, and it holds the indicator table, the schools
// meeting and missing each target, common and particular problems, withheld values as "too few
// answers", and the same in English.
import request from 'supertest';
import { rebuildRollups } from '../../server/analytics/rollups';
import { campaignsCollection } from '../../server/campaigns/data';
import { schoolsCollection } from '../../server/schools/data';
import { getInstrument } from '../../server/surveys/catalogue';
import { clusterSchools } from '../../seeds/schools';
import { seededRandom, syntheticAnswers } from '../../seeds/synthetic';
import { makeUser, signedInBrowser, PASSWORD } from '../support/accounts';
import { teacherAnswers, validMonitoringAnswers } from '../support/answers';
import { currentVersion } from '../support/campaigns';
import { answerThroughLink, campaignWithLinks, staffAnswers } from '../support/results';
import { binary, pdfText } from '../support/files';
import { startMera, TestMera } from '../support/mera';

const adminToken = 'report-admin-token-0123456789abc';
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

// The report's mechanics are shown on the first editions' answers (built here by hand), unless a test asks for another version.
const campaignOf = (instrumentId: string, schools: string[], opensOn = '2026-01-01', title = instrumentId, version = 1) =>
  campaignWithLinks(mera, instrumentId, schools, { opensOn, title, version });
const answer = (token: string, answers: Record<string, unknown>) => answerThroughLink(mera, token, answers);

async function report(path: string, headers: Record<string, string> = auth) {
  const res = await request(mera.app).get(path).set(headers).buffer(true).parse(binary).expect(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  const { text } = pdfText(res.body as Buffer);
  // pdf.js splits lines where the layout wraps them: compare on single spaces.
  return text.replace(/\s+/g, ' ');
}

const checklistQuestions = [
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
const checklist = (answers: Record<string, string>) => Object.fromEntries(checklistQuestions.map((q) => [q, answers[q] ?? 'yes']));

test('the checklist report opens as a PDF with the facts, the indicator table, the schools meeting and missing each target, and common and particular problems', async () => {
  const [a, b, c] = schoolIds;
  const { id, tokens } = await campaignOf('school-checklist', [a, b, c], '2026-01-01', 'Чек-лист, весна 2026');
  // Lyceum 344 meets everything; Lyceum 329 misses electronic planning; School 331 sends no form (misses all).
  await answer(tokens.get(a)!, checklist({}));
  await answer(tokens.get(b)!, checklist({ int_e_planning: 'no' }));
  await rebuildRollups(mera.store, id);
  const text = await report(`/api/results/campaigns/${id}/report.pdf`);
  expect(text).toContain('Аналитическая справка');
  expect(text).toContain('Чек-лист, весна 2026');
  expect(text).toContain('1. Показатели');
  expect(text).toMatch(/№ Показатель Значение Цель Достигнуто n Изменение/);
  // The indicator table: 2 of 3 schools is 66.7%, against ≥ 90, not met.
  expect(text).toContain('Ведется электронное планирование процедур внутренней оценки качества образования');
  expect(text).toMatch(/33,3 ≥ 90 нет 3/);
  expect(text).toContain('2. Диаграммы');
  expect(text).toMatch(/Достигли: Лицей № 344 Не достигли: Лицей № 329, Школа № 331/);
  // Electronic planning is missed by two schools (common); the others only by School 331 (particular).
  expect(text).toMatch(
    /Общие проблемы .*Ведется электронное планирование процедур внутренней оценки качества образования — 2: Лицей № 329, Школа № 331/,
  );
  expect(text).toMatch(/Частные проблемы .*Создан электронный каталог КИМ для проведения оценочных процедур — Школа № 331/);
});

test('the report in English (?lang=en) has English headings and titles, and withheld values read "too few answers", never a number', async () => {
  const [a, b] = schoolIds;
  const { id, tokens } = await campaignOf('staff-effectiveness', [a, b]);
  const staff = (sat: number) => staffAnswers('teacher', sat);
  for (let i = 0; i < 6; i++) await answer(tokens.get(a)!, staff(5));
  for (let i = 0; i < 3; i++) await answer(tokens.get(b)!, staff(2));
  await rebuildRollups(mera.store, id);
  const text = await report(`/api/results/campaigns/${id}/report.pdf?lang=en`);
  expect(text).toContain('Analytic report');
  expect(text).toContain('1. Indicators');
  expect(text).toContain('too few answers');
  // Lyceum 329 (3 answers) is withheld and counted in no value until it has 5: the cluster's value is Lyceum 344's.
  expect(text).toMatch(/by school dashed: target Lyceum 344 100 Lyceum 329 too few answers/);
  expect(text).toMatch(/100 > 80 yes 6/);
  expect(text).not.toContain('66.7');
  expect(text).toContain('Minimum group');
  expect(text).not.toMatch(/[А-Яа-я]{4,}/);
});

test("the teacher diagnostic's report holds the seminar plan, areas ranked by teachers in deficit", async () => {
  const [a, b] = schoolIds;
  const { id, tokens } = await campaignOf('teacher-deficit', [a, b], '2026-01-01', 'teacher-deficit', currentVersion('teacher-deficit'));
  // Five teachers in each school: teachers' diagnostics are protected by the minimum group too.
  for (let i = 0; i < 5; i++) await answer(tokens.get(a)!, teacherAnswers(1));
  for (let i = 0; i < 5; i++) await answer(tokens.get(b)!, teacherAnswers(4));
  await rebuildRollups(mera.store, id);
  const text = await report(`/api/results/campaigns/${id}/report.pdf`);
  expect(text).toContain('1. План семинаров');
  expect(text).toMatch(/1 .+ 5 Лицей № 344: 5; Лицей № 329: 0/);
});

test("the monitoring report sets the years side by side per school with the cluster's mean and the trend", async () => {
  const [a, b] = schoolIds;
  const compiled = await getInstrument(mera.store, 'school-monitoring', 1);
  const form = (grads: number) => ({
    ...syntheticAnswers(compiled.questions, seededRandom(7), 0.5),
    grads_total: grads,
    grads_universities: Math.floor(grads / 2),
    grads_profile_universities: Math.floor(grads / 4),
  });
  for (const [year, grads] of [
    [2024, 40],
    [2025, 50],
    [2026, 60],
  ] as const) {
    const { id, tokens } = await campaignOf('school-monitoring', [a, b], `${year}-06-01`, `Мониторинг ${year}`);
    await answer(tokens.get(a)!, form(grads));
    await answer(tokens.get(b)!, form(100 - grads));
    await rebuildRollups(mera.store, id);
  }
  const last = (await mera.store.collection(campaignsCollection).findOne({ opensOn: '2026-06-01' }))!._id;
  const text = await report(`/api/results/campaigns/${last}/report.pdf`);
  expect(text).toContain('3. Динамика за три года');
  expect(text).toMatch(/Школа Мониторинг 2024 Мониторинг 2025 Мониторинг 2026 Динамика/);
  expect(text).toMatch(/Лицей № 344 40 50 60 рост \+20/);
  expect(text).toMatch(/Лицей № 329 60 50 40 снижение -20/);
  expect(text).toMatch(/Среднее по кластеру 50 50 50/);
});

test("a school coordinator's report names only their school beside the cluster; another school's is 403, a teacher's 403", async () => {
  const [a, b, c] = schoolIds;
  const { id, tokens } = await campaignOf('school-checklist', [a, b, c]);
  await answer(tokens.get(a)!, checklist({ int_e_planning: 'no' }));
  await answer(tokens.get(b)!, checklist({}));
  await rebuildRollups(mera.store, id);
  await makeUser(mera.store, 'coordinator.a@school.test', 'school-coordinator', a);
  await makeUser(mera.store, 'teacher.a@school.test', 'teacher', a);
  const coordinator = await signedInBrowser(mera, 'coordinator.a@school.test', PASSWORD);
  const res = await coordinator.agent.get(`/api/results/campaigns/${id}/report.pdf`).buffer(true).parse(binary).expect(200);
  const text = pdfText(res.body as Buffer).text.replace(/\s+/g, ' ');
  expect(text).toContain('Лицей № 344');
  expect(text).not.toContain('Лицей № 329');
  expect(text).not.toContain('Школа № 331');
  expect(text).toContain('3. Целевые значения, не достигнутые школой');
  await coordinator.agent.get(`/api/results/campaigns/${id}/report.pdf?school=${b}`).expect(403);
  const teacher = await signedInBrowser(mera, 'teacher.a@school.test', PASSWORD);
  await teacher.agent.get(`/api/results/campaigns/${id}/report.pdf`).expect(403);
  const bad = await request(mera.app).get(`/api/results/campaigns/${id}/report.pdf?lang=de`).set(auth).expect(400);
  expect(bad.body.error.field).toBe('lang');
});

test('the monitoring form\u2019s second edition puts each school\u2019s «проблемы и причины» in the report', async () => {
  const [a, b] = schoolIds;
  const version = currentVersion('school-monitoring');
  expect(version).toBeGreaterThan(1);
  const { id, tokens } = await campaignOf('school-monitoring', [a, b], '2026-06-01', 'Мониторинг 2026', version);
  await mera.store.collection(campaignsCollection).updateOne({ _id: id }, { $set: { reportingYear: '2025/26' } });
  const { problems_causes: _left, ...form } = validMonitoringAnswers();
  await answer(tokens.get(a)!, { ...form, problems_causes: 'Мало часов информатики: нет второго кабинета' });
  await answer(tokens.get(b)!, form);
  await rebuildRollups(mera.store, id);
  const text = await report(`/api/results/campaigns/${id}/report.pdf`);
  expect(text).toMatch(/Проблемы и причины \(по данным школ\) Лицей № 344 Мало часов информатики: нет второго кабинета/);
  expect(text).not.toMatch(/Лицей № 329 Мало часов/);
});

/** The staff survey (first edition) answered in four schools by teachers and the administration: some role × school splits under the minimum group of 5. */
async function staffByRole() {
  const [a, b, c, d] = schoolIds;
  const { id, tokens } = await campaignOf('staff-effectiveness', [a, b, c, d], '2026-01-01', 'Опрос педагогов и администрации');
  // [school, teachers (satisfaction), administration (satisfaction)]
  const plan: [string, number, number, number, number][] = [
    [a, 6, 5, 6, 2],
    [b, 6, 4, 2, 1],
    [c, 7, 1, 7, 5],
    [d, 5, 5, 3, 5],
  ];
  for (const [school, teachers, teacherSat, admins, adminSat] of plan) {
    for (let i = 0; i < teachers; i++) await answer(tokens.get(school)!, staffAnswers('teacher', teacherSat));
    for (let i = 0; i < admins; i++) await answer(tokens.get(school)!, staffAnswers('admin', adminSat));
  }
  await rebuildRollups(mera.store, id);
  return id;
}

test('the report narrowed to the administration (?role=admin) holds only their answers, says so, and reads "too few answers" for each school with fewer than 5 of them', async () => {
  const id = await staffByRole();
  const all = await report(`/api/results/campaigns/${id}/report.pdf`);
  // Everyone: the groups of 2 and 3 administrators count in no value until they reach 5:
  // 17 of 24 teachers and 7 of 13 administrators answered 4–5: 24 of 37.
  expect(all).toMatch(/64,9 > 80 нет 37/);
  expect(all).not.toContain('Группа респондентов');
  const admins = await report(`/api/results/campaigns/${id}/report.pdf?role=admin`);
  expect(admins).toContain('Группа респондентов только ответы группы «Представитель администрации (директор, заместитель директора)»');
  // The administration only: 7 of 13 published (the groups of 2 and 3 wait for 5).
  expect(admins).toMatch(/53,8 > 80 нет 13/);
  expect(admins).not.toContain('64,9');
  expect(admins).toMatch(/Получено ответов \(форм\) 18/);
  // By school: 0 of 6 and 7 of 7 are shown; 2 and 3 administrators are too few.
  expect(admins).toMatch(/по школам пунктир — цель Лицей № 344 0 Лицей № 329 мало ответов Школа № 331 100 Школа № 448 мало ответов/);
  const english = await report(`/api/results/campaigns/${id}/report.pdf?role=admin&lang=en`);
  expect(english).toContain('Respondent group only the answers of the group "A member of the administration (head, deputy head)"');
  expect(english).toMatch(/Lyceum 329 too few answers/);
  const bad = await request(mera.app).get(`/api/results/campaigns/${id}/report.pdf?role=pupil`).set(auth).expect(400);
  expect(bad.body.error.field).toBe('role');
});
