// The instrument catalogue over HTTP: listing, definitions, and an administrator's upload of
// new versions (refused with reasons when a check fails; campaigns keep their version).
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { validParentAnswers } from '../support/answers';
import { seededToken, startMera, TestMera } from '../support/mera';

const ADMIN = 'a-long-administrator-token-for-tests';
let mera: TestMera;
beforeAll(async () => {
  mera = await startMera({ seed: true, config: { adminToken: ADMIN } });
});
afterAll(() => mera.close());

const parentSource = () => JSON.parse(fs.readFileSync(path.join(__dirname, '../../surveys/parent-survey.json'), 'utf8'));
const upload = (body: object, token = ADMIN) => request(mera.app).post('/api/instruments').set('Authorization', `Bearer ${token}`).send(body);

test('the catalogue lists the six instruments with their respondent types and versions', async () => {
  const res = await request(mera.app).get('/api/instruments').expect(200);
  expect(res.body.instruments).toHaveLength(6);
  expect(res.body.instruments.find((i: { id: string }) => i.id === 'teacher-deficit')).toMatchObject({ respondentType: 'teacher', scored: true, versions: [1] });
});

test('a definition is served by id and by version; an unknown version is a 404 naming it', async () => {
  const res = await request(mera.app).get('/api/instruments/school-checklist').expect(200);
  expect(res.body.instrument.survey.pages.length).toBeGreaterThan(1);
  const missing = await request(mera.app).get('/api/instruments/school-checklist/versions/9').expect(404);
  expect(missing.body.error).toMatchObject({ code: 'instrument.not_found' });
  await request(mera.app).get('/api/instruments/BAD$id').expect(400);
});

test('uploading without the administrator token is refused and adds nothing', async () => {
  const body = { ...parentSource(), id: 'club-survey' };
  delete body.version;
  const res = await upload(body, 'wrong-token-wrong-token-wrong').expect(401);
  expect(res.body.error.code).toBe('admin.unauthorised');
  await request(mera.app).post('/api/instruments').send(body).expect(401);
  await request(mera.app).get('/api/instruments/club-survey').expect(404);
});

test('an uploaded SurveyJS definition becomes version 1 of a new instrument, and a second upload version 2', async () => {
  const body = { ...parentSource(), id: 'club-survey' };
  delete body.version;
  expect((await upload(body).expect(201)).body.instrument).toMatchObject({ id: 'club-survey', version: 1, source: 'upload', versions: [1] });
  expect((await upload(body).expect(201)).body.instrument).toMatchObject({ version: 2, versions: [1, 2] });
  await upload({ ...body, version: 7 }).expect(409);
});

test('an upload that fails the checks is refused with every reason and adds nothing', async () => {
  const body = { ...parentSource(), id: 'broken-survey' };
  delete body.version;
  body.survey.pages[0].elements.push({ type: 'matrixdynamic', name: 'md', title: { default: 'М', en: 'M' } });
  body.survey.pages[1].elements[0].title = 'only one language';
  const res = await upload(body).expect(400);
  expect(res.body.error.code).toBe('instrument.invalid');
  expect(res.body.error.details.problems.join('\n')).toMatch(/matrixdynamic[\s\S]*Russian \("default"\) and English/);
  await request(mera.app).get('/api/instruments/broken-survey').expect(404);
});

test('a new version of the parent survey does not change the running campaign: its link keeps version 1', async () => {
  const changed = parentSource();
  delete changed.version;
  changed.survey.pages[1].elements[0].title = { default: 'Новая формулировка', en: 'New wording' };
  expect((await upload(changed).expect(201)).body.instrument.version).toBe(2);
  const { token } = await seededToken(mera, 'parent-survey');
  const link = (await request(mera.app).get(`/api/links/${token}`).expect(200)).body;
  expect(link.instrument.version).toBe(1);
  expect(link.instrument.survey.pages[1].elements[0].title.default).not.toBe('Новая формулировка');
  await request(mera.app).post(`/api/links/${token}/responses`).send({ answers: validParentAnswers() }).expect(201);
});
