// A school's forms are its official return (issue 25), over real HTTP on a real store: sent signed in
// by the school's coordinator or its working group (never through the anonymous link), drafted
// together on the server with conflicts seen, corrected as new revisions with an audit entry while
// the campaign is open, and reopened for one school by the cluster coordinator after it closed.
import request from 'supertest';
import { campaignsCollection, linksCollection } from '../../server/campaigns/data';
import { linkSecret, linkToken, tokenHash } from '../../server/campaigns/links';
import { responsesCollection, schoolFormRevisionsCollection } from '../../server/responses/data';
import { newId } from '../../server/store';
import { getInstrument } from '../../server/surveys/catalogue';
import { makeUser, signedInBrowser, type Browser } from '../support/accounts';
import { validMonitoringAnswers } from '../support/answers';
import { binary, pdfText } from '../support/files';
import { startMeraWithSchools } from '../support/mera';

let mera: Awaited<ReturnType<typeof startMeraWithSchools>>;
let schoolA: string;
let schoolB: string;
let coordinator: Browser;
let first: Browser;
let second: Browser;
let colleague: Browser;
let elsewhere: Browser;
let cluster: Browser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  mera = await startMeraWithSchools();
  [schoolA, schoolB] = mera.schoolIds;
  const users = {
    coordinator: await makeUser(mera.store, 'coordinator@a.test', 'school-coordinator', schoolA),
    first: await makeUser(mera.store, 'first@a.test', 'teacher', schoolA),
    second: await makeUser(mera.store, 'second@a.test', 'teacher', schoolA),
    colleague: await makeUser(mera.store, 'colleague@a.test', 'teacher', schoolA),
    elsewhere: await makeUser(mera.store, 'elsewhere@b.test', 'teacher', schoolB),
    cluster: await makeUser(mera.store, 'cluster@cluster.test', 'cluster-coordinator'),
  };
  for (const [k, u] of Object.entries(users)) ids[k] = u._id;
  [coordinator, first, second, colleague, elsewhere, cluster] = await Promise.all(
    Object.values(users).map((u) => signedInBrowser(mera, u.email)),
  );
});
afterAll(async () => {
  await mera.close();
});

/** An open campaign of a school form in schools A and B, with the link token of each. */
async function formCampaign(instrumentId: string, fields: Record<string, unknown> = {}) {
  const compiled = await getInstrument(mera.store, instrumentId);
  const campaign = await mera.store.collection(campaignsCollection).insertOne({
    title: { default: instrumentId, en: instrumentId },
    instrumentId,
    instrumentVersion: compiled.instrument.version,
    audience: 'school-coordinators',
    schoolIds: [schoolA, schoolB],
    status: 'open',
    opensOn: '2026-01-01',
    closesOn: '2099-12-31',
    demo: false,
    createdAt: new Date(),
    ...fields,
  });
  const secret = await linkSecret(mera.store, mera.config.secret);
  const tokens: Record<string, string> = {};
  for (const schoolId of [schoolA, schoolB]) {
    const _id = newId();
    tokens[schoolId] = linkToken(secret, _id);
    await mera.store
      .collection(linksCollection)
      .insertOne({ _id, campaignId: campaign._id, schoolId, tokenHash: tokenHash(tokens[schoolId]) });
  }
  return { id: campaign._id, tokens };
}

const items = [
  'int_e_planning',
  'int_kim_catalogue',
  'int_personal_results',
  'int_metasubject_kim',
  'int_subject_results',
  'int_results_analysis',
  'int_class_portfolio',
  'int_self_evaluation',
  'ext_kim_catalogue',
  'ext_results_analysis',
  'ext_noko',
];
/** A checklist answering `planning` to its first item and «нет» to the rest. */
const checklist = (planning: 'yes' | 'no') =>
  Object.fromEntries(
    items.flatMap((q, i) =>
      i === 0 && planning === 'yes'
        ? [
            [q, 'yes'],
            [`${q}_evidence`, 'https://school.example/plan'],
          ]
        : [[q, 'no']],
    ),
  );

const formPath = (campaignId: string, schoolId: string) => `/api/school-forms/${campaignId}/${schoolId}`;
const put = (b: Browser, path: string, body: unknown) =>
  b.agent
    .put(path)
    .set('x-csrf-token', b.csrf)
    .send(body as object);
const post = (b: Browser, path: string, body: unknown) =>
  b.agent
    .post(path)
    .set('x-csrf-token', b.csrf)
    .send(body as object);
const stored = (campaignId: string) => mera.store.collection(responsesCollection).find({ campaignId });
const planningValue = async (campaignId: string) => {
  const res = await cluster.agent.get(`/api/results/campaigns/${campaignId}`).expect(200);
  return res.body.indicators.find((i: { id: string }) => i.id === 'chk_int_e_planning').cluster.value;
};

describe('the checklist, a school return', () => {
  let c: Awaited<ReturnType<typeof formCampaign>>;
  beforeAll(async () => {
    c = await formCampaign('school-checklist', { stage: 'october' });
  });

  test('sent through its link without signing in: 401 with its code, and nothing is stored', async () => {
    for (const key of [undefined, 'anonymous-key-0123456789']) {
      const req = request(mera.app).post(`/api/links/${c.tokens[schoolA]}/responses`);
      if (key) req.set('Idempotency-Key', key);
      const res = await req.send({ answers: checklist('yes') });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('school_form.sign_in_required');
    }
    expect(await stored(c.id)).toHaveLength(0);
    expect(await mera.store.collection(schoolFormRevisionsCollection).countDocuments({ campaignId: c.id })).toBe(0);
    // The form's own API asks to sign in too.
    expect((await request(mera.app).get(`/api/school-forms/link/${c.tokens[schoolA]}`)).body.error.code).toBe('auth.required');
  });

  test("the coordinator names the working group from the school's staff; nobody else may", async () => {
    const group = `${formPath(c.id, schoolA)}/group`;
    const offered = await coordinator.agent.get(group).expect(200);
    expect(offered.body.members).toEqual([]);
    expect(offered.body.candidates.map((u: { id: string }) => u.id)).toEqual(
      expect.arrayContaining([ids.first, ids.second, ids.colleague]),
    );
    expect(offered.body.candidates.map((u: { id: string }) => u.id)).not.toContain(ids.elsewhere);
    const stranger = await put(coordinator, group, { userIds: [ids.first, ids.elsewhere] });
    expect(stranger.status).toBe(400);
    expect(stranger.body.error).toMatchObject({ code: 'school_form.not_in_school', field: 'userIds' });
    expect((await put(first, group, { userIds: [ids.first] })).status).toBe(403);
    expect((await put(coordinator, group, { userIds: [ids.first, ids.second] })).body.members).toEqual([ids.first, ids.second]);
    // Each member has the form as a task, with the school's page.
    const tasks = (await first.agent.get('/api/my/tasks').expect(200)).body.tasks;
    expect(tasks).toEqual(expect.arrayContaining([expect.objectContaining({ campaignId: c.id, kind: 'school-form', status: 'to-do' })]));
    expect(
      (await colleague.agent.get('/api/my/tasks').expect(200)).body.tasks.some((t: { campaignId: string }) => t.campaignId === c.id),
    ).toBe(false);
  });

  test('two members fill one draft: each save names the draft it was based on, and a stale save gets 409 with the current draft', async () => {
    const draft = `${formPath(c.id, schoolA)}/draft`;
    expect((await put(first, draft, { answers: { int_e_planning: 'no' }, basedOn: 0 })).body).toEqual({ revision: 1 });
    // The second member, on another device, resumes the first one's draft.
    const seen = (await second.agent.get(`/api/school-forms/link/${c.tokens[schoolA]}`).expect(200)).body;
    expect(seen).toMatchObject({
      access: 'fill',
      editable: true,
      draftRevision: 1,
      draft: { answers: { int_e_planning: 'no' }, updatedBy: { name: 'first' } },
    });
    expect((await put(second, draft, { answers: { int_e_planning: 'yes' }, basedOn: 1 })).body).toEqual({ revision: 2 });
    const stale = await put(first, draft, { answers: { int_e_planning: 'partly' }, basedOn: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: 'school_form.draft_conflict',
      field: 'basedOn',
      details: { draftRevision: 2, draft: { answers: { int_e_planning: 'yes' }, updatedBy: { name: 'second' } } },
    });
    // Outsiders may neither read nor save it.
    expect((await put(colleague, draft, { answers: {}, basedOn: 2 })).status).toBe(403);
    expect((await elsewhere.agent.get(formPath(c.id, schoolA))).status).toBe(403);
  });

  test('«Готово» sends the first revision, recording who sent it; the indicator counts it', async () => {
    const sent = await post(second, `${formPath(c.id, schoolA)}/revisions`, { answers: checklist('yes'), basedOn: 0 });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ received: true, revision: 1 });
    await post(coordinator, `${formPath(c.id, schoolB)}/revisions`, { answers: checklist('no'), basedOn: 0 }).expect(403);
    const state = (await coordinator.agent.get(formPath(c.id, schoolA)).expect(200)).body;
    expect(state).toMatchObject({ draft: null, submitted: { revision: 1, by: { userId: ids.second, name: 'second' } } });
    expect(state.revisions).toEqual([expect.objectContaining({ revision: 1, by: { userId: ids.second, name: 'second' } })]);
    expect(await stored(c.id)).toHaveLength(1);
    // The anonymous response holds no name; the revision does.
    expect(JSON.stringify(await stored(c.id))).not.toContain(ids.second);
    // One of the campaign's two schools has sent «да»: 50 %.
    expect(await planningValue(c.id)).toBe(50);
  });

  test('a correction while open: a reason is asked, a stale one is refused, then a new revision, the earlier kept, an audit entry, the indicator changed', async () => {
    const revisions = `${formPath(c.id, schoolA)}/revisions`;
    const noReason = await post(coordinator, revisions, { answers: checklist('no'), basedOn: 1 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error).toMatchObject({ code: 'school_form.reason_required', field: 'reason' });
    const stale = await post(coordinator, revisions, { answers: checklist('no'), basedOn: 0, reason: 'Опечатка' });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'school_form.stale', field: 'basedOn' });
    const corrected = await post(coordinator, revisions, { answers: checklist('no'), basedOn: 1, reason: 'План ещё не утверждён' });
    expect(corrected.status).toBe(201);
    expect(corrected.body.revision).toBe(2);

    const state = (await coordinator.agent.get(formPath(c.id, schoolA)).expect(200)).body;
    expect(state.revisions.map((r: { revision: number; by: { name: string } }) => [r.revision, r.by.name])).toEqual([
      [1, 'second'],
      [2, 'coordinator'],
    ]);
    expect(state.submitted).toMatchObject({ revision: 2, answers: { int_e_planning: 'no' } });
    expect(await stored(c.id)).toHaveLength(1);
    const audit = (await cluster.agent.get(`/api/campaigns/${c.id}/audit`).expect(200)).body.entries;
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'form-corrected',
        schoolId: schoolA,
        reason: 'План ещё не утверждён',
        actor: { kind: 'user', userId: ids.coordinator, name: 'coordinator' },
        changes: expect.arrayContaining([
          { field: 'int_e_planning', before: 'yes', after: 'no' },
          { field: 'int_e_planning_evidence', before: 'https://school.example/plan', after: null },
        ]),
      }),
    );
    expect(await planningValue(c.id)).toBe(0);
    const changes = (await cluster.agent.get(`/api/school-forms/${c.id}/changes`).expect(200)).body.changes;
    expect(changes[schoolA]).toEqual(expect.arrayContaining(['int_e_planning']));
  });

  test('after the campaign closes the school cannot change it; only the cluster coordinator reopens one school\u2019s form, for one correction', async () => {
    await post(cluster, `/api/campaigns/${c.id}/close`, {}).expect(200);
    const revisions = `${formPath(c.id, schoolA)}/revisions`;
    const closed = await post(coordinator, revisions, { answers: checklist('yes'), basedOn: 2, reason: 'Утвердили план' });
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('school_form.closed');
    expect((await put(first, `${formPath(c.id, schoolA)}/draft`, { answers: {}, basedOn: 3 })).body.error.code).toBe('school_form.closed');
    expect((await post(coordinator, `${formPath(c.id, schoolA)}/reopen`, { reason: 'Хотим исправить' })).status).toBe(403);
    expect((await post(cluster, `${formPath(c.id, schoolB)}/reopen`, {})).body.error.code).toBe('school_form.not_submitted');
    await post(cluster, `${formPath(c.id, schoolA)}/reopen`, { reason: 'Школа утвердила план после закрытия' }).expect(200);
    expect((await coordinator.agent.get(formPath(c.id, schoolA)).expect(200)).body).toMatchObject({ window: 'reopened', editable: true });
    await post(coordinator, revisions, { answers: checklist('yes'), basedOn: 2, reason: 'Утвердили план' }).expect(201);
    expect(await planningValue(c.id)).toBe(50);
    const again = await post(coordinator, revisions, { answers: checklist('no'), basedOn: 3, reason: 'Ещё раз' });
    expect(again.body.error.code).toBe('school_form.closed');
    const audit = (await cluster.agent.get(`/api/campaigns/${c.id}/audit`).expect(200)).body.entries;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['form-reopened', 'form-corrected']));
  });
});

test("a school form's poster speaks of the school's return, not of anonymity", async () => {
  const c = await formCampaign('school-checklist', { stage: 'january' });
  const links = (await cluster.agent.get(`/api/campaigns/${c.id}/links`).expect(200)).body.links;
  const res = await cluster.agent.get(links[0].poster).buffer(true).parse(binary).expect(200);
  const text = pdfText(res.body as Buffer).text.replace(/\s+/g, ' ');
  expect(text).toContain('Отчётность школы');
  expect(text).toContain('не анонимный опрос');
  expect(text).not.toMatch(/Опрос анонимный|не сохраняем, кто ответил/);
});

describe('the monitoring form: numbers typed the Russian way', () => {
  test('«1 300» with a no-break space is 1300 and the grade bands check holds; «1.300» is refused as ambiguous', async () => {
    const m = await formCampaign('school-monitoring', { reportingYear: '2031/32' });
    const revisions = `${formPath(m.id, schoolA)}/revisions`;
    const ambiguous = await post(coordinator, revisions, { answers: { ...validMonitoringAnswers(), enrol_total: '1.300' }, basedOn: 0 });
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.error).toMatchObject({ code: 'response.ambiguous_number', field: 'enrol_total' });
    const tooFew = await post(coordinator, revisions, { answers: { ...validMonitoringAnswers(), enrol_total: '600' }, basedOn: 0 });
    expect(tooFew.body.error).toMatchObject({ code: 'response.invalid', field: 'enrol_g10_11' });
    expect(await stored(m.id)).toHaveLength(0);
    await post(coordinator, revisions, {
      answers: { ...validMonitoringAnswers(), enrol_total: '1\u00a0300', enrol_g5_6: '170' },
      basedOn: 0,
    }).expect(201);
    expect((await stored(m.id))[0].answers).toMatchObject({ enrol_total: 1300, enrol_g5_6: 170 });
    // Corrected with a narrow no-break space and a decimal comma elsewhere: the same reading.
    await post(coordinator, revisions, {
      answers: { ...validMonitoringAnswers(), enrol_total: '1\u202f300' },
      basedOn: 1,
      reason: 'Проверка',
    }).expect(201);
    expect((await stored(m.id))[0].answers.enrol_total).toBe(1300);
  });
});
