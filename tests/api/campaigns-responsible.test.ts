// The responsible person of a campaign picked from Mera's users: a user of the cluster or of a
// school taking part, kept with their name; anyone else is refused naming the field.
import request from 'supertest';
import { dayIn } from '../../server/calendar';
import { addDays } from '../../server/campaigns/dates';
import { makeUser } from '../support/accounts';
import { startMeraWithSchools } from '../support/mera';

const adminToken = 'admin-token-for-responsible-tests-0123456789';
let mera: Awaited<ReturnType<typeof startMeraWithSchools>>;
beforeAll(async () => {
  mera = await startMeraWithSchools({ config: { adminToken } });
});
afterAll(() => mera.close());

const auth = { Authorization: `Bearer ${adminToken}` };
const today = () => dayIn(mera.config.timeZone, new Date());
const plan = (responsible: object) => ({
  instrumentId: 'parent-survey',
  instrumentVersion: 1,
  audience: 'parents',
  schoolIds: [mera.schoolIds[0]],
  opensOn: today(),
  closesOn: addDays(today(), 7),
  responsible,
});

test('a coordinator of a school taking part can be responsible: the plan keeps their id and name, and a change to the cluster coordinator is audited', async () => {
  const coordinator = await makeUser(mera.store, 'coordinator.r@school.test', 'school-coordinator', mera.schoolIds[0]);
  const cluster = await makeUser(mera.store, 'cluster.r@cluster.test', 'cluster-coordinator');
  const created = await request(mera.app)
    .post('/api/campaigns')
    .set(auth)
    .send(plan({ userId: coordinator._id }))
    .expect(201);
  expect(created.body.responsible).toEqual({ userId: coordinator._id, name: coordinator.name });
  const changed = await request(mera.app)
    .patch(`/api/campaigns/${created.body.id}`)
    .set(auth)
    .send({ responsible: { userId: cluster._id }, revision: created.body.revision })
    .expect(200);
  expect(changed.body.responsible).toEqual({ userId: cluster._id, name: cluster.name });
  const audit = (await request(mera.app).get(`/api/campaigns/${created.body.id}/audit`).set(auth).expect(200)).body.entries;
  expect(audit.at(-1).changes).toEqual(
    expect.arrayContaining([{ field: 'responsible.userId', before: coordinator._id, after: cluster._id }]),
  );
});

test('a teacher of another school, or an unknown user, as responsible is refused with 400 naming "responsible" and nothing is planned', async () => {
  const elsewhere = await makeUser(mera.store, 'elsewhere.r@school.test', 'teacher', mera.schoolIds[1]);
  const before = (await request(mera.app).get('/api/campaigns').set(auth).expect(200)).body.campaigns.length;
  for (const userId of [elsewhere._id, 'no-such-user']) {
    const res = await request(mera.app).post('/api/campaigns').set(auth).send(plan({ userId })).expect(400);
    expect(res.body.error).toMatchObject({ code: 'campaign.invalid', field: 'responsible' });
  }
  expect((await request(mera.app).get('/api/campaigns').set(auth).expect(200)).body.campaigns).toHaveLength(before);
});
