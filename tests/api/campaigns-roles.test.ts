// A school coordinator's campaigns: they plan and run campaigns of their own school alone, read
// campaigns that include their school with only their school's links and rates, and never see
// another school's links; a teacher has no campaigns. The audit names the signed-in user.
import { dayIn } from '../../server/calendar';
import { campaignsCollection, linksCollection } from '../../server/campaigns/data';
import { addDays } from '../../server/campaigns/dates';
import { schoolsCollection } from '../../server/schools/data';
import { Browser, makeUser, signedInBrowser } from '../support/accounts';
import { parentPlan } from '../support/campaigns';
import { seededToken, startMera, TestMera } from '../support/mera';

let mera: TestMera;
let coordinator: Browser;
let teacher: Browser;
let coordinatorId: string;
let schoolA: string;
let schoolB: string;
let clusterCampaignId: string;
let today: string;

beforeAll(async () => {
  mera = await startMera({ seed: true });
  const [a, b] = await mera.store.collection(schoolsCollection).find({}, { sort: { number: 1 }, limit: 2 });
  [schoolA, schoolB] = [a._id, b._id];
  coordinatorId = (await makeUser(mera.store, 'coordinator.a@school.test', 'school-coordinator', schoolA))._id;
  await makeUser(mera.store, 'teacher.a@school.test', 'teacher', schoolA);
  coordinator = await signedInBrowser(mera, 'coordinator.a@school.test');
  teacher = await signedInBrowser(mera, 'teacher.a@school.test');
  clusterCampaignId = (await seededToken(mera, 'parent-survey')).campaignId;
  today = dayIn(mera.config.timeZone, new Date());
});
afterAll(() => mera.close());

const post = (b: Browser, path: string, body: object) => b.agent.post(path).set('x-csrf-token', b.csrf).send(body);

test('a school coordinator plans a campaign of their own school, and its audit names them', async () => {
  const res = await post(coordinator, '/api/campaigns', parentPlan([schoolA], addDays(today, 5), addDays(today, 30)));
  expect(res.status).toBe(201);
  const audit = await coordinator.agent.get(`/api/campaigns/${res.body.id}/audit`).expect(200);
  expect(audit.body.entries[0]).toMatchObject({ action: 'created', actor: { kind: 'user', userId: coordinatorId, name: 'coordinator.a' } });
});

test('a school coordinator planning a campaign that includes another school gets 403 and nothing is planned', async () => {
  const before = await mera.store.collection(campaignsCollection).countDocuments({});
  const res = await post(coordinator, '/api/campaigns', parentPlan([schoolA, schoolB], addDays(today, 5), addDays(today, 30)));
  expect(res.status).toBe(403);
  expect(res.body.error.code).toBe('auth.forbidden');
  expect(await mera.store.collection(campaignsCollection).countDocuments({})).toBe(before);
});

test('a school coordinator may not change, close or read the audit of a campaign of several schools', async () => {
  await coordinator.agent
    .patch(`/api/campaigns/${clusterCampaignId}`)
    .set('x-csrf-token', coordinator.csrf)
    .send({ closesOn: addDays(today, 60) })
    .expect(403);
  await post(coordinator, `/api/campaigns/${clusterCampaignId}/close`, {}).expect(403);
  await coordinator.agent.get(`/api/campaigns/${clusterCampaignId}/audit`).expect(403);
  await coordinator.agent.get('/api/campaigns/audit').expect(403);
  expect((await mera.store.collection(campaignsCollection).findOne({ _id: clusterCampaignId }))?.status).toBe('open');
});

test('a school coordinator lists only campaigns that include their school, and asking for another school is 403', async () => {
  const res = await coordinator.agent.get('/api/campaigns').expect(200);
  expect(res.body.campaigns.length).toBeGreaterThan(0);
  for (const c of res.body.campaigns) expect(c.schoolIds).toContain(schoolA);
  await coordinator.agent.get(`/api/campaigns?schoolId=${schoolB}`).expect(403);
});

test("a school coordinator sees only their school's links and rates in a cluster campaign, and never another school's QR or poster", async () => {
  const links = await coordinator.agent.get(`/api/campaigns/${clusterCampaignId}/links`).expect(200);
  expect(links.body.links.length).toBeGreaterThan(0);
  expect(links.body.links.every((l: { schoolId: string }) => l.schoolId === schoolA)).toBe(true);
  const rates = await coordinator.agent.get(`/api/campaigns/${clusterCampaignId}/response-rates`).expect(200);
  expect(rates.body.schools.map((s: { schoolId: string }) => s.schoolId)).toEqual([schoolA]);
  expect(rates.body.total.answers).toBe(rates.body.schools[0].answers);
  const linkB = await mera.store.collection(linksCollection).findOne({ campaignId: clusterCampaignId, schoolId: schoolB });
  for (const file of ['qr.png', 'qr.svg', 'poster.pdf']) {
    await coordinator.agent.get(`/api/campaigns/${clusterCampaignId}/links/${linkB!._id}/${file}`).expect(403);
  }
});

test('a teacher asking for campaigns gets 403', async () => {
  const res = await teacher.agent.get('/api/campaigns').expect(403);
  expect(res.body.error.code).toBe('auth.forbidden');
  await teacher.agent.get(`/api/campaigns/${clusterCampaignId}`).expect(403);
});
