// The respondent's API over real HTTP on the real app and a temp embedded store: a link shows
// its survey; a valid answer is stored anonymously; every bad request is a clear 4xx that
// stores nothing, and the server keeps serving.
import request from 'supertest';
import { responsesCollection } from '../../server/responses/data';
import { validParentAnswers, teacherAnswers } from '../support/answers';
import { seededToken, startMera, TestMera } from '../support/mera';

let mera: TestMera;
beforeAll(async () => {
  mera = await startMera({ seed: true });
});
afterAll(() => mera.close());

const countResponses = () => mera.store.collection(responsesCollection).countDocuments({});

test('GET /api/health says which engine is in use and that it is reachable', async () => {
  const res = await request(mera.app).get('/api/health').expect(200);
  expect(res.body).toEqual({ status: 'ok', storage: { engine: 'embedded', reachable: true } });
});

test('a link shows its campaign, its school and the instrument version the campaign uses', async () => {
  const { token } = await seededToken(mera, 'parent-survey');
  const res = await request(mera.app).get(`/api/links/${token}`).expect(200);
  expect(res.body.instrument).toMatchObject({ id: 'parent-survey', version: 2, anonymous: true });
  expect(res.body.school.name.default).toMatch(/ГБОУ/);
  expect(res.headers['cache-control']).toBe('no-store');
});

test('a valid parent answer is stored with campaign, school and day only: no IP, user agent, token or time', async () => {
  const { token, campaignId, schoolId } = await seededToken(mera, 'parent-survey', 'open', 3);
  const before = await countResponses();
  const res = await request(mera.app)
    .post(`/api/links/${token}/responses`)
    .set('User-Agent', 'Mozilla/5.0 test-agent')
    .set('X-Forwarded-For', '203.0.113.7')
    .send({ answers: validParentAnswers() })
    .expect(201);
  expect(res.body).toEqual({ received: true, dropped: [] });
  expect(await countResponses()).toBe(before + 1);
  const [stored] = await mera.store.collection(responsesCollection).find({ campaignId, schoolId, 'answers.suggestions': 'Спасибо!' });
  expect(Object.keys(stored).sort()).toEqual([
    '_id',
    'answers',
    'campaignId',
    'day',
    'instrumentId',
    'instrumentVersion',
    'respondentType',
    'schoolId',
  ]);
  expect(stored.answers).toEqual(validParentAnswers());
  const text = JSON.stringify(stored);
  for (const trace of [token, 'test-agent', '203.0.113.7', '127.0.0.1', 'T0', ':']) {
    if (trace === ':') expect(text.replace(/"[^"]*"/g, '"')).not.toMatch(/\d\d:\d\d/);
    else expect(text).not.toContain(trace);
  }
});

describe('bad requests get a clear 4xx JSON error, store nothing, and the server keeps serving', () => {
  let token: string;
  beforeAll(async () => {
    token = (await seededToken(mera, 'parent-survey')).token;
  });

  const cases: [string, () => request.Test, number, string, string | undefined][] = [
    [
      'an unknown link',
      () => request(mera.app).post('/api/links/AAAAAAAAAAAAAAAAAAAAAAAA/responses').send({ answers: validParentAnswers() }),
      404,
      'link.unknown',
      'token',
    ],
    [
      'a malformed link',
      () => request(mera.app).post('/api/links/nope/responses').send({ answers: validParentAnswers() }),
      404,
      'link.unknown',
      'token',
    ],
    [
      'a body that is not JSON',
      () => request(mera.app).post(`/api/links/${token}/responses`).set('Content-Type', 'application/json').send('{"answers": {'),
      400,
      'request.malformed_json',
      'body',
    ],
    [
      'a body sent as text',
      () => request(mera.app).post(`/api/links/${token}/responses`).set('Content-Type', 'text/plain').send('answers'),
      415,
      'request.not_json',
      'content-type',
    ],
    [
      'a body over the size limit',
      () =>
        request(mera.app)
          .post(`/api/links/${token}/responses`)
          .send({ answers: { ...validParentAnswers(), suggestions: 'я'.repeat(120_000) } }),
      413,
      'request.too_large',
      'body',
    ],
    [
      // Answers are keyed by the survey's names, which may start with "$": the validator refuses one that is no row.
      'a Mongo operator in an answer',
      () =>
        request(mera.app)
          .post(`/api/links/${token}/responses`)
          .send({ answers: { ...validParentAnswers(), aware_procedures: { $gt: '' } } }),
      400,
      'response.invalid',
      'aware_procedures',
    ],
    [
      'a Mongo operator as a top-level key',
      () => request(mera.app).post(`/api/links/${token}/responses`).send({ $where: '1', answers: validParentAnswers() }),
      400,
      'request.operator',
      '$where',
    ],
    [
      'a wrongly typed answer',
      () =>
        request(mera.app)
          .post(`/api/links/${token}/responses`)
          .send({ answers: { ...validParentAnswers(), sat_overall: 'five' } }),
      400,
      'response.invalid',
      'sat_overall',
    ],
    [
      'an unknown question',
      () =>
        request(mera.app)
          .post(`/api/links/${token}/responses`)
          .send({ answers: { ...validParentAnswers(), zzz: 1 } }),
      400,
      'response.unknown_question',
      'zzz',
    ],
    [
      'scores sent by the client',
      () =>
        request(mera.app)
          .post(`/api/links/${token}/responses`)
          .send({ answers: validParentAnswers(), scores: { x: 1 } }),
      400,
      'response.invalid',
      'scores',
    ],
    [
      'answers that are a list',
      () =>
        request(mera.app)
          .post(`/api/links/${token}/responses`)
          .send({ answers: [1] }),
      400,
      'response.invalid',
      'answers',
    ],
    [
      'an empty answer set',
      () => request(mera.app).post(`/api/links/${token}/responses`).send({ answers: {} }),
      400,
      'response.required',
      'child_level',
    ],
  ];

  test.each(cases)('%s', async (_what, send, status, code, field) => {
    const before = await countResponses();
    const res = await send().expect(status).expect('Content-Type', /json/);
    expect(res.body.error).toMatchObject({ code, ...(field ? { field } : {}) });
    expect(res.body.error.message).toEqual(expect.any(String));
    expect(await countResponses()).toBe(before);
    await request(mera.app).get('/api/health').expect(200);
  });

  test('a closed campaign refuses answers with 410 and its link says it is closed', async () => {
    const closed = await seededToken(mera, 'parent-survey', 'closed');
    const before = await countResponses();
    const res = await request(mera.app).post(`/api/links/${closed.token}/responses`).send({ answers: validParentAnswers() }).expect(410);
    expect(res.body.error.code).toBe('campaign.closed');
    await request(mera.app).get(`/api/links/${closed.token}`).expect(410);
    expect(await countResponses()).toBe(before);
  });
});

test('the teacher diagnostic is scored on the server and the scores are stored with the response', async () => {
  const { token, campaignId, schoolId } = await seededToken(mera, 'teacher-deficit', 'open', 4);
  const res = await request(mera.app)
    .post(`/api/links/${token}/responses`)
    .send({ answers: teacherAnswers(2) })
    .expect(201);
  // Edition 2: four "2"s (4 of 12) and «Не знаю» (0 of 3): 4 of 15 = 26.7.
  expect(res.body.scores.areas.e_planning).toMatchObject({ score: 26.7, level: 'deficit', answered: 5, items: 5, earned: 4, possible: 15 });
  const stored = await mera.store.collection(responsesCollection).find({ campaignId, schoolId });
  expect(stored.some((r) => r.scores?.areas.e_planning.score === 26.7 && r.answers.e_planning_1 === 2)).toBe(true);
});

test('unknown API paths answer 404 in JSON; the client page is served for survey links', async () => {
  const res = await request(mera.app).get('/api/nothing-here').expect(404);
  expect(res.body.error.code).toBe('not_found');
  const page = await request(mera.app).get('/s/whatever').expect(200);
  expect(page.text).toMatch(/<div id="root">/);
  expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
});
