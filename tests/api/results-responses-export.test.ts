// Exports of a campaign's anonymous responses over real HTTP on a real embedded store: answers go in
// through the respondents' links; the CSV parses and exceljs reads the XLSX back; rows come in
// random order, small schools are left out and said so, free text and the day never leave.
import ExcelJS from 'exceljs';
import request from 'supertest';
import { rebuildRollups } from '../../server/analytics/rollups';
import { responsesCollection } from '../../server/responses/data';
import { schoolsCollection } from '../../server/schools/data';
import { clusterSchools } from '../../seeds/schools';
import { makeUser, signedInBrowser, PASSWORD } from '../support/accounts';
import { validParentAnswers } from '../support/answers';
import { currentVersion } from '../support/campaigns';
import { answerThroughLink, campaignWithLinks, staffAnswers } from '../support/results';
import { binary, parseCsv } from '../support/files';
import { startMera, TestMera } from '../support/mera';

const adminToken = 'responses-export-admin-token-0123';
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

// Parents answer the current edition (validParentAnswers); the staff answers below are built by hand for the first edition.
const campaignOf = (instrumentId: string, schools: string[], version = currentVersion(instrumentId)) =>
  campaignWithLinks(mera, instrumentId, schools, { version });
const answer = (token: string, answers: Record<string, unknown>) => answerThroughLink(mera, token, answers);

/** The i-th parent response (i < 125) is recognisable in the export by three of its ratings. */
const parentAnswer = (i: number) => ({
  ...validParentAnswers(),
  ediary_useful: 1 + (i % 5),
  sat_results_timely: 1 + (Math.floor(i / 5) % 5),
  sat_objectivity: 1 + Math.floor(i / 25),
});

async function download(path: string, headers: Record<string, string> = auth) {
  const res = await request(mera.app).get(path).set(headers).buffer(true).parse(binary).expect(200);
  return { res, bytes: res.body as Buffer };
}

// A free-text answer that names its author: it must never reach an export.
const staff = (role: 'teacher' | 'admin', sat = 4) => staffAnswers(role, sat, { suggestions: 'Я завуч школы, Ирина Петровна' });

test('exporting a parent survey as CSV gives every response of a large enough school once, in an order that is not the order of submission, with a BOM and Russian headers', async () => {
  const [a, b, c] = schoolIds;
  const { id, tokens } = await campaignOf('parent-survey', [a, b, c]);
  // School A answers 0..11, school B 12..17, school C (fewer than the minimum group of 5) 18..20.
  const submitted: number[] = [];
  for (let i = 0; i < 21; i++) {
    await answer(tokens.get(i < 12 ? a : i < 18 ? b : c)!, parentAnswer(i));
    submitted.push(i);
  }
  const { res, bytes } = await download(`/api/results/campaigns/${id}/responses.csv`);
  expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename="?mera-otvety-[a-z0-9-]+\.csv"?$/);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [headers, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
  expect(headers[0]).toBe('Школа');
  const column = (start: string) => headers.findIndex((h) => h.startsWith(start));
  const [useful, communication, objectivity] = [
    'Насколько электронный дневник',
    'Насколько вас устраивает, как быстро',
    'Насколько, по вашему мнению',
  ].map(column);
  expect(Math.min(useful, communication, objectivity)).toBeGreaterThan(0);
  // School C is left out; A and B are in, each response once.
  expect(rows).toHaveLength(18);
  expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(['Лицей № 344', 'Лицей № 329']));
  const order = rows.map((r) => Number(r[useful]) - 1 + (Number(r[communication]) - 1) * 5 + (Number(r[objectivity]) - 1) * 25);
  expect([...order].sort((x, y) => x - y)).toEqual(submitted.slice(0, 18));
  // Never the order of submission, nor its reverse (18! orders: a coincidence is out of reach).
  expect(order).not.toEqual(submitted.slice(0, 18));
  expect(order).not.toEqual(submitted.slice(0, 18).reverse());
  // A choice is written as its Russian text, a checkbox as one 1/0 column per choice.
  expect(rows[0][column('На каком уровне')]).toBe('Основная школа (5–9 классы)');
  expect(rows.every((r) => r[headers.findIndex((h) => h.endsWith(': Электронный дневник'))] === '1')).toBe(true);
  // No free text, no day, no id: nothing in the file but the school and the answers.
  const text = bytes.toString('utf8');
  expect(text).not.toContain('Спасибо!');
  expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  expect(headers.some((h) => /стоит изменить/.test(h))).toBe(false);
});

test('the responses as XLSX read back with exceljs: numbers as whole-number cells, and a notes sheet naming the school left out and the free text not exported', async () => {
  const [a, b] = schoolIds;
  const { id, tokens } = await campaignOf('parent-survey', [a, b]);
  for (let i = 0; i < 7; i++) await answer(tokens.get(a)!, parentAnswer(i));
  for (let i = 0; i < 2; i++) await answer(tokens.get(b)!, parentAnswer(i));
  const { res, bytes } = await download(`/api/results/campaigns/${id}/responses.xlsx`);
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  expect(workbook.worksheets.map((s) => s.name)).toEqual(['Ответы', 'Коды', 'Пояснения']);
  const sheet = workbook.getWorksheet('Ответы')!;
  const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  expect(headers[0]).toBe('Школа');
  expect(sheet.rowCount).toBe(1 + 7);
  const overall = headers.findIndex((h) => h.startsWith('В целом')) + 1;
  expect(overall).toBeGreaterThan(0);
  expect(sheet.getRow(2).getCell(overall).value).toBe(5);
  expect(sheet.getRow(2).getCell(overall).numFmt).toBe('0');
  const notes = (workbook.getWorksheet('Пояснения')!.getColumn(1).values.slice(2) as string[]).join('\n');
  expect(notes).toContain('Лицей № 329');
  expect(notes).toMatch(/меньше 5 ответов/);
  expect(notes).toMatch(/Свободные ответы не выгружаются/);
});

test("in a school where one role has fewer answers than the minimum group, nobody's role is shown in the export; where both roles are large enough, roles are shown", async () => {
  const [a, b] = schoolIds;
  const { id, tokens } = await campaignOf('staff-effectiveness', [a, b], 1);
  for (let i = 0; i < 8; i++) await answer(tokens.get(a)!, staff('teacher'));
  for (let i = 0; i < 2; i++) await answer(tokens.get(a)!, staff('admin'));
  for (let i = 0; i < 5; i++) await answer(tokens.get(b)!, staff('teacher'));
  for (let i = 0; i < 5; i++) await answer(tokens.get(b)!, staff('admin'));
  const { bytes } = await download(`/api/results/campaigns/${id}/responses.csv`);
  const [headers, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
  const role = headers.findIndex((h) => /^Вы отвечаете как$/.test(h));
  expect(role).toBeGreaterThan(0);
  // The two administrators' answers are in no published value yet (fewer than 5), so not in the file either.
  expect(rows.filter((r) => r[0] === 'Лицей № 344').map((r) => r[role])).toEqual(Array(8).fill('скрыто'));
  expect(
    rows
      .filter((r) => r[0] === 'Лицей № 329')
      .map((r) => r[role])
      .filter((v) => v === 'скрыто'),
  ).toEqual([]);
  expect(bytes.toString('utf8')).not.toContain('Ирина Петровна');
});

test("a school coordinator gets only their own school's responses, another school's is 403, a teacher gets 403 and nobody signed in 401", async () => {
  const [a, b] = schoolIds;
  const { id, tokens } = await campaignOf('parent-survey', [a, b]);
  for (let i = 0; i < 6; i++) await answer(tokens.get(a)!, parentAnswer(i));
  for (let i = 0; i < 6; i++) await answer(tokens.get(b)!, parentAnswer(i));
  await makeUser(mera.store, 'coordinator.a@school.test', 'school-coordinator', a);
  await makeUser(mera.store, 'teacher.a@school.test', 'teacher', a);
  await makeUser(mera.store, 'cluster@cluster.test', 'cluster-coordinator');
  const coordinator = await signedInBrowser(mera, 'coordinator.a@school.test', PASSWORD);
  const own = (await coordinator.agent.get(`/api/results/campaigns/${id}/responses.csv`).buffer(true).parse(binary).expect(200))
    .body as Buffer;
  const ownRows = parseCsv(own.subarray(3).toString('utf8')).slice(1);
  expect(ownRows).toHaveLength(6);
  expect(ownRows.every((r) => r[0] === 'Лицей № 344')).toBe(true);
  await coordinator.agent.get(`/api/results/campaigns/${id}/responses.xlsx?school=${b}`).expect(403);
  const cluster = await signedInBrowser(mera, 'cluster@cluster.test', PASSWORD);
  const all = (await cluster.agent.get(`/api/results/campaigns/${id}/responses.csv`).buffer(true).parse(binary).expect(200)).body as Buffer;
  expect(parseCsv(all.subarray(3).toString('utf8')).slice(1)).toHaveLength(12);
  const teacher = await signedInBrowser(mera, 'teacher.a@school.test', PASSWORD);
  await teacher.agent.get(`/api/results/campaigns/${id}/responses.csv`).expect(403);
  await request(mera.app).get(`/api/results/campaigns/${id}/responses.csv`).expect(401);
});

test("the teacher diagnostic's answers are personal and not exported (409), and an unknown parameter is refused naming it", async () => {
  const [a] = schoolIds;
  const { id } = await campaignOf('teacher-deficit', [a]);
  const refused = await request(mera.app).get(`/api/results/campaigns/${id}/responses.csv`).set(auth).expect(409);
  expect(refused.body.error.code).toBe('export.personal_responses');
  const parent = await campaignOf('parent-survey', [a]);
  const bad = await request(mera.app).get(`/api/results/campaigns/${parent.id}/responses.csv?order=submitted`).set(auth).expect(400);
  expect(bad.body.error.field).toBe('order');
});

test("narrowed to one role (?role=), the responses hold only that role's answers, from schools where every role has at least 5; the indicator XLSX withholds the small role × school splits", async () => {
  const [a, b, c, d] = schoolIds;
  const { id, tokens } = await campaignOf('staff-effectiveness', [a, b, c, d], 1);
  // [school, teachers, administrators]: 344 6+6, 329 6+2, 331 7+7, 448 5+3; teachers answer 4, administrators 2.
  for (const [school, teachers, admins] of [
    [a, 6, 6],
    [b, 6, 2],
    [c, 7, 7],
    [d, 5, 3],
  ] as const) {
    for (let i = 0; i < teachers; i++) await answer(tokens.get(school)!, staff('teacher', 4));
    for (let i = 0; i < admins; i++) await answer(tokens.get(school)!, staff('admin', 2));
  }
  const teachersFile = await download(`/api/results/campaigns/${id}/responses.csv?role=teacher`);
  expect(teachersFile.res.headers['content-disposition']).toMatch(/filename="?mera-otvety-[a-z0-9-]+-teacher\.csv"?$/);
  const csv = teachersFile.bytes;
  const [headers, ...rows] = parseCsv(csv.subarray(3).toString('utf8'));
  const role = headers.indexOf('Вы отвечаете как');
  // 329 and 448 have teachers enough, but their few administrators would be the whole file minus this one.
  expect(rows).toHaveLength(13);
  expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(['Лицей № 344', 'Школа № 331']));
  expect(new Set(rows.map((r) => r[role]))).toEqual(new Set(['Педагог']));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await download(`/api/results/campaigns/${id}/responses.xlsx?role=admin`)).bytes as unknown as ArrayBuffer);
  expect(workbook.getWorksheet('Ответы')!.rowCount).toBe(1 + 13);
  const notes = (workbook.getWorksheet('Пояснения')!.getColumn(1).values.slice(2) as string[]).join('\n');
  expect(notes).toContain('Только ответы группы «Представитель администрации (директор, заместитель директора)»');
  expect(notes).toMatch(/Лицей № 329 \(в группе «Представитель администрации .*» меньше 5 ответов\)/);
  expect(notes).toMatch(/Школа № 448 \(в группе .* меньше 5 ответов\)/);

  // The indicator table for the administration, read back: 0 of 13 answered 4–5; the splits of 2 and 3 are
  // withheld and counted in no value until they reach 5 (so the cluster's n is 6 + 7).
  const indicators = new ExcelJS.Workbook();
  const indicatorFile = await download(`/api/results/campaigns/${id}/indicators.xlsx?role=admin`);
  expect(indicatorFile.res.headers['content-disposition']).toMatch(/filename="?mera-pokazateli-[a-z0-9-]+-admin\.xlsx"?$/);
  await indicators.xlsx.load(indicatorFile.bytes as unknown as ArrayBuffer);
  // The file says what it holds.
  expect((indicators.getWorksheet('Пояснения')!.getColumn(1).values.slice(2) as string[]).join('\n')).toContain(
    'Группа респондентов: «Представитель администрации (директор, заместитель директора)» — только её ответы',
  );
  const cluster = indicators.getWorksheet('Показатели')!.getRow(2).values as unknown[];
  expect(cluster.slice(2, 6)).toEqual([0, '> 80', 'нет', 13]);
  const bySchool = indicators
    .getWorksheet('По школам')!
    .getRows(2, 4)!
    .map((r) => (r.values as unknown[]).slice(2, 4));
  expect(bySchool).toEqual([
    ['Лицей № 344', 0],
    ['Лицей № 329', 'мало ответов'],
    ['Школа № 331', 0],
    ['Школа № 448', 'мало ответов'],
  ]);
  const refused = await request(mera.app).get(`/api/results/campaigns/${id}/responses.csv?role=pupil`).set(auth).expect(400);
  expect(refused.body.error.field).toBe('role');
});

/** The i-th of many staff responses, recognisable by its eight matrix ratings (i in base 5). */
const procedureRows = [
  'planning',
  'kim_preparation',
  'online_testing',
  'results_collection',
  'results_analysis',
  'self_evaluation',
  'noko_preparation',
  'class_portfolio',
];
const numbered = (i: number) => Object.fromEntries(procedureRows.map((row, k) => [row, 1 + (Math.floor(i / 5 ** k) % 5)]));
const numberOf = (ratings: number[]) => ratings.reduce((sum, r, k) => sum + (r - 1) * 5 ** k, 0);

/** Spearman's rank correlation of a permutation of 0..n-1 with its positions: about 0 for a shuffle, 1 for the order of submission. */
const rankCorrelation = (order: number[]) => {
  const n = order.length;
  const d2 = order.reduce((sum, v, position) => sum + (v - position) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
};

test('an export of 3 000 responses reads back whole as CSV and as XLSX, in an order unrelated to submission (a shuffle of the whole campaign, not within batches)', async () => {
  const [a, b] = schoolIds;
  const { id } = await campaignOf('staff-effectiveness', [a, b], 1);
  const count = 3000;
  // Stored directly (the export reads responses; the rollups, rebuilt, say what is published); the ids follow the order of insertion.
  await mera.store.collection(responsesCollection).insertMany(
    Array.from({ length: count }, (_, i) => ({
      campaignId: id,
      schoolId: i % 2 ? b : a,
      instrumentId: 'staff-effectiveness',
      instrumentVersion: 1,
      respondentType: 'teacher',
      day: '2026-01-15',
      answers: { ...staff('teacher'), sat_procedures: numbered(i) },
    })),
  );
  await rebuildRollups(mera.store, id);
  const submitted = Array.from({ length: count }, (_, i) => i);

  const csv = (await download(`/api/results/campaigns/${id}/responses.csv`)).bytes;
  const [headers, ...rows] = parseCsv(csv.subarray(3).toString('utf8'));
  const matrix = procedureRows.map((_, k) => headers.findIndex((h) => h.startsWith('Насколько вас устраивает использование')) + k);
  const order = rows.map((r) => numberOf(matrix.map((c) => Number(r[c]))));
  expect([...order].sort((x, y) => x - y)).toEqual(submitted);
  // A shuffle of the whole: no trace of the order of submission (|ρ| < 0.1 is 5 standard deviations
  // for 3 000 rows; shuffling only within the export's batches would leave ρ near 1).
  expect(Math.abs(rankCorrelation(order))).toBeLessThan(0.1);
  // The first rows come from the whole campaign, not its first answers.
  expect(Math.max(...order.slice(0, 100))).toBeGreaterThan(2500);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await download(`/api/results/campaigns/${id}/responses.xlsx`)).bytes as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('Ответы')!;
  expect(sheet.rowCount).toBe(1 + count);
  const xlsxOrder = sheet.getRows(2, count)!.map((row) => numberOf(matrix.map((c) => Number(row.getCell(c + 1).value))));
  expect([...xlsxOrder].sort((x, y) => x - y)).toEqual(submitted);
  expect(Math.abs(rankCorrelation(xlsxOrder))).toBeLessThan(0.1);
  // Two downloads, two orders.
  expect(xlsxOrder).not.toEqual(order);
});
