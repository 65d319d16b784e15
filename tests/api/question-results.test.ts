// Issue 27, items 2/3: every instrument has results question by question, with or without
// indicators: choice distributions, ratings with mean and median, matrices per row, rankings by
// mean rank, the fields of dynamic matrices, multiple text and dynamic panels; for the cluster and
// one school, filtered by a choice answer; fewer answers than the minimum group are withheld.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import { startMeraWithSchools, TestMera } from '../support/mera';
import { uploadedSurveyLink } from '../support/uploaded';

const ADMIN = 'a-long-administrator-token-for-tests';
let mera: TestMera;
beforeAll(async () => {
  mera = await startMeraWithSchools({ config: { adminToken: ADMIN } });
});
afterAll(() => mera.close());

const survey = {
  title: { ru: 'Клубы', en: 'Clubs' },
  pages: [
    {
      name: 'p',
      elements: [
        {
          type: 'radiogroup',
          name: 'who',
          title: { ru: 'Кто вы?', en: 'Who are you?' },
          choices: [{ value: 'parent', text: { ru: 'Родитель', en: 'Parent' } }, 'pupil'],
        },
        { type: 'rating', name: 'nps', rateMin: 0, rateMax: 10 },
        { type: 'boolean', name: 'again' },
        { type: 'checkbox', name: 'days', choices: ['mon', 'tue'] },
        { type: 'ranking', name: 'order', choices: ['time', 'place', 'price'] },
        { type: 'matrix', name: 'grid', rows: ['food', 'staff'], columns: [1, 2, 3] },
        { type: 'matrixdynamic', name: 'clubs', columns: [{ name: 'hours', cellType: 'text', inputType: 'number' }] },
        { type: 'paneldynamic', name: 'kids', templateElements: [{ type: 'dropdown', name: 'grade', choices: [1, 2] }] },
        { type: 'comment', name: 'why' },
      ],
    },
  ],
};

const answer = (i: number) => ({
  who: i < 4 ? 'parent' : 'pupil',
  nps: i,
  again: i % 2 === 0,
  days: i < 3 ? ['mon'] : ['mon', 'tue'],
  order: i < 3 ? ['time', 'place', 'price'] : ['place', 'time', 'price'],
  grid: { food: 3, staff: i < 3 ? 1 : 2 },
  clubs: [{ hours: i }, { hours: 10 }],
  kids: [{ grade: 1 }],
  why: 'потому что',
});

test('an instrument without indicators has per-question results for the cluster and its school, filtered by a choice answer, small groups withheld', async () => {
  const { token, campaignId, schoolId } = await uploadedSurveyLink(mera, {
    id: 'clubs-results',
    respondentType: 'parent',
    anonymous: true,
    survey,
  });
  for (let i = 0; i < 6; i++)
    await request(mera.app)
      .post(`/api/links/${token}/responses`)
      .send({ answers: answer(i) })
      .expect(201);
  const get = (query = '') =>
    request(mera.app).get(`/api/results/campaigns/${campaignId}/questions${query}`).set('Authorization', `Bearer ${ADMIN}`).expect(200);

  const all = (await get()).body;
  expect(all.respondents).toEqual({ cluster: 6 });
  const q = (name: string) => all.questions.find((x: { name: string }) => x.name === name).cluster;
  expect(q('who').counts[0]).toMatchObject({ value: 'parent', label: { default: 'Родитель', en: 'Parent' }, count: 4 });
  expect(q('nps')).toMatchObject({ kind: 'choices', answered: 6, mean: 2.5, median: 2.5 });
  expect(q('again').counts.map((c: { count: number }) => c.count)).toEqual([3, 3]);
  expect(q('days').counts.map((c: { count: number }) => c.count)).toEqual([6, 3]);
  expect(q('order').items).toEqual([
    { value: 'time', label: { default: 'time', en: 'time' }, meanRank: 1.5 },
    { value: 'place', label: { default: 'place', en: 'place' }, meanRank: 1.5 },
    { value: 'price', label: { default: 'price', en: 'price' }, meanRank: 3 },
  ]);
  expect(q('grid').rows[1].summary.counts.map((c: { count: number }) => c.count)).toEqual([3, 3, 0]);
  expect(q('clubs').fields[0]).toMatchObject({ name: 'hours', summary: { kind: 'number', answered: 12, median: 7.5, max: 10 } });
  expect(q('kids').fields[0].summary.counts[0]).toMatchObject({ value: 1, count: 6 });
  expect(q('why')).toEqual({ kind: 'text', answered: 6 });
  expect(all.filterQuestions.map((f: { name: string }) => f.name)).toEqual(['who', 'again', 'days']);

  const school = (await get(`?school=${schoolId}`)).body;
  expect(school.respondents).toEqual({ cluster: 6, school: 6 });
  const parents = (await get('?filter=who:parent')).body;
  expect(parents.respondents.cluster).toBe(4);
  expect(parents.questions[0].cluster).toEqual({ kind: 'withheld', answered: null });
  // The report of an instrument without indicators holds these results (no 409 report.empty).
  const pdf = await request(mera.app)
    .get(`/api/results/campaigns/${campaignId}/report.pdf`)
    .set('Authorization', `Bearer ${ADMIN}`)
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  const out = execFileSync(process.execPath, [path.join(__dirname, '../support/pdf-text.mjs')], { input: pdf.body as Buffer });
  const text = (JSON.parse(out.toString()) as { text: string }).text.replace(/\s+/g, ' ');
  expect(text).toContain('Ответы по вопросам');
  expect(text).toContain('Кто вы?');
  const bad = await request(mera.app)
    .get(`/api/results/campaigns/${campaignId}/questions?filter=why:x`)
    .set('Authorization', `Bearer ${ADMIN}`)
    .expect(400);
  expect(bad.body.error).toMatchObject({ code: 'results.bad_filter', field: 'filter' });
});

test('the responses export has a column per stored value of every type, dynamic rows and panels flattened, headers and labels in the chosen language, codes as an option', async () => {
  const { token, campaignId } = await uploadedSurveyLink(mera, { id: 'clubs-export', respondentType: 'parent', anonymous: true, survey });
  for (let i = 0; i < 5; i++)
    await request(mera.app)
      .post(`/api/links/${token}/responses`)
      .send({ answers: answer(i) })
      .expect(201);
  const csv = async (query: string) => {
    const res = await request(mera.app)
      .get(`/api/results/campaigns/${campaignId}/responses.csv${query}`)
      .set('Authorization', `Bearer ${ADMIN}`)
      .buffer(true)
      .parse((r, done) => {
        let text = '';
        r.on('data', (c: Buffer) => (text += c.toString('utf8')));
        r.on('end', () => done(null, text));
      })
      .expect(200);
    const [header, ...rows] = (res.body as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    return { header: header.split(';').map((h) => h.replace(/^"|"$/g, '')), rows };
  };
  const ru = await csv('');
  expect(ru.header).toEqual(
    expect.arrayContaining([
      'Школа',
      'Кто вы?',
      'nps',
      'days: mon',
      'order [1]',
      'grid: food',
      'clubs[1].hours',
      'clubs[2].hours',
      'kids[1].grade',
    ]),
  );
  expect(ru.header).not.toContain('why'); // free text of an anonymous survey stays out
  expect(ru.rows.join('\n')).toContain('Родитель');
  const en = await csv('?lang=en');
  expect(en.header).toEqual(expect.arrayContaining(['School', 'Who are you?']));
  expect(en.rows.join('\n')).toContain('Parent');
  const codes = await csv('?codes=1');
  expect(codes.header).toEqual(expect.arrayContaining(['school', 'who', 'clubs[1].hours', 'kids[0].grade', 'order[0]']));
  expect(codes.rows.join('\n')).toContain('parent');
});
