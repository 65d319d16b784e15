// The administrator's audit log across campaigns, filtered by one campaign: its entries only,
// newest first, each naming its campaign, with the cluster's time zone to show the times in.
import request from 'supertest';
import { dayIn } from '../../server/calendar';
import { addDays } from '../../server/campaigns/dates';
import { startMeraWithSchools } from '../support/mera';

const adminToken = 'admin-token-for-audit-tests-0123456789';
let mera: Awaited<ReturnType<typeof startMeraWithSchools>>;
beforeAll(async () => {
  mera = await startMeraWithSchools({ config: { adminToken, timeZone: 'Asia/Yekaterinburg' } });
});
afterAll(() => mera.close());

const api = (url: string) =>
  request(mera.app)
    .get(url)
    .set({ Authorization: `Bearer ${adminToken}` });
const post = (url: string, body: object = {}) =>
  request(mera.app)
    .post(url)
    .set({ Authorization: `Bearer ${adminToken}` })
    .send(body);

test("the audit filtered by a campaign lists only its changes, newest first, with its title and the cluster's time zone", async () => {
  const today = dayIn(mera.config.timeZone, new Date());
  const plan = (title: string) => ({
    instrumentId: 'parent-survey',
    instrumentVersion: 1,
    audience: 'parents',
    schoolIds: [mera.schoolIds[0]],
    opensOn: today,
    closesOn: addDays(today, 7),
    responsible: { name: 'Ирина' },
    title: { default: title, en: `${title} (en)` },
  });
  const first = (await post('/api/campaigns', plan('Первая')).expect(201)).body;
  const second = (await post('/api/campaigns', plan('Вторая')).expect(201)).body;
  await post(`/api/campaigns/${first.id}/open`).expect(200);
  await request(mera.app)
    .patch(`/api/campaigns/${second.id}`)
    .set({ Authorization: `Bearer ${adminToken}` })
    .send({ closesOn: addDays(today, 9), revision: second.revision })
    .expect(200);

  const filtered = (await api(`/api/campaigns/audit?campaignId=${first.id}`).expect(200)).body;
  expect(filtered.timeZone).toBe('Asia/Yekaterinburg');
  expect(filtered.entries.map((e: { action: string }) => e.action)).toEqual(['opened', 'created']);
  expect(
    filtered.entries.every(
      (e: { campaignId: string; campaignTitle: { default: string } }) => e.campaignId === first.id && e.campaignTitle.default === 'Первая',
    ),
  ).toBe(true);

  const all = (await api('/api/campaigns/audit').expect(200)).body.entries;
  expect(all[0]).toMatchObject({
    campaignId: second.id,
    action: 'updated',
    changes: [expect.objectContaining({ field: 'closesOn', after: addDays(today, 9) })],
  });
  const bad = await api('/api/campaigns/audit?campaignId=$where').expect(400);
  expect(bad.body.error.field).toBe('campaignId');
});
