// The results API over real HTTP on a real embedded store: answers go in through the respondents'
// links, rollups are rebuilt from them, and the indicator table comes out with targets, n,
// changes and the minimum group applied.
import request from 'supertest';
import { rebuildRollups, recordResponse } from '../../server/analytics/rollups';
import type { CampaignResults, IndicatorResult } from '../../server/analytics/results';
import { campaignsCollection } from '../../server/campaigns/data';
import { responsesCollection } from '../../server/responses/data';
import { schoolsCollection } from '../../server/schools/data';
import { getInstrument } from '../../server/surveys/catalogue';
import { clusterSchools } from '../../seeds/schools';
import { teacherAnswers, validMonitoringAnswers } from '../support/answers';
import { answerThroughLink, campaignWithLinks, staffAnswers } from '../support/results';
import { startMera, TestMera } from '../support/mera';
import { makeUser, PASSWORD, signedInBrowser } from '../support/accounts';
import { createUser } from '../../server/accounts/service';

const adminToken = 'results-admin-token-0123456789';
const auth = { Authorization: `Bearer ${adminToken}` };
let mera: TestMera;
let schoolIds: string[];

beforeEach(async () => {
  mera = await startMera({ config: { adminToken, minGroupSize: 5 } });
  schoolIds = (await mera.store.collection(schoolsCollection).insertMany(clusterSchools)).map((s) => s._id);
});

afterEach(async () => {
  await mera.close();
});

const today = () => new Date().toISOString().slice(0, 10);

/** A campaign of an instrument (current edition) in the given schools, with a link token per school. */
const campaignOf = (instrumentId: string, schools: string[], opensOn = '2026-01-01', status: 'open' | 'closed' = 'open') =>
  campaignWithLinks(mera, instrumentId, schools, { opensOn, status });
const answer = (token: string, answers: Record<string, unknown>) => answerThroughLink(mera, token, answers);

async function results(campaignId: string, query = ''): Promise<CampaignResults> {
  const res = await request(mera.app).get(`/api/results/campaigns/${campaignId}${query}`).set(auth);
  expect(res.status).toBe(200);
  return res.body;
}

const indicator = (r: CampaignResults, id: string) => r.indicators.find((i) => i.id === id) as IndicatorResult;
const schoolValue = (i: IndicatorResult, schoolId: string) => i.schools.find((s) => s.schoolId === schoolId)!.value;

const staff = (sat: number, role = 'teacher') => staffAnswers(role, sat);

describe('GET /api/results/campaigns/:id', () => {
  it('without the administrator token answers 401 and names the authorization header', async () => {
    const { id } = await campaignOf('staff-effectiveness', schoolIds.slice(0, 2));
    const res = await request(mera.app).get(`/api/results/campaigns/${id}`);
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: 'admin.unauthorised', field: 'authorization' });
  });

  it('for an unknown campaign answers 404 naming "id"; an unknown filter answers 400 naming it', async () => {
    const missing = await request(mera.app).get('/api/results/campaigns/nope').set(auth);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'campaign.not_found', field: 'id' });
    const { id } = await campaignOf('staff-effectiveness', schoolIds.slice(0, 2));
    const bad = await request(mera.app).get(`/api/results/campaigns/${id}?colour=red`).set(auth);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'request.invalid', field: 'colour' });
    const operator = await request(mera.app).get(`/api/results/campaigns/${id}?school[$ne]=x`).set(auth);
    expect(operator.status).toBe(400);
  });

  it('staff satisfaction at exactly 80% in a school is not met, the cluster above 80% is, with the change from the previous campaign and the trend', async () => {
    const [a, c] = schoolIds;
    // The previous campaign of the same instrument: school A at 50%.
    const previous = await campaignOf('staff-effectiveness', [a, c], '2025-01-10', 'closed');
    const compiled = await getInstrument(mera.store, 'staff-effectiveness');
    for (let i = 0; i < 10; i++) {
      const stored = await mera.store.collection(responsesCollection).insertOne({
        campaignId: previous.id,
        schoolId: a,
        instrumentId: 'staff-effectiveness',
        instrumentVersion: compiled.instrument.version,
        respondentType: 'teacher',
        day: '2025-01-20',
        answers: staff(i < 5 ? 5 : 2),
      });
      await recordResponse(mera.store, stored);
    }
    const current = await campaignOf('staff-effectiveness', [a, c], today());
    for (let i = 0; i < 10; i++) await answer(current.tokens.get(a)!, staff(i < 8 ? 4 : 3));
    for (let i = 0; i < 5; i++) await answer(current.tokens.get(c)!, staff(5));
    await rebuildRollups(mera.store, current.id);

    const r = await results(current.id);
    expect(r.previousCampaign?.id).toBe(previous.id);
    expect(r.minGroupSize).toBe(5);
    const satisfaction = indicator(r, 'staff_satisfaction_digital');
    // Cluster: 13 of 15 = 86.7% > 80; the previous campaign's cluster was 5 of 10 = 50%.
    expect(satisfaction.cluster).toMatchObject({
      value: 86.7,
      n: 15,
      met: true,
      // Over the same schools (issue 26): only A answered both times, 80% against 50%.
      change: 30,
      changeOver: { schools: 1, sameSchools: false },
      target: { op: '>', value: 80 },
      suppressed: false,
    });
    // School A: 8 of 10 = exactly 80%: "above 80%" is not met; it was 50%.
    expect(schoolValue(satisfaction, a)).toMatchObject({ value: 80, n: 10, met: false, change: 30, suppressed: false });
    // School C: exactly the minimum group (5): shown.
    expect(schoolValue(satisfaction, c)).toMatchObject({ value: 100, n: 5, met: true, suppressed: false });
    // The trend over the campaigns of the instrument, oldest first.
    expect(r.history.map((h) => h.id)).toEqual([previous.id, current.id]);
    expect(satisfaction.trend).toEqual({
      cluster: [50, 86.7],
      schools: [
        { schoolId: a, values: [50, 80] },
        { schoolId: c, values: [null, 100] },
      ],
      // School C did not take part before: a missing point, not a withheld one.
      suppressed: {
        cluster: [false, false],
        schools: [
          { schoolId: a, values: [false, false] },
          { schoolId: c, values: [false, false] },
        ],
      },
    });
  });

  it('a school with four respondents is withheld as "too few answers" and counts in no total until it has five, so the cluster cannot give it away', async () => {
    const [a, b, c] = schoolIds;
    const current = await campaignOf('staff-effectiveness', [a, b, c], today());
    for (let i = 0; i < 10; i++) await answer(current.tokens.get(a)!, staff(4));
    for (let i = 0; i < 4; i++) await answer(current.tokens.get(b)!, staff(1));
    for (let i = 0; i < 5; i++) await answer(current.tokens.get(c)!, staff(5));
    await rebuildRollups(mera.store, current.id);
    const satisfaction = indicator(await results(current.id), 'staff_satisfaction_digital');
    expect(schoolValue(satisfaction, b)).toEqual({
      value: null,
      n: 4,
      target: { op: '>', value: 80 },
      met: null,
      change: null,
      suppressed: true,
      withheld: 'too_few',
    });
    // Its answers are in no published value (disclosure control): the cluster is A and C's, the respondents live.
    expect(schoolValue(satisfaction, c)).toMatchObject({ value: 100, n: 5, suppressed: false });
    expect(schoolValue(satisfaction, a)).toMatchObject({ value: 100, n: 10, suppressed: false });
    expect(satisfaction.cluster).toMatchObject({ value: 100, n: 15, met: true });
  });

  it("role splits: two administrators are withheld and counted in no value until they are five; the teachers' values stay", async () => {
    const [a] = schoolIds;
    const current = await campaignOf('staff-effectiveness', [a], today());
    for (let i = 0; i < 2; i++) await answer(current.tokens.get(a)!, staff(5, 'admin'));
    for (let i = 0; i < 8; i++) await answer(current.tokens.get(a)!, staff(4));
    await rebuildRollups(mera.store, current.id);
    const satisfaction = indicator(await results(current.id), 'staff_satisfaction_digital');
    expect(satisfaction.cluster).toMatchObject({ value: 100, n: 8 });
    const roles = Object.fromEntries(satisfaction.roles!.map((r) => [r.role, r]));
    expect(roles.admin.cluster).toMatchObject({ n: 2, suppressed: true, value: null, withheld: 'too_few' });
    expect(roles.teacher.cluster).toMatchObject({ n: 8, suppressed: false, value: 100 });
    expect(schoolValue(roles.admin as never, a)).toMatchObject({ suppressed: true, withheld: 'too_few' });
  });

  it('the checklist over nine schools: eight «да» and one school without a form is 88.9%, not met, and the missing school is listed; all nine meet it', async () => {
    const checklist = await campaignOf('school-checklist', schoolIds, today());
    const questions = [
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
    // Version 2 asks for evidence of every «да».
    const form = (first: string) =>
      Object.fromEntries(
        questions.flatMap((q, i) =>
          i === 0
            ? [
                [q, first],
                [`${q}_evidence`, 'https://school.example/plan'],
              ]
            : [[q, 'no']],
        ),
      );
    for (const [i, s] of schoolIds.slice(0, 8).entries()) await answer(checklist.tokens.get(s)!, form(i === 0 ? 'partly' : 'yes'));
    await rebuildRollups(mera.store, checklist.id);
    const r = await results(checklist.id);
    expect(r.indicators.filter((i) => i.kind === 'share-of-schools')).toHaveLength(11);
    let planning = indicator(r, 'chk_int_e_planning');
    // 7 «да» of 9 (one «частично», one without a form): 77.8%; «да» + «частично» 8 of 9.
    expect(planning.cluster).toMatchObject({
      value: 77.8,
      n: 9,
      met: false,
      yesOrPartly: 88.9,
      missing: [schoolIds[8]],
      schoolsNeeded: 9,
      suppressed: false,
    });
    expect(schoolValue(planning, schoolIds[0])).toMatchObject({ value: 0, answer: 'partly', met: false, n: 1, suppressed: false });

    await answer(checklist.tokens.get(schoolIds[8])!, form('yes'));
    await rebuildRollups(mera.store, checklist.id);
    planning = indicator(await results(checklist.id), 'chk_int_e_planning');
    expect(planning.cluster).toMatchObject({ value: 88.9, met: false, missing: [] });

    // The school that said «частично» sends a new form on a later day: its latest counts, all nine meet 90%.
    const stored = await mera.store.collection(responsesCollection).findOne({ campaignId: checklist.id, schoolId: schoolIds[0] });
    const later = await mera.store
      .collection(responsesCollection)
      .insertOne({ ...stored!, _id: undefined as never, day: '2099-01-01', answers: form('yes') });
    await recordResponse(mera.store, later);
    planning = indicator(await results(checklist.id), 'chk_int_e_planning');
    expect(planning.cluster).toMatchObject({ value: 100, n: 9, met: true, notMeeting: [] });
  });

  it('the teacher diagnostic gives level shares per area, the seminar plan with numbers per school, "can teach others" and alpha', async () => {
    const [a, b] = schoolIds;
    const diagnostic = await campaignOf('teacher-deficit', [a, b], today());
    const compiled = await getInstrument(mera.store, 'teacher-deficit');
    const knowledge = (best: boolean) => {
      const chosen: Record<string, string> = {};
      for (const ranges of compiled.scoringItems!.values()) {
        for (const r of ranges) {
          if (!r.points) continue;
          const sorted = Object.entries(r.points).sort((x, y) => x[1] - y[1]);
          chosen[r.question] = (best ? sorted[sorted.length - 1] : sorted[0])[0];
        }
      }
      return chosen;
    };
    // Five teachers in each school: teachers' diagnostics are protected by the minimum group too.
    for (let i = 0; i < 5; i++) await answer(diagnostic.tokens.get(a)!, teacherAnswers(1, knowledge(false)));
    for (let i = 0; i < 5; i++) await answer(diagnostic.tokens.get(b)!, teacherAnswers(4, knowledge(true)));
    await rebuildRollups(mera.store, diagnostic.id);
    const r = await results(diagnostic.id);
    expect(r.minGroupSize).toBe(5);
    const planning = r.deficits!.areas.find((x) => x.area === 'e_planning')!;
    expect(planning.cluster).toMatchObject({
      n: 10,
      suppressed: false,
      levels: { deficit: { count: 5, share: 50 }, expert: { count: 5, share: 50 } },
    });
    expect(planning.schools.find((s) => s.schoolId === b)).toMatchObject({ n: 5, levels: { expert: { count: 5, share: 100 } } });
    expect(planning.canTeachOthers).toBe(5);
    // Every item moves together (0 for five teachers, full marks for five): alpha is 1.
    expect(planning.alpha).toEqual({ value: 1, n: 10 });
    // The area's level from pooled points: 5 × 0 of 15 and 5 × 15 of 15 is 75 of 150 = 50.0, basic (school b alone: 100).
    expect(planning.cluster.pooled).toEqual({ earned: 75, possible: 150, score: 50, level: 'basic' });
    expect(planning.schools.find((s) => s.schoolId === b)!.pooled).toEqual({ earned: 75, possible: 75, score: 100, level: 'expert' });
    expect(r.deficits!.seminarPlan).toHaveLength(8);
    expect(r.deficits!.seminarPlan[0]).toMatchObject({
      teachersInDeficit: 5,
      perSchool: [
        { schoolId: a, teachersInDeficit: 5 },
        { schoolId: b, teachersInDeficit: 0 },
      ],
    });

    const onlyB = await results(diagnostic.id, `?school=${b}`);
    expect(onlyB.schools.map((s) => s.id)).toEqual([b]);
    expect(onlyB.deficits!.seminarPlan[0].perSchool).toEqual([{ schoolId: b, teachersInDeficit: 0 }]);
    expect(onlyB.deficits!.areas[0].cluster.n).toBe(10);
  });

  it('monitoring: the cluster mean, each school\u2019s difference from it, and admitted to profile universities over graduates', async () => {
    const [a, b] = schoolIds;
    const monitoring = await campaignOf('school-monitoring', [a, b], today());
    const form = (grads: Record<string, number>) => ({ ...validMonitoringAnswers(), ...grads });
    await answer(monitoring.tokens.get(a)!, form({ grads_total: 50, grads_universities: 40, grads_profile_universities: 20 }));
    await answer(monitoring.tokens.get(b)!, form({ grads_total: 30, grads_universities: 25, grads_profile_universities: 15 }));
    await rebuildRollups(mera.store, monitoring.id);
    const r = await results(monitoring.id);
    const grads = indicator(r, 'mon_grads_total');
    expect(grads.cluster).toMatchObject({ value: 40, n: 2, suppressed: false });
    expect(schoolValue(grads, a)).toMatchObject({ value: 50, difference: 10 });
    const share = indicator(r, 'mon_grads_profile_share');
    expect(share.cluster).toMatchObject({ value: 43.8, n: 2 });
    expect(schoolValue(share, b)).toMatchObject({ value: 50 });
  });

  it('on the seeded demo cluster, after a rebuild, every campaign answers with its indicators, and the checklist lists as missing exactly the schools without a form', async () => {
    const demo = await startMera({ seed: true, config: { adminToken } });
    try {
      await rebuildRollups(demo.store);
      const campaigns = await demo.store.collection(campaignsCollection).find({});
      for (const campaign of campaigns) {
        const res = await request(demo.app).get(`/api/results/campaigns/${campaign._id}`).set(auth);
        expect(res.status).toBe(200);
        const body: CampaignResults = res.body;
        expect(body.indicators.length + (body.deficits ? body.deficits.areas.length : 0)).toBeGreaterThan(0);
        expect(body.respondents).toBe(
          campaign.instrumentId.startsWith('school-')
            ? new Set((await demo.store.collection(responsesCollection).find({ campaignId: campaign._id })).map((r) => r.schoolId)).size
            : await demo.store.collection(responsesCollection).countDocuments({ campaignId: campaign._id }),
        );
        if (campaign.instrumentId === 'school-checklist') {
          const answered = new Set(
            (await demo.store.collection(responsesCollection).find({ campaignId: campaign._id })).map((r) => r.schoolId),
          );
          const planning = indicator(body, 'chk_int_e_planning');
          expect(planning.cluster.missing).toEqual(campaign.schoolIds.filter((s) => !answered.has(s)));
          expect(planning.cluster.n).toBe(9);
        }
      }
    } finally {
      await demo.close();
    }
  });

  it('the trend marks a point withheld in an earlier campaign as suppressed, apart from a school that did not answer', async () => {
    const [a, b, c] = schoolIds;
    const earlier = await campaignOf('staff-effectiveness', [a, b, c], '2025-01-10');
    for (let i = 0; i < 6; i++) await answer(earlier.tokens.get(a)!, staff(5));
    for (let i = 0; i < 3; i++) await answer(earlier.tokens.get(b)!, staff(5));
    await rebuildRollups(mera.store, earlier.id);
    const current = await campaignOf('staff-effectiveness', [a, b, c], today());
    for (let i = 0; i < 6; i++) await answer(current.tokens.get(a)!, staff(4));
    for (let i = 0; i < 6; i++) await answer(current.tokens.get(b)!, staff(4));
    await rebuildRollups(mera.store, current.id);
    const trend = indicator(await results(current.id), 'staff_satisfaction_digital').trend!;
    expect(trend.cluster).toEqual([100, 100]);
    // B had three respondents: withheld, and counted in no total (so A, beside it, is shown).
    expect(trend.schools).toEqual([
      { schoolId: a, values: [100, 100] },
      { schoolId: b, values: [null, 100] },
      { schoolId: c, values: [null, null] },
    ]);
    expect(trend.suppressed.schools).toEqual([
      { schoolId: a, values: [false, false] },
      { schoolId: b, values: [true, false] },
      { schoolId: c, values: [false, false] },
    ]);
  });
});

describe('filters of the results', () => {
  it("role=admin gives only the administration's answers, with the change from the administration before; the teachers' likewise", async () => {
    const [a, b] = schoolIds;
    const earlier = await campaignOf('staff-effectiveness', [a, b], '2025-01-10');
    for (let i = 0; i < 5; i++) await answer(earlier.tokens.get(a)!, staff(2, 'admin'));
    for (let i = 0; i < 5; i++) await answer(earlier.tokens.get(a)!, staff(5));
    await rebuildRollups(mera.store, earlier.id);
    const current = await campaignOf('staff-effectiveness', [a, b], today());
    for (const s of [a, b]) for (let i = 0; i < 6; i++) await answer(current.tokens.get(s)!, staff(5, 'admin'));
    for (let i = 0; i < 6; i++) await answer(current.tokens.get(a)!, staff(2));
    for (let i = 0; i < 6; i++) await answer(current.tokens.get(b)!, staff(5));
    await rebuildRollups(mera.store, current.id);

    const pooled = await results(current.id);
    expect(pooled.filters).toEqual({ schoolId: null, role: null });
    expect(pooled.roles.map((r) => r.id)).toEqual(['admin', 'teacher']);
    // The change is over the same schools (issue 26): only A answered before, 50% then and now.
    expect(indicator(pooled, 'staff_satisfaction_digital').cluster).toMatchObject({
      value: 75,
      n: 24,
      change: 0,
      changeOver: { schools: 1, sameSchools: false },
    });

    const admins = await results(current.id, '?role=admin');
    expect(admins.filters).toEqual({ schoolId: null, role: 'admin' });
    expect(admins.respondents).toBe(12);
    const adminSatisfaction = indicator(admins, 'staff_satisfaction_digital');
    // 12 of 12 administrators; before, 0 of 5.
    expect(adminSatisfaction.cluster).toMatchObject({ value: 100, n: 12, met: true, change: 100 });
    expect(schoolValue(adminSatisfaction, a)).toMatchObject({ value: 100, n: 6, change: 100 });
    expect(adminSatisfaction.trend!.cluster).toEqual([0, 100]);

    const teachers = await results(current.id, `?role=teacher&school=${a}`);
    const teacherSatisfaction = indicator(teachers, 'staff_satisfaction_digital');
    // Over the same schools: A's teachers only (B had none before), 0% against 100%.
    expect(teacherSatisfaction.cluster).toMatchObject({ value: 50, n: 12, met: false, change: -100 });
    expect(teacherSatisfaction.schools).toEqual([{ schoolId: a, value: expect.objectContaining({ value: 0, n: 6, change: -100 }) }]);
  });

  it('a role the campaign does not have answers 400 naming "role", and so does any role for a survey without roles', async () => {
    const staffCampaign = await campaignOf('staff-effectiveness', schoolIds.slice(0, 1), today());
    const parents = await campaignOf('parent-survey', schoolIds.slice(0, 1), today());
    for (const [id, role] of [
      [staffCampaign.id, 'pupil'],
      [parents.id, 'admin'],
    ]) {
      const res = await request(mera.app).get(`/api/results/campaigns/${id}?role=${role}`).set(auth);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'results.role_unknown', field: 'role' });
    }
  });

  it('the campaign list filters by school year and by respondent type, and says each campaign\'s; a bad year answers 400 naming "year"', async () => {
    const staffCampaign = await campaignOf('staff-effectiveness', schoolIds.slice(0, 2), '2025-10-01');
    const parents = await campaignOf('parent-survey', schoolIds.slice(0, 2), '2025-03-01', 'closed');
    const list = async (query: string) => {
      const res = await request(mera.app).get(`/api/results/campaigns${query}`).set(auth);
      expect(res.status).toBe(200);
      return res.body.campaigns as { id: string; schoolYear: string; respondentType: string }[];
    };
    expect(await list('')).toEqual([
      expect.objectContaining({ id: staffCampaign.id, schoolYear: '2025/26', respondentType: 'teacher' }),
      expect.objectContaining({ id: parents.id, schoolYear: '2024/25', respondentType: 'parent' }),
    ]);
    expect((await list('?year=2024/25')).map((c) => c.id)).toEqual([parents.id]);
    expect((await list('?respondentType=teacher')).map((c) => c.id)).toEqual([staffCampaign.id]);
    expect(await list('?year=2025/26&respondentType=parent')).toEqual([]);
    const bad = await request(mera.app).get('/api/results/campaigns?year=2025').set(auth);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'request.invalid', field: 'year' });
    const unknown = await request(mera.app).get('/api/results/campaigns?respondentType=robot').set(auth);
    expect(unknown.body.error).toMatchObject({ field: 'respondentType' });
  });

  it("the indicator export takes the role filter too: the CSV holds the administration's value", async () => {
    const [a] = schoolIds;
    const current = await campaignOf('staff-effectiveness', [a], today());
    for (let i = 0; i < 5; i++) await answer(current.tokens.get(a)!, staff(5, 'admin'));
    for (let i = 0; i < 5; i++) await answer(current.tokens.get(a)!, staff(1));
    await rebuildRollups(mera.store, current.id);
    const csv = await request(mera.app).get(`/api/results/campaigns/${current.id}/indicators.csv?role=admin`).set(auth);
    expect(csv.status).toBe(200);
    const row = csv.text.split('\r\n').find((line) => line.startsWith('Удовлетворенность'));
    expect(row?.split(';').slice(1, 5)).toEqual(['100', '> 80', 'да', '5']);
  });
});

describe("a school coordinator's results", () => {
  it("list only the campaigns their school takes part in, each with only their school; a cluster coordinator's list has every campaign", async () => {
    const [a, b, c] = schoolIds;
    const withA = await campaignOf('parent-survey', [a, b], '2025-10-01');
    const withoutA = await campaignOf('staff-effectiveness', [b, c], '2025-11-01');
    await makeUser(mera.store, 'coordinator.a@school.test', 'school-coordinator', a);
    await makeUser(mera.store, 'cluster@cluster.test', 'cluster-coordinator');
    const coordinator = await signedInBrowser(mera, 'coordinator.a@school.test');
    const cluster = await signedInBrowser(mera, 'cluster@cluster.test');
    const own = (await coordinator.agent.get('/api/results/campaigns').expect(200)).body.campaigns;
    expect(own).toEqual([expect.objectContaining({ id: withA.id, schoolIds: [a] })]);
    const all = (await cluster.agent.get('/api/results/campaigns').expect(200)).body.campaigns;
    expect(all.map((x: { id: string }) => x.id)).toEqual([withoutA.id, withA.id]);
    expect(all[1].schoolIds).toEqual([a, b]);
    await coordinator.agent.get(`/api/results/campaigns/${withoutA.id}`).expect(403);
  });

  it("give their school's value for every indicator next to the cluster's, with the filters saying which school", async () => {
    const [a, b] = schoolIds;
    const current = await campaignOf('staff-effectiveness', [a, b], today());
    for (let i = 0; i < 5; i++) await answer(current.tokens.get(a)!, staff(5));
    for (let i = 0; i < 5; i++) await answer(current.tokens.get(b)!, staff(1));
    await rebuildRollups(mera.store, current.id);
    await makeUser(mera.store, 'coordinator.a@school.test', 'school-coordinator', a);
    const coordinator = await signedInBrowser(mera, 'coordinator.a@school.test');
    const r: CampaignResults = (await coordinator.agent.get(`/api/results/campaigns/${current.id}`).expect(200)).body;
    expect(r.filters).toEqual({ schoolId: a, role: null });
    expect(r.schools.map((s) => s.id)).toEqual([a]);
    for (const i of r.indicators) expect(i.schools.map((s) => s.schoolId)).toEqual([a]);
    const satisfaction = indicator(r, 'staff_satisfaction_digital');
    expect(satisfaction.cluster).toMatchObject({ value: 50, n: 10 });
    expect(schoolValue(satisfaction, a)).toMatchObject({ value: 100, n: 5, met: true });
    expect(satisfaction.trend!.schools).toEqual([{ schoolId: a, values: [100] }]);
  });
});

describe('"can teach others" on the teacher diagnostic', () => {
  it("gives every reader the count per area and school (withheld under five teachers), and names only the teachers who shared their profile, only to their own school's coordinator", async () => {
    const [a, b] = schoolIds;
    const diagnostic = await campaignOf('teacher-deficit', [a, b], today());
    const compiled = await getInstrument(mera.store, 'teacher-deficit');
    const best: Record<string, string> = {};
    for (const ranges of compiled.scoringItems!.values()) {
      for (const r of ranges) if (r.points) best[r.question] = Object.entries(r.points).sort((x, y) => y[1] - x[1])[0][0];
    }
    const teachers = [
      { email: 'anna@a.test', name: 'Анна Белова', school: a, shares: true },
      { email: 'boris@a.test', name: 'Борис Волков', school: a, shares: false },
      { email: 'galina@a.test', name: 'Галина Дёмина', school: a, shares: false },
      { email: 'denis@a.test', name: 'Денис Ершов', school: a, shares: false },
      { email: 'elena@a.test', name: 'Елена Жукова', school: a, shares: false },
      { email: 'vera@b.test', name: 'Вера Гусева', school: b, shares: true },
    ];
    for (const t of teachers) {
      await createUser(mera.store, { email: t.email, role: 'teacher', schoolId: t.school, password: PASSWORD, name: t.name });
      const browser = await signedInBrowser(mera, t.email);
      await browser.agent
        .post(`/api/my/diagnostics/${diagnostic.id}/submission`)
        .set('x-csrf-token', browser.csrf)
        .send({ answers: teacherAnswers(4, best) })
        .expect(201);
      if (t.shares)
        await browser.agent.patch('/api/my/profile').set('x-csrf-token', browser.csrf).send({ shareWithCoordinator: true }).expect(200);
    }
    await rebuildRollups(mera.store, diagnostic.id);
    await makeUser(mera.store, 'coordinator.a@school.test', 'school-coordinator', a);
    await makeUser(mera.store, 'cluster@cluster.test', 'cluster-coordinator');
    const area = (r: CampaignResults) => r.deficits!.areas.find((x) => x.area === 'e_planning')!;

    const own: CampaignResults = (
      await (await signedInBrowser(mera, 'coordinator.a@school.test')).agent.get(`/api/results/campaigns/${diagnostic.id}`).expect(200)
    ).body;
    // School b's one teacher counts in no value (fewer than five): the cluster's count is school a's.
    expect(area(own).canTeachOthers).toBe(5);
    expect(area(own).canTeachOthersBySchool).toEqual([{ schoolId: a, count: 5, sharedNames: ['Анна Белова'] }]);

    const cluster: CampaignResults = (
      await (await signedInBrowser(mera, 'cluster@cluster.test')).agent.get(`/api/results/campaigns/${diagnostic.id}`).expect(200)
    ).body;
    expect(area(cluster).canTeachOthersBySchool).toEqual([
      { schoolId: a, count: 5 },
      { schoolId: b, count: null },
    ]);
    expect(JSON.stringify(cluster)).not.toContain('Вера');
    const administrator = await results(diagnostic.id, `?school=${b}`);
    expect(JSON.stringify(administrator)).not.toContain('Вера');
  });
});
