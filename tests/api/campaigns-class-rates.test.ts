// Following a campaign with a link per class: the response rates count answers per class as well
// as per school, and say nothing about who answered; a school coordinator sees only their school's classes.
import request from 'supertest';
import { dayIn } from '../../server/calendar';
import { addDays } from '../../server/campaigns/dates';
import { makeUser, signedInBrowser } from '../support/accounts';
import { validParentAnswers } from '../support/answers';
import { currentVersion } from '../support/campaigns';
import { startMeraWithSchools } from '../support/mera';

const adminToken = 'admin-token-for-class-rate-tests-0123456789';
let mera: Awaited<ReturnType<typeof startMeraWithSchools>>;
beforeAll(async () => {
  mera = await startMeraWithSchools({ config: { adminToken, publicUrl: 'https://mera.example.org' } });
});
afterAll(() => mera.close());

const auth = { Authorization: `Bearer ${adminToken}` };

test("answers through class links are counted per class and per school, counts only, and a school coordinator sees only their school's classes", async () => {
  const [a, b] = mera.schoolIds;
  const today = dayIn(mera.config.timeZone, new Date());
  const created = await request(mera.app)
    .post('/api/campaigns')
    .set(auth)
    .send({
      instrumentId: 'parent-survey',
      instrumentVersion: currentVersion('parent-survey'),
      audience: 'parents',
      schoolIds: [a, b],
      opensOn: today,
      closesOn: addDays(today, 7),
      responsible: { name: 'Ирина' },
      targets: { [a]: 10 },
      classes: { [a]: ['5Б', '5А'] },
    })
    .expect(201);
  const id = created.body.id;
  await request(mera.app).post(`/api/campaigns/${id}/open`).set(auth).send({}).expect(200);
  const links = (await request(mera.app).get(`/api/campaigns/${id}/links`).set(auth).expect(200)).body.links as {
    schoolId: string;
    className: string | null;
    url: string;
  }[];
  const token = (school: string, className: string | null) =>
    links.find((l) => l.schoolId === school && l.className === className)!.url.split('/s/')[1];
  for (const t of [token(a, '5А'), token(a, '5А'), token(a, '5Б'), token(b, null)]) {
    await request(mera.app).post(`/api/links/${t}/responses`).send({ answers: validParentAnswers() }).expect(201);
  }
  const rates = (await request(mera.app).get(`/api/campaigns/${id}/response-rates`).set(auth).expect(200)).body;
  expect(rates.classes).toEqual([
    { schoolId: a, className: '5А', answers: 2 },
    { schoolId: a, className: '5Б', answers: 1 },
  ]);
  expect(rates.schools.map((s: { schoolId: string; answers: number; rate: number | null }) => [s.schoolId, s.answers, s.rate])).toEqual([
    [a, 3, 30],
    [b, 1, null],
  ]);

  const coordinator = await makeUser(mera.store, 'coordinator.b@school.test', 'school-coordinator', b);
  const own = (await (await signedInBrowser(mera, coordinator.email)).agent.get(`/api/campaigns/${id}/response-rates`).expect(200)).body;
  expect(own.schools.map((s: { schoolId: string }) => s.schoolId)).toEqual([b]);
  expect(own.classes).toEqual([]);
});
