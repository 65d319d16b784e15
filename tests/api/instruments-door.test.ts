// Issue 27, part 0: what real SurveyJS users write is taken at the door. Creator exports with
// names SurveyJS accepts (hyphens, spaces, dots), no title, "questions" for "elements", older
// spellings, custom properties and input masks upload; what the server does not use is listed in
// the reply; answers keyed by such names are kept and read back as given.
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { streamResponses } from '../../server/responses/read';
import { keepResponse } from '../../server/responses/keep';
import { execFileSync } from 'node:child_process';
import { campaignsCollection, linksCollection } from '../../server/campaigns/data';
import type { IssuedLink } from '../../server/campaigns/launch';
import { linkPoster } from '../../server/campaigns/print';
import { startMeraWithSchools, TestMera } from '../support/mera';
import { uploadedSurveyLink } from '../support/uploaded';

const ADMIN = 'a-long-administrator-token-for-tests';
let mera: TestMera;
beforeAll(async () => {
  mera = await startMeraWithSchools({ config: { adminToken: ADMIN } });
});
afterAll(() => mera.close());

const corpus = (name: string) => JSON.parse(fs.readFileSync(path.join(__dirname, '../corpus', name), 'utf8'));
const post = (url: string, body: object) => request(mera.app).post(url).set('Authorization', `Bearer ${ADMIN}`).send(body);
type Listed = { path: string; message: string };

test('a Creator export with hyphens, spaces and dots in its names, no title, "questions" and custom properties uploads; the ignored properties are listed', async () => {
  const res = await post('/api/instruments', {
    id: 'creator-names',
    respondentType: 'parent',
    anonymous: true,
    collectsContact: true,
    survey: corpus('creator-names.json'),
  }).expect(201);
  expect(res.body.instrument).toMatchObject({ id: 'creator-names', version: 1, title: { default: 'creator-names', en: 'creator-names' } });
  const ignored = Object.fromEntries((res.body.ignored as Listed[]).map((i) => [i.path, i.message]));
  expect(ignored['survey.questions[1].analytics']).toMatch(/custom property/);
  expect(ignored['survey.questions[2].choices[1].college']).toMatch(/custom property/);
  expect(ignored['survey.questions[0].placeHolder']).toMatch(/changes only the page/);
  expect(ignored['survey.questions[5].maskType']).toMatch(/pattern mask .* shapes the typing only/);
  expect(ignored['survey.questions[6].defaultValueExpression']).toMatch(/fills in or clears the answer/);
});

test('legacy spellings, look-only properties, choicesMin/Max, keyName, totals and value expressions upload; the check route lists problems without keeping anything', async () => {
  const envelope = { id: 'creator-features', respondentType: 'teacher', anonymous: false, survey: corpus('creator-features.json') };
  const checked = await post('/api/instruments/check', envelope).expect(200);
  expect(checked.body).toMatchObject({ ok: true, problems: [], nextVersion: 1 });
  expect((checked.body.ignored as Listed[]).map((i) => i.path)).toEqual(
    expect.arrayContaining([
      'survey.pages[0].questions[0].mininumRateDescription',
      'survey.pages[1].elements[3].addPanelText',
      'survey.pages[1].elements[3].panelsState',
    ]),
  );
  await request(mera.app).get('/api/instruments/creator-features').expect(404);
  const refused = await post('/api/instruments/check', {
    ...envelope,
    survey: { pages: [{ name: 'p', elements: [{ type: 'dropdown', name: 'x', choicesByUrl: { url: 'https://x.example' } }] }] },
  }).expect(200);
  expect(refused.body.ok).toBe(false);
  expect(refused.body.problems).toContainEqual({
    path: 'survey.pages[0].elements[0].choicesByUrl',
    message: expect.stringMatching(/web service/),
  });
  await post('/api/instruments', envelope).expect(201);
});

test('answers keyed by names with "." and "$" are kept (encoded for the store) and read back exactly as given', async () => {
  const answers = { 'why.not': 'text', $price: 12, courses: { 'Node.js': 2, 'U.S. History': 3 }, 'recommend friends': ['Node.js'] };
  const kept = await keepResponse(mera.store, {
    campaignId: 'door-campaign',
    schoolId: 'door-school',
    instrumentId: 'creator-names',
    instrumentVersion: 1,
    respondentType: 'parent',
    day: '2026-11-30',
    answers,
  });
  expect(kept.answers).toEqual(answers);
  const read = [];
  for await (const r of streamResponses(mera.store, { campaignId: 'door-campaign' })) read.push(r.answers);
  expect(read).toEqual([answers]);
});

test('a respondent sends answers keyed by names with "." and "$" through the link: they are taken (201) and kept as given', async () => {
  const { token, campaignId } = await uploadedSurveyLink(mera, {
    id: 'creator-names-link',
    respondentType: 'parent',
    anonymous: true,
    collectsContact: true,
    survey: corpus('creator-names.json'),
  });
  const answers = {
    'why.not': 'text',
    'why.not.detail': 'more',
    $price: 12,
    courses: { 'Node.js': 2, 'U.S. History': 3 },
    'recommend friends': ['Node.js'],
  };
  await request(mera.app).post(`/api/links/${token}/responses`).send({ answers }).expect(201);
  const read = [];
  for await (const r of streamResponses(mera.store, { campaignId })) read.push(r.answers);
  expect(read).toEqual([expect.objectContaining(answers)]);
});

test('the poster follows the instrument: an anonymous survey that collects contact says so and why, not that it is anonymous', async () => {
  const posterText = async (envelope: Parameters<typeof uploadedSurveyLink>[1]) => {
    const { campaignId } = await uploadedSurveyLink(mera, envelope);
    const campaign = (await mera.store.collection(campaignsCollection).findOne({ _id: campaignId }))!;
    const link = (await mera.store.collection(linksCollection).findOne({ campaignId }))! as unknown as IssuedLink;
    const { pdf } = await linkPoster(mera.store, campaign, link, 'https://mera.example/s/x');
    const out = execFileSync(process.execPath, [path.join(__dirname, '../support/pdf-text.mjs')], { input: pdf });
    return (JSON.parse(out.toString()) as { text: string }).text.replace(/\s+/g, ' ');
  };
  const survey = { title: 'Клуб', pages: [{ name: 'p', elements: [{ type: 'text', name: 'mail', inputType: 'email' }] }] };
  const contact = await posterText({
    id: 'poster-contact',
    respondentType: 'parent',
    anonymous: true,
    collectsContact: true,
    contactPurpose: 'чтобы пригласить на встречу',
    survey,
  });
  expect(contact).toContain('контактных данных: чтобы пригласить на встречу');
  expect(contact).not.toContain('анонимный');
  const anonymous = await posterText({
    id: 'poster-anonymous',
    respondentType: 'parent',
    anonymous: true,
    survey: { title: 'Клуб', pages: [{ name: 'p', elements: [{ type: 'rating', name: 'r' }] }] },
  });
  expect(anonymous).toContain('Опрос анонимный');
});

test('the check names the questions asking for contact details, so the preview says what is asked and why, as the respondent page does', async () => {
  const checked = await post('/api/instruments/check', {
    id: 'club-contact',
    respondentType: 'parent',
    anonymous: false,
    collectsContact: true,
    contactPurpose: 'чтобы пригласить вас в клуб',
    survey: {
      title: 'Клуб',
      pages: [
        {
          name: 'p',
          elements: [
            { type: 'text', name: 'mail', inputType: 'email', title: 'Почта' },
            { type: 'comment', name: 'why', title: 'Почему?' },
          ],
        },
      ],
    },
  }).expect(200);
  expect(checked.body).toMatchObject({ ok: true, contactQuestions: ['mail'] });
});
