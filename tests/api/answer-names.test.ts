// Issue 27: answers keyed by any name SurveyJS accepts ("." and "$": "why.not", "$price", a matrix
// row "Node.js") are taken signed in too, as through a link: a teacher's diagnostic (draft and
// submission) and a school's form (draft, revision, correction with its audit entry). The guard
// still refuses prototype names, the validator names it does not know, and the store never sees
// such a key unencoded (it would refuse it).
import fs from 'node:fs';
import path from 'node:path';
import { diagnosticsCollection } from '../../server/diagnostics/data';
import { responsesCollection, schoolFormDraftsCollection, schoolFormRevisionsCollection } from '../../server/responses/data';
import { findBadFieldName } from '../../server/store/field-names';
import { makeUser, signedInBrowser, type Browser } from '../support/accounts';
import { startMeraWithSchools, type TestMera } from '../support/mera';
import { uploadedCampaign, uploadedSurveyLink } from '../support/uploaded';

let mera: TestMera;
beforeAll(async () => {
  mera = await startMeraWithSchools();
});
afterAll(() => mera.close());

const corpus = (name: string) => JSON.parse(fs.readFileSync(path.join(__dirname, '../corpus', name), 'utf8'));

/** The Creator export with dotted and "$" names, and a grid whose rows and columns hold dots too. */
function namesSurvey() {
  const survey = corpus('creator-names.json');
  survey.questions.push({
    type: 'matrixdropdown',
    name: 'grid.v2',
    rows: ['Node.js', 'U.S. History'],
    columns: [{ name: 'level.now', cellType: 'rating' }],
  });
  return survey;
}

const answers = {
  'overall-satisfaction': 'Very',
  'why.not': 'text',
  'why.not.detail': 'more',
  $price: 12,
  courses: { 'Node.js': 2, 'U.S. History': 3 },
  'recommend friends': ['Node.js'],
  'grid.v2': { 'Node.js': { 'level.now': 2 } },
};

/** Every document of these collections of the campaign, none with a key the store refuses. */
async function storedCleanly(campaignId: string) {
  const docs = [
    ...(await mera.store.collection(diagnosticsCollection).find({ campaignId })),
    ...(await mera.store.collection(responsesCollection).find({ campaignId })),
    ...(await mera.store.collection(schoolFormDraftsCollection).find({ campaignId })),
    ...(await mera.store.collection(schoolFormRevisionsCollection).find({ campaignId })),
  ];
  expect(docs.length).toBeGreaterThan(0);
  for (const doc of docs) expect(findBadFieldName(doc)).toBeUndefined();
}

const raw = (b: Browser, method: 'put' | 'post' | 'patch', url: string, body: string) =>
  b.agent[method](url).set('x-csrf-token', b.csrf).set('Content-Type', 'application/json').send(body);

describe("a teacher's diagnostic", () => {
  let campaignId: string;
  let teacher: Browser;
  beforeAll(async () => {
    const link = await uploadedCampaign(mera, { id: 'names-teacher', respondentType: 'teacher', anonymous: false, survey: namesSurvey() });
    campaignId = link.campaignId;
    await makeUser(mera.store, 'names.teacher@school.test', 'teacher', link.schoolId);
    teacher = await signedInBrowser(mera, 'names.teacher@school.test');
  });

  test('a draft keyed by names with "." and "$" is saved (200) and read back as given', async () => {
    const url = `/api/my/diagnostics/${campaignId}`;
    await teacher.agent.put(`${url}/draft`).set('x-csrf-token', teacher.csrf).send({ answers, currentPage: 0 }).expect(200);
    const opened = await teacher.agent.get(url).expect(200);
    expect(opened.body.saved).toMatchObject({ status: 'draft', answers });
    await storedCleanly(campaignId);
  });

  test('a prototype name among the answers is refused with the catalogue error; an unknown name with the validator\u2019s', async () => {
    const url = `/api/my/diagnostics/${campaignId}/draft`;
    const proto = await raw(teacher, 'put', url, '{"answers":{"why.not":"x","__proto__":{"polluted":true}}}').expect(400);
    expect(proto.body.error).toMatchObject({ code: 'request.prototype_key', field: 'answers.__proto__' });
    const unknown = await teacher.agent
      .put(url)
      .set('x-csrf-token', teacher.csrf)
      .send({ answers: { 'why.not.at.all': 'x' } })
      .expect(400);
    expect(unknown.body.error).toMatchObject({ code: 'response.unknown_question', field: 'why.not.at.all' });
    // Outside the answers the strict guard holds: no dotted or "$" key.
    const outside = await raw(teacher, 'put', url, '{"answers":{},"$set":{"x":1}}').expect(400);
    expect(outside.body.error.code).toBe('request.operator');
    // And on every other route, answers or not.
    const profile = await raw(teacher, 'patch', '/api/my/profile', '{"shareWithCoordinator":true,"answers":{"a.b":1}}').expect(400);
    expect(profile.body.error.code).toBe('request.dotted_key');
  });

  test('the submission is taken (201), kept as given with the teacher and in the campaign\u2019s responses, encoded in the store', async () => {
    const url = `/api/my/diagnostics/${campaignId}`;
    await teacher.agent.post(`${url}/submission`).set('x-csrf-token', teacher.csrf).send({ answers }).expect(201);
    expect((await teacher.agent.get(url).expect(200)).body.saved).toMatchObject({ status: 'submitted', answers });
    // A correction while open replaces the campaign's anonymous copy.
    const corrected = { ...answers, $price: 13 };
    const again = await teacher.agent.post(`${url}/submission`).set('x-csrf-token', teacher.csrf).send({ answers: corrected }).expect(201);
    expect(again.body.corrected).toBe(true);
    expect(await mera.store.collection(responsesCollection).countDocuments({ campaignId })).toBe(1);
    await storedCleanly(campaignId);
    const unknown = await teacher.agent
      .post(`${url}/submission`)
      .set('x-csrf-token', teacher.csrf)
      .send({ answers: { ...answers, 'U.S. History': 1 } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('response.unknown_question');
  });
});

describe("a school's form", () => {
  let form: string;
  let campaignId: string;
  let coordinator: Browser;
  let cluster: Browser;
  beforeAll(async () => {
    const link = await uploadedSurveyLink(mera, { id: 'names-school', respondentType: 'school', anonymous: false, survey: namesSurvey() });
    campaignId = link.campaignId;
    form = `/api/school-forms/${link.campaignId}/${link.schoolId}`;
    await makeUser(mera.store, 'names.coordinator@school.test', 'school-coordinator', link.schoolId);
    await makeUser(mera.store, 'names.cluster@cluster.test', 'cluster-coordinator');
    [coordinator, cluster] = await Promise.all([
      signedInBrowser(mera, 'names.coordinator@school.test'),
      signedInBrowser(mera, 'names.cluster@cluster.test'),
    ]);
  });

  test('a draft keyed by names with "." and "$" is saved and shown as given; prototype and unknown names are refused', async () => {
    const saved = await coordinator.agent
      .put(`${form}/draft`)
      .set('x-csrf-token', coordinator.csrf)
      .send({ answers, basedOn: 0 })
      .expect(200);
    expect(saved.body).toEqual({ revision: 1 });
    expect((await coordinator.agent.get(form).expect(200)).body.draft).toMatchObject({ revision: 1, answers });
    await storedCleanly(campaignId);
    const proto = await raw(coordinator, 'put', `${form}/draft`, '{"answers":{"courses":{"constructor":1}},"basedOn":1}').expect(400);
    expect(proto.body.error).toMatchObject({ code: 'request.prototype_key', field: 'answers.courses.constructor' });
    const unknown = await coordinator.agent
      .put(`${form}/draft`)
      .set('x-csrf-token', coordinator.csrf)
      .send({ answers: { 'why.not.at.all': 'x' }, basedOn: 1 })
      .expect(400);
    expect(unknown.body.error).toMatchObject({ code: 'response.unknown_question', field: 'answers.why.not.at.all' });
  });

  test('sent and corrected: the revisions and the response hold the answers as given, and the audit names the questions as the survey does', async () => {
    const revisions = `${form}/revisions`;
    const proto = await raw(coordinator, 'post', revisions, '{"answers":{"prototype":1},"basedOn":0}').expect(400);
    expect(proto.body.error.code).toBe('request.prototype_key');
    await coordinator.agent.post(revisions).set('x-csrf-token', coordinator.csrf).send({ answers, basedOn: 0 }).expect(201);
    const state = (await coordinator.agent.get(form).expect(200)).body;
    expect(state).toMatchObject({ draft: null, submitted: { revision: 1, answers } });

    const corrected = {
      ...answers,
      $price: 15,
      courses: { 'Node.js': 3, 'U.S. History': 3 },
      'grid.v2': { 'Node.js': { 'level.now': 4 } },
    };
    await coordinator.agent
      .post(revisions)
      .set('x-csrf-token', coordinator.csrf)
      .send({ answers: corrected, basedOn: 1, reason: 'Цена уточнена' })
      .expect(201);
    expect((await coordinator.agent.get(form).expect(200)).body.submitted).toMatchObject({ revision: 2, answers: corrected });
    await storedCleanly(campaignId);

    const audit = (await cluster.agent.get(`/api/campaigns/${campaignId}/audit`).expect(200)).body.entries;
    const entry = audit.find((e: { action: string }) => e.action === 'form-corrected');
    expect(entry.changes).toEqual([
      { field: '$price', before: 12, after: 15 },
      { field: 'courses.Node.js', before: 2, after: 3 },
      { field: 'grid.v2.Node.js', before: { 'level.now': 2 }, after: { 'level.now': 4 } },
    ]);
    const changes = (await cluster.agent.get(`/api/school-forms/${campaignId}/changes`).expect(200)).body.changes;
    expect(Object.values(changes)).toEqual([['$price', 'courses.Node.js', 'grid.v2.Node.js']]);
  });
});
