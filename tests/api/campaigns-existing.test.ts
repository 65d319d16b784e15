// Campaigns written before planning existed (day strings only: no audience, instants or
// revision, as the demo seed wrote them until it went through the services) keep working: listed,
// closed by hand with their links answering 410, and recorded in the audit log like any other; the
// daily sweep closes them once their days are over.
import { atInstant, nowMs } from '../../server/clock';
import request from 'supertest';
import { addDays } from '../../server/campaigns/dates';
import { auditLog } from '../../server/campaigns/audit';
import { scheduleSweep } from '../../server/campaigns/campaign-jobs';
import { campaignsCollection, linksCollection } from '../../server/campaigns/data';
import { linkSecret, linkToken, tokenHash } from '../../server/campaigns/links';
import { findJobs } from '../../server/jobs/queue';
import { schoolsCollection } from '../../server/schools/data';
import { newId } from '../../server/store';
import { getInstrument } from '../../server/surveys/catalogue';
import { clusterSchools } from '../../seeds/schools';
import { seededToken, startMera, TestMera } from '../support/mera';
import { campaignWorker } from '../support/worker';

const adminToken = 'admin-token-for-campaign-tests-0123456789';
let mera: TestMera;

/** An open campaign as written before planning existed, with a link per school. */
async function campaignOfOldShape(instrumentId: string, schoolIds: string[], order: number) {
  const today = new Date().toISOString().slice(0, 10);
  const { instrument } = await getInstrument(mera.store, instrumentId);
  const campaign = await mera.store.collection(campaignsCollection).insertOne({
    title: { default: instrumentId, en: instrumentId },
    instrumentId,
    instrumentVersion: instrument.version,
    schoolIds,
    status: 'open',
    opensOn: addDays(today, -7),
    closesOn: addDays(today, 20),
    demo: true,
    createdAt: new Date(Date.now() + order),
  });
  const secret = await linkSecret(mera.store, mera.config.secret);
  await mera.store.collection(linksCollection).insertMany(
    schoolIds.map((schoolId) => {
      const _id = newId();
      return { _id, campaignId: campaign._id, schoolId, tokenHash: tokenHash(linkToken(secret, _id)) };
    }),
  );
}

beforeAll(async () => {
  mera = await startMera({ config: { adminToken } });
  const schoolIds = (await mera.store.collection(schoolsCollection).insertMany(clusterSchools)).map((s) => s._id);
  for (const [order, id] of [
    'parent-survey',
    'student-survey',
    'teacher-deficit',
    'staff-effectiveness',
    'school-checklist',
    'school-monitoring',
    'parent-survey',
  ].entries()) {
    await campaignOfOldShape(id, schoolIds, order);
  }
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

test("a seeded campaign's plan can be changed: its audience is taken from its instrument and recorded", async () => {
  const { campaignId, schoolId } = await seededToken(mera, 'parent-survey');
  const res = await request(mera.app)
    .patch(`/api/campaigns/${campaignId}`)
    .set(auth)
    .send({ targets: { [schoolId]: 60 }, revision: 0 })
    .expect(200);
  expect(res.body).toMatchObject({ audience: 'parents', targets: { [schoolId]: 60 }, revision: 1 });
  const [entry] = await auditLog(mera.store, campaignId);
  expect(entry.changes).toEqual(
    expect.arrayContaining([
      { field: 'audience', before: null, after: 'parents' },
      { field: 'targets', before: null, after: { [schoolId]: 60 } },
    ]),
  );
  await request(mera.app).patch(`/api/campaigns/${campaignId}`).set(auth).send({ audience: 'students', revision: 1 }).expect(409);
});

test('the daily sweep closes open campaigns whose closing day has passed, though they have no closing job of their own', async () => {
  const later = new Date(nowMs() + 400 * 24 * 3600 * 1000);
  const worker = campaignWorker({ store: mera.store, config: mera.config, log: () => undefined });
  await atInstant(later, async () => {
    await scheduleSweep(mera.store, mera.config.timeZone, later);
    await scheduleSweep(mera.store, mera.config.timeZone, later); // a second instance starting: still one sweep
    await worker.runDue();
  });
  expect(await findJobs(mera.store, { kind: 'campaign.sweep', status: 'done' })).toHaveLength(1);
  expect(await mera.store.collection(campaignsCollection).countDocuments({ status: 'open' })).toBe(0);
  const [closed] = await mera.store.collection(campaignsCollection).find({ instrumentId: 'teacher-deficit' });
  expect((await auditLog(mera.store, closed._id)).at(-1)).toMatchObject({
    action: 'closed',
    actor: { kind: 'system', reason: 'closing-date' },
  });
  const next = await findJobs(mera.store, { kind: 'campaign.sweep', status: 'pending' });
  expect(next).toHaveLength(1);
  expect(next[0].runAt.getTime()).toBeGreaterThan(later.getTime());
});
