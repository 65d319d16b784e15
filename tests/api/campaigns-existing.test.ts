// Campaigns written before planning existed (the demo seed writes day strings only: no audience,
// instants or revision) keep working: listed, closed by hand with their links answering 410, and
// recorded in the audit log like any other.
import request from 'supertest';
import { auditLog } from '../../server/campaigns/audit';
import { seededToken, startMera, TestMera } from '../support/mera';

const adminToken = 'admin-token-for-campaign-tests-0123456789';
let mera: TestMera;
beforeAll(async () => {
  mera = await startMera({ seed: true, config: { adminToken } });
});
afterAll(() => mera.close());

const auth = { Authorization: `Bearer ${adminToken}` };

test('seeded campaigns are listed with the fields they have and nulls for the ones they lack', async () => {
  const res = await request(mera.app).get('/api/campaigns').set(auth).expect(200);
  expect(res.body.campaigns.length).toBeGreaterThanOrEqual(7);
  expect(res.body.campaigns[0]).toMatchObject({ demo: true, audience: null, opensAt: null, revision: 0 });
});

test('a seeded open campaign can be closed by hand: its link then answers 410 and the closing is recorded', async () => {
  const { token, campaignId } = await seededToken(mera, 'student-survey');
  await request(mera.app).get(`/api/links/${token}`).expect(200);
  const closed = await request(mera.app).post(`/api/campaigns/${campaignId}/close`).set(auth).send({}).expect(200);
  expect(closed.body).toMatchObject({ status: 'closed', revision: 1 });
  const res = await request(mera.app).get(`/api/links/${token}`).expect(410);
  expect(res.body.error.details).toMatchObject({ closedOn: closed.body.closedOn, title: closed.body.title });
  expect((await auditLog(mera.store, campaignId)).map((e) => e.action)).toEqual(['closed']);
});

test('a seeded campaign\'s plan can be changed: its audience is taken from its instrument and recorded', async () => {
  const { campaignId, schoolId } = await seededToken(mera, 'parent-survey');
  const res = await request(mera.app).patch(`/api/campaigns/${campaignId}`).set(auth).send({ targets: { [schoolId]: 60 } }).expect(200);
  expect(res.body).toMatchObject({ audience: 'parents', targets: { [schoolId]: 60 }, revision: 1 });
  const [entry] = await auditLog(mera.store, campaignId);
  expect(entry.changes).toEqual(expect.arrayContaining([{ field: 'audience', before: null, after: 'parents' }, { field: 'targets', before: null, after: { [schoolId]: 60 } }]));
  await request(mera.app).patch(`/api/campaigns/${campaignId}`).set(auth).send({ audience: 'students' }).expect(409);
});
