// The instrument catalogue over HTTP: listing, definitions, and an administrator's upload of
// SurveyJS Creator exports (refused with every reason and its JSON path when a check fails;
// campaigns keep their version). Each test uploads under its own id: no test depends on another.
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
const upload = (body: object, token = ADMIN) =>
  request(mera.app).post('/api/instruments').set('Authorization', `Bearer ${token}`).send(body);
const parentAs = (id: string) => {
  const body = { ...parentSource(), id };
  delete body.version;
  return body;
};
/** What SurveyJS Creator exports, in the smallest envelope. */
const creatorExport = (
  id: string,
  survey: object = {
    title: { ru: 'Клубы', en: 'Clubs' },
    pages: [{ name: 'p1', elements: [{ type: 'rating', name: 'q1', title: 'Нравится?' }] }],
  },
) => ({
  id,
  respondentType: 'student',
  anonymous: true,
  survey,
});
const problemsOf = (res: request.Response): { path: string; message: string }[] => res.body.error.details.problems;

test('the catalogue lists the six built-in instruments with their respondent types and versions', async () => {
  const res = await request(mera.app).get('/api/instruments').expect(200);
  const ids = res.body.instruments.map((i: { id: string }) => i.id);
  expect(ids).toEqual(
    expect.arrayContaining([
      'parent-survey',
      'school-checklist',
      'school-monitoring',
      'staff-effectiveness',
      'student-survey',
      'teacher-deficit',
    ]),
  );
  expect(res.body.instruments.find((i: { id: string }) => i.id === 'teacher-deficit')).toMatchObject({
    respondentType: 'teacher',
    scored: true,
    versions: [1, 2],
    collectsContact: false,
  });
});

test('a definition is served by id and by version; an unknown version is a 404 naming it', async () => {
  const res = await request(mera.app).get('/api/instruments/school-checklist').expect(200);
  expect(res.body.instrument.survey.pages.length).toBeGreaterThan(1);
  const missing = await request(mera.app).get('/api/instruments/school-checklist/versions/9').expect(404);
  expect(missing.body.error).toMatchObject({ code: 'instrument.not_found' });
  await request(mera.app).get('/api/instruments/BAD$id').expect(400);
});

test('uploading without the administrator token is refused and adds nothing', async () => {
  const body = parentAs('club-survey-unauthorised');
  const res = await upload(body, 'wrong-token-wrong-token-wrong').expect(401);
  expect(res.body.error.code).toBe('admin.unauthorised');
  await request(mera.app).post('/api/instruments').send(body).expect(401);
  await request(mera.app).get('/api/instruments/club-survey-unauthorised').expect(404);
});

test('a Creator export in the smallest envelope becomes version 1, titled from the survey, its definition unchanged', async () => {
  const body = creatorExport('club-export');
  const res = await upload(body).expect(201);
  expect(res.body.instrument).toMatchObject({
    id: 'club-export',
    version: 1,
    source: 'upload',
    versions: [1],
    title: { default: 'Клубы', en: 'Clubs' },
  });
  const served = await request(mera.app).get('/api/instruments/club-export').expect(200);
  expect(served.body.instrument.survey).toEqual(body.survey);
});

test('a one-language upload with plain-string texts is accepted', async () => {
  const res = await upload(
    creatorExport('club-plain', {
      title: 'Только по-русски',
      pages: [{ name: 'p1', elements: [{ type: 'text', name: 'q1', title: 'Вопрос' }] }],
    }),
  ).expect(201);
  expect(res.body.instrument.title).toEqual({ default: 'Только по-русски', en: 'Только по-русски' });
});

test('uploading content identical to the latest version returns that version; a changed one becomes the next version', async () => {
  const body = parentAs('club-versions');
  expect((await upload(body).expect(201)).body.instrument).toMatchObject({ version: 1, versions: [1] });
  const again = await upload(body).expect(200);
  expect(again.body).toMatchObject({ created: false, instrument: { version: 1, versions: [1] } });
  body.survey.pages[1].elements[0].title = { default: 'Иначе', en: 'Otherwise' };
  expect((await upload(body).expect(201)).body.instrument).toMatchObject({ version: 2, versions: [1, 2] });
  await upload({ ...body, survey: { ...body.survey, title: 'x' }, version: 7 }).expect(409);
});

test('an upload that fails the checks is refused with every reason at its JSON path, and adds nothing', async () => {
  const body = creatorExport('club-broken', {
    title: 'Сломанный',
    pages: [
      {
        name: 'p1',
        elements: [
          { type: 'file', name: 'photo' },
          { type: 'text', name: 'secret', inputType: 'password' },
          { type: 'text', name: 'code', validators: [{ type: 'regex', regex: '^(a)\\1$' }] },
          { type: 'matrix', name: 'grid', rows: ['r.1'], columns: [1], valueName: 'shared' },
          { type: 'text', name: 'later', visibleIf: '{nobody} = 1' },
        ],
      },
    ],
  });
  const res = await upload(body).expect(400);
  expect(res.body.error).toMatchObject({ code: 'instrument.invalid', field: 'survey.pages[0].elements[0].type' });
  const byPath = Object.fromEntries(problemsOf(res).map((p) => [p.path, p.message]));
  expect(byPath['survey.pages[0].elements[0].type']).toMatch(/"photo" is a file question/);
  expect(byPath['survey.pages[0].elements[1].inputType']).toMatch(/password/);
  expect(byPath['survey.pages[0].elements[2].validators[0].regex']).toMatch(/linear-time engine/);
  expect(byPath['survey.pages[0].elements[3].valueName']).toMatch(/keeps the answer under another name/);
  await request(mera.app).get('/api/instruments/club-broken').expect(404);
});

test('an envelope with a wrong field is refused with a plain sentence naming it, not a schema message', async () => {
  const res = await upload({ ...creatorExport('club-envelope'), respondentType: 'alien', extra: 1 }).expect(400);
  const messages = problemsOf(res)
    .map((p) => `${p.path}: ${p.message}`)
    .join('\n');
  expect(messages).toMatch(/respondentType: "respondentType" has a value that is not allowed/);
  expect(messages).toMatch(/"extra" is not part of an instrument/);
});

test.each([
  [
    'panels nested 23 deep',
    () => {
      let element: object = { type: 'text', name: 'leaf' };
      for (let i = 0; i < 23; i++) element = { type: 'panel', name: `p${i}`, elements: [element] };
      return [element];
    },
    /nest/,
  ],
  [
    'a visibleIf of 3 000 "or" clauses',
    () => [
      { type: 'text', name: 'a' },
      { type: 'text', name: 'b', visibleIf: Array.from({ length: 3000 }, (_, i) => `{a} = ${i}`).join(' or ') },
    ],
    /limit/,
  ],
  [
    'a visibleIf of 60 short "or" clauses',
    () => [
      { type: 'text', name: 'a' },
      { type: 'text', name: 'b', visibleIf: Array.from({ length: 60 }, (_, i) => `{a}=${i}`).join(' or ') },
    ],
    /clauses; the limit is/,
  ],
  ['1 600 questions', () => Array.from({ length: 1600 }, (_, i) => ({ type: 'text', name: `q${i}` })), /more than 1500 elements/],
  [
    'a choice list of 600',
    () => [{ type: 'radiogroup', name: 'r', choices: Array.from({ length: 600 }, (_, i) => i) }],
    /600 choices; the limit is 500/,
  ],
])('a definition with %s is refused at upload with the limit named', async (_what, elements, message) => {
  const res = await upload(
    creatorExport(`club-limit-${Math.random().toString(36).slice(2, 8)}`, {
      title: 'Лимит',
      pages: [{ name: 'p1', elements: elements() }],
    }),
  ).expect(400);
  expect(
    problemsOf(res)
      .map((p) => p.message)
      .join('\n'),
  ).toMatch(message);
});

test('an anonymous survey asking for an e-mail, a phone or a name is kept as collecting contact unless it promises otherwise ("collectsContact": false, refused); the catalogue shows it', async () => {
  const survey = {
    title: 'Контакты',
    pages: [
      {
        name: 'p1',
        elements: [
          { type: 'text', name: 'mail', inputType: 'email' },
          { type: 'text', name: 'phone', inputType: 'tel' },
          { type: 'text', name: 'q3', title: { ru: 'Ваше ФИО', en: 'Your full name' } },
        ],
      },
    ],
  };
  const refused = await upload({ ...creatorExport('club-contact', survey), collectsContact: false }).expect(400);
  expect(problemsOf(refused)[0]).toMatchObject({ path: 'collectsContact' });
  expect(problemsOf(refused)[0].message).toMatch(/"mail", "phone", "q3"/);
  // Left undeclared (issue 27: most SurveyJS surveys ask for an e-mail), the upload is taken and its reply says why it collects contact.
  const taken = await upload(creatorExport('club-contact', survey)).expect(201);
  expect(taken.body.ignored).toContainEqual({
    path: 'collectsContact',
    message: expect.stringMatching(/"mail", "phone", "q3".*collecting contact/),
  });
  const listed = (await request(mera.app).get('/api/instruments').expect(200)).body.instruments.find(
    (i: { id: string }) => i.id === 'club-contact',
  );
  expect(listed).toMatchObject({ anonymous: true, collectsContact: true });
});

test('a new version of the parent survey does not change the running campaign: its link keeps the version it started with', async () => {
  const changed = parentSource();
  const started = changed.version; // the seeded campaign runs the current edition
  delete changed.version;
  changed.survey.pages[1].elements[0].title = { default: 'Новая формулировка', en: 'New wording' };
  expect((await upload(changed).expect(201)).body.instrument.version).toBeGreaterThan(started);
  const { token } = await seededToken(mera, 'parent-survey');
  const link = (await request(mera.app).get(`/api/links/${token}`).expect(200)).body;
  expect(link.instrument.version).toBe(started);
  expect(link.instrument.survey.pages[1].elements[0].title.default).not.toBe('Новая формулировка');
  await request(mera.app).post(`/api/links/${token}/responses`).send({ answers: validParentAnswers() }).expect(201);
});
