// A school coordinator's results: their school's values beside the cluster's aggregates; another
// school's values are refused (403); a teacher reads no campaign results.
import { schoolsCollection } from '../../server/schools/data';
import { Browser, makeUser, signedInBrowser } from '../support/accounts';
import { seededToken, startMera, TestMera } from '../support/mera';

let mera: TestMera;
let coordinator: Browser;
let cluster: Browser;
let teacher: Browser;
let schoolA: string;
let schoolB: string;
let campaignId: string;

beforeAll(async () => {
  mera = await startMera({ seed: true });
  const [a, b] = await mera.store.collection(schoolsCollection).find({}, { sort: { number: 1 }, limit: 2 });
  [schoolA, schoolB] = [a._id, b._id];
  await makeUser(mera.store, 'coordinator.a@school.test', 'school-coordinator', schoolA);
  await makeUser(mera.store, 'cluster@cluster.test', 'cluster-coordinator');
  await makeUser(mera.store, 'teacher.a@school.test', 'teacher', schoolA);
  coordinator = await signedInBrowser(mera, 'coordinator.a@school.test');
  cluster = await signedInBrowser(mera, 'cluster@cluster.test');
  teacher = await signedInBrowser(mera, 'teacher.a@school.test');
  campaignId = (await seededToken(mera, 'parent-survey')).campaignId;
});
afterAll(() => mera.close());

test("a school coordinator's results show only their school beside the same cluster values a cluster coordinator sees", async () => {
  const own = await coordinator.agent.get(`/api/results/campaigns/${campaignId}`).expect(200);
  const all = await cluster.agent.get(`/api/results/campaigns/${campaignId}`).expect(200);
  expect(all.body.schools.length).toBeGreaterThan(1);
  expect(own.body.schools.map((s: { id: string }) => s.id)).toEqual([schoolA]);
  expect(own.body.indicators.length).toBe(all.body.indicators.length);
  own.body.indicators.forEach((i: { schools: { schoolId: string }[]; cluster: { value: unknown; meeting?: unknown } }, n: number) => {
    expect(i.schools.every((s) => s.schoolId === schoolA)).toBe(true);
    expect(i.cluster.value).toEqual(all.body.indicators[n].cluster.value);
    expect(i.cluster.meeting).toBeUndefined();
  });
});

test("a school coordinator asking for another school's results gets 403", async () => {
  const res = await coordinator.agent.get(`/api/results/campaigns/${campaignId}?school=${schoolB}`).expect(403);
  expect(res.body.error.code).toBe('auth.forbidden');
  await coordinator.agent.get(`/api/results/campaigns/${campaignId}?school=${schoolA}`).expect(200);
});

test('a teacher asking for campaign results gets 403', async () => {
  const res = await teacher.agent.get(`/api/results/campaigns/${campaignId}`).expect(403);
  expect(res.body.error.code).toBe('auth.forbidden');
});
