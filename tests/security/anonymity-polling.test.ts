// Issue 24, attack 2: polling. Reading the results just before and just after one new answer must
// not reveal it, even in a school with more than the minimum group. Published values move only
// when a group has gained at least the minimum group of answers since they were last shown; the
// published state is in the store, so a second instance of the app shows the same values.
import { createApp } from '../../server/app';
import type { CampaignResults } from '../../server/analytics/results';
import { schoolsCollection } from '../../server/schools/data';
import { clusterSchools } from '../../seeds/schools';
import { fetchAs, parentRated } from '../support/disclosure';
import { parseCsv } from '../support/files';
import { startMera, type TestMera } from '../support/mera';
import { answerThroughLink, campaignWithLinks } from '../support/results';

const adminToken = 'polling-admin-token-0123456789ab';
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

const read = async (app = mera.app, id: string): Promise<CampaignResults> =>
  JSON.parse((await fetchAs({ ...mera, app }, `/api/results/campaigns/${id}`, auth)).body.toString('utf8'));
const values = (r: CampaignResults) => r.indicators.map((i) => ({ id: i.id, cluster: i.cluster, schools: i.schools, roles: i.roles }));

test('read, add one answer, read: the values are identical (the count moves); after five more answers they move, on every instance', async () => {
  const [a, b] = schoolIds;
  const { id, tokens } = await campaignWithLinks(mera, 'parent-survey', [a, b]);
  for (let i = 0; i < 7; i++) await answerThroughLink(mera, tokens.get(a)!, parentRated(5));
  for (let i = 0; i < 6; i++) await answerThroughLink(mera, tokens.get(b)!, parentRated(5));
  const before = await read(mera.app, id);
  const rowsBefore = parseCsv((await fetchAs(mera, `/api/results/campaigns/${id}/responses.csv`, auth)).body.subarray(3).toString('utf8'));

  // One parent of school a answers 1 everywhere: the attacker reads again.
  await answerThroughLink(mera, tokens.get(a)!, parentRated(1));
  const after = await read(mera.app, id);
  expect(values(after)).toEqual(values(before));
  expect(after.schools.find((s) => s.id === a)!.respondents).toBe(8); // counts stay live
  // Nor does the row export tell: a school's rows are given only while all of them are in its published
  // values, so school a's are left out until its values move; no row is new.
  const rowsAfter = parseCsv((await fetchAs(mera, `/api/results/campaigns/${id}/responses.csv`, auth)).body.subarray(3).toString('utf8'));
  const remaining = rowsBefore.map((r) => r.join(';'));
  for (const row of rowsAfter.map((r) => r.join(';'))) {
    expect(remaining).toContain(row);
    remaining.splice(remaining.indexOf(row), 1);
  }
  expect(rowsAfter.filter((r) => r[0] === 'Лицей № 344')).toEqual([]);

  // Another instance of the app on the same store shows the same published values.
  const second = createApp({ config: mera.config, store: mera.store, log: () => {} });
  expect(values(await read(second, id))).toEqual(values(before));

  // Four more (five since the values were shown): school a's values move, by five answers at once.
  for (let i = 0; i < 4; i++) await answerThroughLink(mera, tokens.get(a)!, parentRated(1));
  const moved = await read(second, id);
  const overall = (r: CampaignResults) => r.indicators.find((i) => i.id === 'parent_satisfaction')!;
  expect(overall(moved).schools.find((s) => s.schoolId === a)!.value).toMatchObject({ n: 12, value: 58.3 });
  expect(overall(moved).cluster).toMatchObject({ n: 18 });
  expect(values(await read(mera.app, id))).toEqual(values(moved));
});
