// Issue 26, item 8: a campaign's links come in the campaign's school order, as it was planned, not
// in the order of the schools' ids.
import request from 'supertest';
import { addDays } from '../../server/campaigns/dates';
import { dayIn } from '../../server/calendar';
import { startMeraWithSchools } from '../support/mera';

const adminToken = 'links-order-admin-token-0123456789';
const auth = { Authorization: `Bearer ${adminToken}` };
let mera: Awaited<ReturnType<typeof startMeraWithSchools>>;

beforeAll(async () => {
  mera = await startMeraWithSchools({ config: { adminToken } });
});

afterAll(async () => {
  await mera.close();
});

test('the links of a campaign come in the order its schools were planned in', async () => {
  const today = dayIn(mera.config.timeZone, new Date());
  // Planned in an order the ids do not sort into: the last id first.
  const schoolIds = [...mera.schoolIds].sort().reverse().slice(0, 4);
  const created = await request(mera.app)
    .post('/api/campaigns')
    .set(auth)
    .send({
      instrumentId: 'parent-survey',
      instrumentVersion: 2,
      audience: 'parents',
      schoolIds,
      opensOn: today,
      closesOn: addDays(today, 14),
      responsible: { name: 'Ирина Петровна Смирнова' },
    })
    .expect(201);
  await request(mera.app).post(`/api/campaigns/${created.body.id}/open`).set(auth).send({}).expect(200);
  const links = (await request(mera.app).get(`/api/campaigns/${created.body.id}/links`).set(auth).expect(200)).body.links as {
    schoolId: string;
  }[];
  expect(links.map((l) => l.schoolId)).toEqual(schoolIds);
});
