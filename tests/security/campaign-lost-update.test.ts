// Issue 23, item 10: no lost update. A campaign PATCH names the revision it was made on; when another
// change landed in between, it is refused with 409 campaign.changed carrying the campaign as it stands,
// and the first change is kept.
import request from 'supertest';
import { addDays } from '../../server/campaigns/dates';
import { dayIn } from '../../server/calendar';
import { startMeraWithSchools } from '../support/mera';

const adminToken = 'admin-token-for-lost-update-tests-0123';
let mera: Awaited<ReturnType<typeof startMeraWithSchools>>;
beforeAll(async () => {
  mera = await startMeraWithSchools({ config: { adminToken } });
});
afterAll(() => mera.close());

const auth = { Authorization: `Bearer ${adminToken}` };
const today = () => dayIn(mera.config.timeZone, new Date());
const patch = (id: string, body: object) => request(mera.app).patch(`/api/campaigns/${id}`).set(auth).send(body);

test("two edits made on the same revision: the second is 409 with the current plan, and the first one's change is kept", async () => {
  const created = (
    await request(mera.app)
      .post('/api/campaigns')
      .set(auth)
      .send({
        instrumentId: 'parent-survey',
        instrumentVersion: 2,
        audience: 'parents',
        schoolIds: mera.schoolIds.slice(0, 2),
        opensOn: addDays(today(), 1),
        closesOn: addDays(today(), 14),
        responsible: { name: 'Ирина Петровна Смирнова' },
        targets: { [mera.schoolIds[0]]: 20 },
      })
      .expect(201)
  ).body;
  const first = await patch(created.id, { targets: { [mera.schoolIds[0]]: 30 }, revision: created.revision }).expect(200);
  expect(first.body.revision).toBe(created.revision + 1);
  const stale = await patch(created.id, { targets: { [mera.schoolIds[1]]: 40 }, revision: created.revision });
  expect(stale.status).toBe(409);
  expect(stale.body.error.code).toBe('campaign.changed');
  expect(stale.body.error.details.campaign).toMatchObject({
    id: created.id,
    revision: first.body.revision,
    targets: { [mera.schoolIds[0]]: 30 },
  });
  const now = (await request(mera.app).get(`/api/campaigns/${created.id}`).set(auth).expect(200)).body;
  expect(now.targets).toEqual({ [mera.schoolIds[0]]: 30 });
  // Redone on the current revision, it goes through.
  await patch(created.id, { targets: { [mera.schoolIds[1]]: 40 }, revision: now.revision }).expect(200);
});

test('a PATCH without its revision is refused, naming the field, and changes nothing', async () => {
  const campaigns = (await request(mera.app).get('/api/campaigns').set(auth).expect(200)).body.campaigns;
  const res = await patch(campaigns[0].id, { closesOn: addDays(today(), 20) });
  expect(res.status).toBe(400);
  expect(res.body.error).toMatchObject({ code: 'campaign.invalid', field: 'revision' });
});
