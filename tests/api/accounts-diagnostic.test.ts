// The teacher's own diagnostic: listed for their school, saved as they go and resumed, scored on
// submit, kept with their id while the campaign's responses get an anonymous copy; the profile's
// history across campaigns; who may see it (shared with their coordinator only when they say so).
import { campaignsCollection } from '../../server/campaigns/data';
import { diagnosticsCollection } from '../../server/diagnostics/data';
import { responsesCollection } from '../../server/responses/data';
import { schoolsCollection } from '../../server/schools/data';
import { makeUser, signedInBrowser } from '../support/accounts';
import { teacherAnswers, teacherKnowledge } from '../support/answers';
import { startMera, TestMera } from '../support/mera';

let mera: TestMera;
let schoolId: string;
let campaignId: string;
/** The test's teacher (the demo's own teachers have submitted this campaign too). */
let teacherId: string;
beforeAll(async () => {
  mera = await startMera({ seed: true });
  [{ _id: schoolId }] = await mera.store.collection(schoolsCollection).find({}, { sort: { number: 1 }, limit: 1 });
  campaignId = (await mera.store.collection(campaignsCollection).findOne({ instrumentId: 'teacher-deficit', status: 'open' }))!._id;
  teacherId = (await makeUser(mera.store, 'diag.teacher@school.test', 'teacher', schoolId))._id;
  await makeUser(mera.store, 'diag.colleague@school.test', 'teacher', schoolId);
  await makeUser(mera.store, 'diag.coordinator@school.test', 'school-coordinator', schoolId);
  await makeUser(mera.store, 'diag.cluster@school.test', 'cluster-coordinator');
});
afterAll(() => mera.close());

test('a teacher sees the open diagnostic of their school, saves part of it, and finds it again in a new session', async () => {
  const t = await signedInBrowser(mera, 'diag.teacher@school.test');
  const list = await t.agent.get('/api/my/diagnostics').expect(200);
  expect(list.body.diagnostics).toEqual([expect.objectContaining({ campaignId, instrumentId: 'teacher-deficit', status: 'not-started' })]);
  await t.agent
    .put(`/api/my/diagnostics/${campaignId}/draft`)
    .set('x-csrf-token', t.csrf)
    .send({ answers: { e_planning_1: 3, e_planning_2: 2 }, currentPage: 1 })
    .expect(200);
  const bad = await t.agent
    .put(`/api/my/diagnostics/${campaignId}/draft`)
    .set('x-csrf-token', t.csrf)
    .send({ answers: { not_a_question: 1 } })
    .expect(400);
  expect(bad.body.error.field).toBe('not_a_question');

  const later = await signedInBrowser(mera, 'diag.teacher@school.test');
  const resumed = await later.agent.get(`/api/my/diagnostics/${campaignId}`).expect(200);
  expect(resumed.body.saved).toMatchObject({ status: 'draft', answers: { e_planning_1: 3, e_planning_2: 2 }, currentPage: 1 });
  expect(resumed.body.instrument.id).toBe('teacher-deficit');
  expect((await later.agent.get('/api/my/diagnostics')).body.diagnostics[0].status).toBe('draft');
});

test("submitting scores the diagnostic, keeps it with the teacher, and adds a copy without any person's id to the responses", async () => {
  const t = await signedInBrowser(mera, 'diag.teacher@school.test');
  const before = await mera.store.collection(responsesCollection).countDocuments({ campaignId });
  const res = await t.agent
    .post(`/api/my/diagnostics/${campaignId}/submission`)
    .set('x-csrf-token', t.csrf)
    .send({ answers: teacherAnswers(1) })
    .expect(201);
  expect(Object.values(res.body.scores.areas).every((a) => (a as { level: string }).level === 'deficit')).toBe(true);
  // Edition 2: points, and the self-rating and the knowledge result apart («Не знаю» everywhere: 0 of 3).
  expect(res.body.scores.areas.e_planning).toEqual({
    score: 0,
    level: 'deficit',
    answered: 5,
    items: 5,
    earned: 0,
    possible: 15,
    selfRating: { earned: 0, possible: 12, answered: 4, items: 4, score: 0 },
    knowledge: { earned: 0, possible: 3, answered: 1, items: 1, score: 0 },
  });
  const mine = await mera.store.collection(diagnosticsCollection).findOne({ campaignId, status: 'submitted', userId: teacherId });
  expect(mine!.scores).toEqual(res.body.scores);
  const responses = await mera.store.collection(responsesCollection).find({ campaignId });
  expect(responses).toHaveLength(before + 1);
  expect(JSON.stringify(responses)).not.toContain(mine!.userId);
  // A submitted diagnostic takes no more drafts; it is corrected by sending it again (below).
  await t.agent.put(`/api/my/diagnostics/${campaignId}/draft`).set('x-csrf-token', t.csrf).send({ answers: {} }).expect(409);
});

test('a teacher corrects a submitted diagnostic until the campaign closes: the profile is recomputed, the responses keep one copy', async () => {
  const t = await signedInBrowser(mera, 'diag.teacher@school.test');
  const before = await mera.store.collection(responsesCollection).countDocuments({ campaignId });
  const res = await t.agent
    .post(`/api/my/diagnostics/${campaignId}/submission`)
    .set('x-csrf-token', t.csrf)
    .send({ answers: teacherAnswers(4, teacherKnowledge(true)) })
    .expect(201);
  expect(res.body).toMatchObject({ received: true, corrected: true });
  expect(res.body.scores.areas.e_planning.level).not.toBe('deficit');
  // One copy in the campaign's responses, now holding the corrected answers.
  expect(await mera.store.collection(responsesCollection).countDocuments({ campaignId })).toBe(before);
  const profile = (await t.agent.get('/api/my/profile').expect(200)).body.history;
  const entry = profile.find((h: { campaignId: string }) => h.campaignId === campaignId);
  expect(entry.scores).toEqual(res.body.scores);
  expect(profile.filter((h: { campaignId: string }) => h.campaignId === campaignId)).toHaveLength(1);
  // Corrected once more: the history keeps the final one.
  const final = await t.agent
    .post(`/api/my/diagnostics/${campaignId}/submission`)
    .set('x-csrf-token', t.csrf)
    .send({ answers: teacherAnswers(1) })
    .expect(201);
  const history = (await t.agent.get('/api/my/profile').expect(200)).body.history;
  expect(history.filter((h: { campaignId: string }) => h.campaignId === campaignId).map((h: { scores: unknown }) => h.scores)).toEqual([
    final.body.scores,
  ]);
  // After the campaign closes it can no longer be corrected (closed here for this check, then open again for the tests below).
  const campaigns = mera.store.collection(campaignsCollection);
  await campaigns.updateOne({ _id: campaignId }, { $set: { status: 'closed' } });
  try {
    const late = await t.agent
      .post(`/api/my/diagnostics/${campaignId}/submission`)
      .set('x-csrf-token', t.csrf)
      .send({ answers: teacherAnswers(4) })
      .expect(409);
    expect(late.body.error.code).toBe('diagnostic.closed');
  } finally {
    await campaigns.updateOne({ _id: campaignId }, { $set: { status: 'open' } });
  }
});

test('a knowledge item left unanswered, or «Не относится к моей работе» from a form tutor on the class portfolio, is refused with 400 naming the question', async () => {
  await makeUser(mera.store, 'diag.refused@school.test', 'teacher', schoolId);
  const t = await signedInBrowser(mera, 'diag.refused@school.test');
  const submitted = () => mera.store.collection(diagnosticsCollection).countDocuments({ campaignId, status: 'submitted' });
  const before = await submitted();
  const withoutKnowledge = teacherAnswers(2);
  delete withoutKnowledge.item_bank_k;
  const missing = await t.agent
    .post(`/api/my/diagnostics/${campaignId}/submission`)
    .set('x-csrf-token', t.csrf)
    .send({ answers: withoutKnowledge })
    .expect(400);
  expect(missing.body.error.field).toBe('item_bank_k');
  const tutor = await t.agent
    .post(`/api/my/diagnostics/${campaignId}/submission`)
    .set('x-csrf-token', t.csrf)
    .send({ answers: { ...teacherAnswers(2), class_portfolio_1: 'not_my_work' } })
    .expect(400);
  expect(tutor.body.error.field).toBe('class_portfolio_1');
  expect(await submitted()).toBe(before);
});

test('a subject teacher for whom the class portfolio is not their work gets no portfolio score, and the other areas are scored', async () => {
  await makeUser(mera.store, 'diag.subject@school.test', 'teacher', schoolId);
  const t = await signedInBrowser(mera, 'diag.subject@school.test');
  const portfolio = ['class_portfolio_1', 'class_portfolio_2', 'class_portfolio_3', 'class_portfolio_5', 'class_portfolio_4'];
  const answers = {
    ...teacherAnswers(3, teacherKnowledge(true)),
    work_role: 'subject_teacher',
    ...Object.fromEntries(portfolio.map((q) => [q, 'not_my_work'])),
  };
  const res = await t.agent.post(`/api/my/diagnostics/${campaignId}/submission`).set('x-csrf-token', t.csrf).send({ answers }).expect(201);
  // Only the knowledge item is left: 1 answered of the minimum 3.
  expect(res.body.scores.areas.class_portfolio).toMatchObject({ score: null, level: null, answered: 1 });
  // Four "3"s (8 of 12) and the right answer (3 of 3): 11 of 15 = 73.3, "confident".
  expect(res.body.scores.areas.e_planning).toMatchObject({
    score: 73.3,
    level: 'confident',
    earned: 11,
    possible: 15,
    selfRating: { score: 66.7 },
    knowledge: { score: 100 },
  });
});

/** Edition 1 answers: every can-do statement rated `rating`, knowledge items skipped (optional then). */
function editionOneAnswers(rating: number): Record<string, unknown> {
  const answers: Record<string, unknown> = { experience_band: 'from_3_to_10', subject_area: 'sciences' };
  for (const area of ['e_planning', 'digital_results', 'item_bank', 'results_analysis', 'noko', 'self_evaluation', 'class_portfolio'])
    for (let i = 1; i <= 4; i++) answers[`${area}_${i}`] = rating;
  return answers;
}

test('retaking it in a later campaign shows every result in the profile, oldest first; a result of edition 1 still shows, without a knowledge split', async () => {
  const first = (await mera.store.collection(campaignsCollection).findOne({ _id: campaignId }))!;
  const { _id: _firstId, ...copy } = first;
  const april = await mera.store
    .collection(campaignsCollection)
    .insertOne({ ...copy, title: { default: 'Диагностика, апрель', en: 'Diagnostic, April' }, createdAt: new Date() });
  // Last year's campaign ran on edition 1 (campaigns keep their version).
  const lastYear = await mera.store.collection(campaignsCollection).insertOne({
    ...copy,
    instrumentVersion: 1,
    title: { default: 'Диагностика, прошлый год', en: 'Diagnostic, last year' },
    createdAt: new Date(),
  });
  const t = await signedInBrowser(mera, 'diag.teacher@school.test');
  await t.agent
    .post(`/api/my/diagnostics/${lastYear._id}/submission`)
    .set('x-csrf-token', t.csrf)
    .send({ answers: editionOneAnswers(3) })
    .expect(201);
  await t.agent
    .post(`/api/my/diagnostics/${april._id}/submission`)
    .set('x-csrf-token', t.csrf)
    .send({ answers: teacherAnswers(4, teacherKnowledge(true)) })
    .expect(201);
  // History goes by when campaigns opened: last year's first, the April campaign after the first one.
  await mera.store
    .collection(campaignsCollection)
    .updateOne({ _id: lastYear._id }, { $set: { opensOn: '2025-09-01', closesOn: '2025-09-30' } });
  await mera.store.collection(campaignsCollection).updateOne({ _id: april._id }, { $set: { opensOn: first.closesOn } });
  const profile = await t.agent.get('/api/my/profile').expect(200);
  expect(profile.body.shareWithCoordinator).toBe(false);
  expect(profile.body.history.map((h: { campaignId: string }) => h.campaignId)).toEqual([lastYear._id, campaignId, april._id]);
  const areas = profile.body.history.map(
    (h: { scores: { areas: Record<string, { level: string; score: number; knowledge?: unknown }> } }) => h.scores.areas.e_planning,
  );
  expect(areas.map((a: { level: string }) => a.level)).toEqual(['confident', 'deficit', 'expert']);
  // Edition 1: four "3"s, knowledge skipped (counted neither way then): 8 of 12 = 66.7, and no split.
  expect(areas[0]).toMatchObject({ score: 66.7 });
  expect(areas[0].knowledge).toBeUndefined();
  expect(profile.body.history[0].scoring.areas).toHaveLength(7);
  expect(areas[2]).toMatchObject({ score: 100, selfRating: { score: 100 }, knowledge: { score: 100 } });
  expect(profile.body.history[2].scoring.areas).toHaveLength(8);
  expect(profile.body.history[0].scoring.areas[0].recommendation.default).toBeTruthy();
});

test("the profile is the teacher's: the school coordinator sees it only once shared, a colleague and the cluster coordinator never", async () => {
  const owner = teacherId;
  const coordinator = await signedInBrowser(mera, 'diag.coordinator@school.test');
  const colleague = await signedInBrowser(mera, 'diag.colleague@school.test');
  const cluster = await signedInBrowser(mera, 'diag.cluster@school.test');
  await coordinator.agent.get(`/api/users/${owner}/profile`).expect(403);
  const t = await signedInBrowser(mera, 'diag.teacher@school.test');
  await t.agent.patch('/api/my/profile').set('x-csrf-token', t.csrf).send({ shareWithCoordinator: true }).expect(200);
  const seen = await coordinator.agent.get(`/api/users/${owner}/profile`).expect(200);
  expect(seen.body.history).toHaveLength(3);
  await colleague.agent.get(`/api/users/${owner}/profile`).expect(403);
  await cluster.agent.get(`/api/users/${owner}/profile`).expect(403);
  await t.agent.patch('/api/my/profile').set('x-csrf-token', t.csrf).send({ shareWithCoordinator: false }).expect(200);
  await coordinator.agent.get(`/api/users/${owner}/profile`).expect(403);
});

test('a coordinator has no diagnostics of their own to take', async () => {
  const coordinator = await signedInBrowser(mera, 'diag.coordinator@school.test');
  await coordinator.agent.get('/api/my/diagnostics').expect(403);
});

test('the profile downloads as a PDF with the Roboto font embedded (Cyrillic)', async () => {
  const t = await signedInBrowser(mera, 'diag.teacher@school.test');
  const res = await t.agent
    .get('/api/my/profile.pdf')
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  expect(res.headers['content-disposition']).toMatch(/attachment/);
  const pdf = res.body as Buffer;
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.toString('latin1')).toMatch(/FontFile2/);
  expect(pdf.toString('latin1')).toMatch(/Roboto/);
});
