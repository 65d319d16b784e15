// Version 2 of the parent and staff surveys over real HTTP: parent satisfaction is an informative
// share (no target, so no "met"), and «Не участвую» on a stage of the staff matrix is a valid answer.
import request from 'supertest';
import { rebuildRollups } from '../../server/analytics/rollups';
import type { CampaignResults } from '../../server/analytics/results';
import { campaignsCollection, linksCollection } from '../../server/campaigns/data';
import { linkSecret, linkToken, tokenHash } from '../../server/campaigns/links';
import { responsesCollection } from '../../server/responses/data';
import { schoolsCollection } from '../../server/schools/data';
import { newId } from '../../server/store';
import { getInstrument } from '../../server/surveys/catalogue';
import { clusterSchools } from '../../seeds/schools';
import { validParentAnswers } from '../support/answers';
import { startMera, TestMera } from '../support/mera';

const adminToken = 'informative-admin-token-0123456789';
let mera: TestMera;
let schoolId: string;

beforeAll(async () => {
  mera = await startMera({ config: { adminToken, minGroupSize: 5 } });
  schoolId = (await mera.store.collection(schoolsCollection).insertMany(clusterSchools))[0]._id;
});

afterAll(async () => {
  await mera.close();
});

async function campaignOf(instrumentId: string) {
  const compiled = await getInstrument(mera.store, instrumentId);
  const campaign = await mera.store.collection(campaignsCollection).insertOne({
    title: { default: instrumentId, en: instrumentId },
    instrumentId,
    instrumentVersion: compiled.instrument.version,
    schoolIds: [schoolId],
    status: 'open',
    opensOn: '2026-01-01',
    closesOn: '2099-12-31',
    demo: false,
    createdAt: new Date(),
  });
  const _id = newId();
  const token = linkToken(await linkSecret(mera.store, mera.config.secret), _id);
  await mera.store.collection(linksCollection).insertOne({ _id, campaignId: campaign._id, schoolId, tokenHash: tokenHash(token) });
  return { id: campaign._id, token, version: compiled.instrument.version };
}

const send = (token: string, answers: Record<string, unknown>) => request(mera.app).post(`/api/links/${token}/responses`).send({ answers });

test('parent satisfaction on version 2 has a value and n but no target and no "met": 4 of 6 parents at 4–5 is 66.7%', async () => {
  const parents = await campaignOf('parent-survey');
  expect(parents.version).toBe(2);
  for (const sat of [5, 5, 4, 4, 3, 2]) expect((await send(parents.token, { ...validParentAnswers(), sat_overall: sat })).status).toBe(201);
  await rebuildRollups(mera.store, parents.id);
  const res = await request(mera.app)
    .get(`/api/results/campaigns/${parents.id}`)
    .set({ Authorization: `Bearer ${adminToken}` })
    .expect(200);
  const satisfaction = (res.body as CampaignResults).indicators.find((i) => i.id === 'parent_satisfaction')!;
  expect(satisfaction.cluster).toMatchObject({ value: 66.7, n: 6, target: null, met: null, suppressed: false });
  // sat_results_timely 4 and sat_results_clear 3 in every answer: 6 of 12 answers at 4–5.
  expect((res.body as CampaignResults).indicators.find((i) => i.id === 'parent_sat_communication')!.cluster).toMatchObject({
    value: 50,
    n: 6,
    target: null,
  });
});

test('a staff member who takes no part in a stage answers «Не участвую» on that row, and the answer is kept', async () => {
  const staff = await campaignOf('staff-effectiveness');
  const rows = [
    'planning',
    'kim_preparation',
    'online_testing',
    'results_collection',
    'results_analysis',
    'self_evaluation',
    'noko_preparation',
    'class_portfolio',
  ];
  const sat_procedures = Object.fromEntries(rows.map((r, i) => [r, i < 2 ? 'not_involved' : 4]));
  const res = await send(staff.token, { role: 'teacher', sat_procedures, sat_overall: 4, effects: ['time_saving'], barriers: ['time'] });
  expect(res.status).toBe(201);
  const [stored] = await mera.store.collection(responsesCollection).find({ campaignId: staff.id });
  expect(stored.answers.sat_procedures).toMatchObject({ planning: 'not_involved', kim_preparation: 'not_involved', online_testing: 4 });
  const refused = await send(staff.token, {
    role: 'teacher',
    sat_procedures: { ...sat_procedures, planning: 'maybe' },
    sat_overall: 4,
    effects: ['time_saving'],
    barriers: ['time'],
  });
  expect(refused.status).toBe(400);
  expect(refused.body.error.field).toMatch(/^sat_procedures/);
});
