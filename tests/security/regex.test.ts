// Issue 23, item 1: a regular expression from an uploaded instrument cannot freeze the server. Patterns
// run in a linear-time engine (re2js); those it cannot run (backreferences, lookaround) are refused at
// upload with the reason at the pattern's JSON path.
import request from 'supertest';
import { startMeraWithSchools, type TestMera } from '../support/mera';
import { campaignWithLinks } from '../support/results';

const ADMIN = 'a-long-administrator-token-for-tests';
let mera: TestMera & { schoolIds: string[] };
beforeAll(async () => {
  mera = await startMeraWithSchools({ config: { adminToken: ADMIN } });
});
afterAll(() => mera.close());

const upload = (id: string, patterns: string[]) =>
  request(mera.app)
    .post('/api/instruments')
    .set('Authorization', `Bearer ${ADMIN}`)
    .send({
      id,
      respondentType: 'student',
      anonymous: true,
      survey: {
        title: { ru: 'Коды', en: 'Codes' },
        pages: [
          {
            name: 'p1',
            elements: patterns.map((regex, i) => ({ type: 'text', name: `code${i}`, validators: [{ type: 'regex', regex }] })),
          },
        ],
      },
    });

// Each of these took 38 s for a 31-character answer under a backtracking engine, ×2–3 per extra character.
const catastrophic = ['^(a|a)*$', '^(a|aa)*$', '^\\d*\\d*\\d*\\d*\\d*\\d*$'];

test('patterns that backtrack catastrophically are answered at once, and still check the format', async () => {
  await upload('regex-heavy', catastrophic).expect(201);
  const { tokens } = await campaignWithLinks(mera, 'regex-heavy', [mera.schoolIds[0]]);
  const token = tokens.get(mera.schoolIds[0])!;
  const send = (answers: Record<string, string>) => request(mera.app).post(`/api/links/${token}/responses`).send({ answers });
  for (const [name, text] of [
    ['code0', 'a'.repeat(40) + 'b'],
    ['code1', 'a'.repeat(40) + 'b'],
    ['code2', '1'.repeat(40) + 'x'],
    ['code0', 'a'.repeat(2000) + 'b'],
  ]) {
    const res = await send({ [name]: text });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(name);
  }
  await send({ code0: 'aaaa', code1: 'aaa', code2: '123' }).expect(201);
}, 15_000);

test.each([
  ['a backreference', '^(a)\\1$'],
  ['a lookahead', '^(?=a)\\w+$'],
  ['a lookbehind', '(?<!a)b'],
])('a pattern with %s is refused at upload, naming the pattern and the reason', async (_what, pattern) => {
  const res = await upload('regex-refused', ['^\\d+$', pattern]).expect(400);
  expect(res.body.error.code).toBe('instrument.invalid');
  const problems: { path: string; message: string }[] = res.body.error.details.problems;
  expect(problems).toEqual([
    { path: 'survey.pages[0].elements[1].validators[0].regex', message: expect.stringMatching(/linear-time engine/) },
  ]);
  await request(mera.app).get('/api/instruments/regex-refused').expect(404);
});
