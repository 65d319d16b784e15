// Exports of the indicator table over real HTTP on the seeded demo cluster, signed in as the demo
// administrator: the CSV parses (BOM, ";"), exceljs reads the XLSX back, and both carry the same
// values as the results API, withheld values written as "мало ответов".
import ExcelJS from 'exceljs';
import { DEMO_PASSWORD } from '../../server/accounts/demo';
import type { CampaignResults } from '../../server/analytics/results';
import { campaignsCollection } from '../../server/campaigns/data';
import { signedInBrowser, type Browser } from '../support/accounts';
import { binary, parseCsv } from '../support/files';
import { startMera, TestMera } from '../support/mera';

let mera: TestMera;
let admin: Browser;

beforeAll(async () => {
  mera = await startMera({ seed: true, config: { minGroupSize: 5 } });
  admin = await signedInBrowser(mera, 'admin@demo.mera.local', DEMO_PASSWORD);
});

afterAll(async () => {
  await mera.close();
});

/** The demo's latest campaign of an instrument (this year's October checklist is closed already). */
async function campaignOf(instrumentId: string) {
  const campaign = await mera.store.collection(campaignsCollection).findOne({ instrumentId }, { sort: { opensOn: -1 } });
  return campaign!._id;
}

test('the indicator table as CSV starts with a BOM, is ";"-separated with Russian headers, and holds the same values as the results API', async () => {
  const id = await campaignOf('school-checklist');
  const results: CampaignResults = (await admin.agent.get(`/api/results/campaigns/${id}`).expect(200)).body;
  const res = await admin.agent.get(`/api/results/campaigns/${id}/indicators.csv`).buffer(true).parse(binary).expect(200);
  expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename="?mera-pokazateli-[a-z0-9-]+\.csv"?$/);
  const bytes = res.body as Buffer;
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parseCsv(bytes.subarray(3).toString('utf8'));
  expect(rows[0]).toEqual(['Показатель', 'Значение', 'Целевое значение', 'Достигнуто', 'n', 'Изменение', '«да» + «частично», %']);
  expect(rows).toHaveLength(results.indicators.length + 1);
  for (const [i, indicator] of results.indicators.entries()) {
    const row = rows[i + 1];
    expect(row[0]).toBe(indicator.title.default);
    expect(Number(row[1].replace(',', '.'))).toBe(indicator.cluster.value);
    expect(row[2]).toBe('≥ 90');
    expect(row[3]).toBe(indicator.cluster.met ? 'да' : 'нет');
    expect(Number(row[4])).toBe(9);
  }
});

test('the indicator table as XLSX reads back with exceljs: a cluster sheet and a per-school sheet, Russian headers, numbers as numbers with formats', async () => {
  const id = await campaignOf('staff-effectiveness');
  const results: CampaignResults = (await admin.agent.get(`/api/results/campaigns/${id}`).expect(200)).body;
  const res = await admin.agent.get(`/api/results/campaigns/${id}/indicators.xlsx`).buffer(true).parse(binary).expect(200);
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.body as Buffer as unknown as ArrayBuffer);
  expect(workbook.worksheets.map((s) => s.name)).toEqual(['Показатели', 'По школам', 'Пояснения']);
  const cluster = workbook.getWorksheet('Показатели')!;
  expect(cluster.getRow(1).getCell(1).value).toBe('Показатель');
  expect(cluster.rowCount).toBe(results.indicators.length + 1);
  const first = results.indicators[0];
  expect(cluster.getRow(2).getCell(1).value).toBe(first.title.default);
  expect(cluster.getRow(2).getCell(2).value).toBe(first.cluster.value);
  expect(cluster.getRow(2).getCell(2).numFmt).toBe('0.0');
  expect(cluster.getRow(2).getCell(5).value).toBe(first.cluster.n);
  const perSchool = workbook.getWorksheet('По школам')!;
  expect(perSchool.rowCount).toBe(1 + results.indicators.reduce((sum, i) => sum + i.schools.length, 0));
});

test('values withheld by the minimum group are written as "мало ответов" in both exports, never as numbers', async () => {
  // A minimum group larger than any school's staff: every per-school value of the anonymous staff survey is withheld.
  const strict = await startMera({ seed: true, config: { minGroupSize: 1000 } });
  try {
    const b = await signedInBrowser(strict, 'admin@demo.mera.local', DEMO_PASSWORD);
    const id = (await strict.store.collection(campaignsCollection).findOne({ instrumentId: 'staff-effectiveness' }))!._id;
    const csv = (await b.agent.get(`/api/results/campaigns/${id}/indicators.csv`).buffer(true).parse(binary).expect(200)).body as Buffer;
    const rows = parseCsv(csv.subarray(3).toString('utf8'));
    expect(rows.slice(1).every((r) => r[1] === 'мало ответов' && r[3] === '')).toBe(true);
    const xlsx = (await b.agent.get(`/api/results/campaigns/${id}/indicators.xlsx`).buffer(true).parse(binary).expect(200)).body as Buffer;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    const values = workbook.getWorksheet('По школам')!.getColumn(3).values.slice(2);
    expect(values.length).toBeGreaterThan(0);
    expect(values.every((v) => v === 'мало ответов')).toBe(true);
  } finally {
    await strict.close();
  }
});

test("the results page's campaign list offers the open and closed demo campaigns, latest first, and an unknown filter on an export is refused naming the field", async () => {
  const { campaigns } = (await admin.agent.get('/api/results/campaigns').expect(200)).body as {
    campaigns: { opensOn: string; status: string }[];
  };
  expect(campaigns.length).toBe(await mera.store.collection(campaignsCollection).countDocuments({ status: { $ne: 'planned' } }));
  expect(campaigns.every((c) => c.status !== 'planned')).toBe(true);
  expect(campaigns.map((c) => c.opensOn)).toEqual([...campaigns.map((c) => c.opensOn)].sort().reverse());
  const id = await campaignOf('school-checklist');
  const bad = await admin.agent.get(`/api/results/campaigns/${id}/indicators.csv?role=x`).expect(400);
  expect(bad.body.error.field).toBe('role');
});

test('without signing in, the exports are refused', async () => {
  const id = await campaignOf('school-checklist');
  const res = await (await import('supertest')).default(mera.app).get(`/api/results/campaigns/${id}/indicators.csv`);
  expect(res.status).toBe(401);
});
