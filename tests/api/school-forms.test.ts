// The school forms, version 2, answered over real HTTP on a real embedded store: the monitoring
// form's year and the checklist's stage come from the campaign, one monitoring form per school
// and year, and every cross-field rule of the monitoring form is refused with its field.
import request from 'supertest';
import { campaignsCollection, type ChecklistStage, linksCollection } from '../../server/campaigns/data';
import { linkSecret, linkToken, tokenHash } from '../../server/campaigns/links';
import { responsesCollection } from '../../server/responses/data';
import { schoolsCollection } from '../../server/schools/data';
import { newId } from '../../server/store';
import { getInstrument } from '../../server/surveys/catalogue';
import { clusterSchools } from '../../seeds/schools';
import { validMonitoringAnswers } from '../support/answers';
import { startMera, TestMera } from '../support/mera';
import { sendSchoolForm } from '../support/school-forms';

let mera: TestMera;
let schoolIds: string[];

beforeAll(async () => {
  mera = await startMera();
  schoolIds = (await mera.store.collection(schoolsCollection).insertMany(clusterSchools)).map((s) => s._id);
});

afterAll(async () => {
  await mera.close();
});

/** An open campaign of the instrument's current edition with a link per school. */
async function campaignOf(instrumentId: string, fields: { reportingYear?: string; stage?: ChecklistStage }, version?: number) {
  const compiled = await getInstrument(mera.store, instrumentId, version);
  const campaign = await mera.store.collection(campaignsCollection).insertOne({
    title: { default: instrumentId, en: instrumentId },
    instrumentId,
    instrumentVersion: compiled.instrument.version,
    schoolIds,
    status: 'open',
    opensOn: '2026-01-01',
    closesOn: '2099-12-31',
    demo: false,
    createdAt: new Date(),
    ...fields,
  });
  const secret = await linkSecret(mera.store, mera.config.secret);
  const tokens: string[] = [];
  for (const schoolId of schoolIds) {
    const _id = newId();
    tokens.push(linkToken(secret, _id));
    await mera.store
      .collection(linksCollection)
      .insertOne({ _id, campaignId: campaign._id, schoolId, tokenHash: tokenHash(linkToken(secret, _id)) });
  }
  return { id: campaign._id, tokens, version: compiled.instrument.version };
}

// Sent signed in as the school's coordinator, from the form's page (a second send corrects the first).
const send = (token: string, answers: Record<string, unknown>) => sendSchoolForm(mera, token, answers);
const storedOf = (campaignId: string) => mera.store.collection(responsesCollection).find({ campaignId });

describe('the monitoring form, version 2', () => {
  let monitoring: Awaited<ReturnType<typeof campaignOf>>;
  beforeAll(async () => {
    monitoring = await campaignOf('school-monitoring', { reportingYear: '2025/26' });
  });

  test('is version 2 of the instrument', () => {
    expect(monitoring.version).toBe(2);
  });

  test('the page behind the link shows the campaign\u2019s year in the read-only field', async () => {
    const res = await request(mera.app).get(`/api/links/${monitoring.tokens[0]}`).expect(200);
    const general = res.body.instrument.survey.pages[0].elements as { name: string; readOnly?: boolean; defaultValue?: string }[];
    expect(general.find((e) => e.name === 'reporting_year')).toMatchObject({ readOnly: true, defaultValue: '2025/26' });
  });

  test('a consistent form without a year is accepted and stored with the campaign\u2019s year', async () => {
    const res = await send(monitoring.tokens[0], validMonitoringAnswers());
    expect(res.status).toBe(201);
    const [stored] = await storedOf(monitoring.id);
    expect(stored.answers).toMatchObject({ reporting_year: '2025/26', enrol_total: 900, problems_causes: expect.stringContaining('«2»') });
  });

  test('sending the form again corrects it: still one form of the school for the year, holding the latest answers', async () => {
    const res = await send(monitoring.tokens[0], { ...validMonitoringAnswers(), enrol_total: 950 });
    expect(res.status).toBe(201);
    expect(res.body.revision).toBe(2);
    const stored = await storedOf(monitoring.id);
    expect(stored).toHaveLength(1);
    expect(stored[0].answers.enrol_total).toBe(950);
  });

  test('another campaign for the same year cannot take a second form of that school either, but a new year can', async () => {
    const again = await campaignOf('school-monitoring', { reportingYear: '2025/26' });
    const refused = await send(again.tokens[0], validMonitoringAnswers());
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'response.already_reported',
      field: 'reporting_year',
      details: { reportingYear: '2025/26' },
    });
    expect(await storedOf(again.id)).toHaveLength(0);
    const next = await campaignOf('school-monitoring', { reportingYear: '2026/27' });
    expect((await send(next.tokens[0], validMonitoringAnswers())).status).toBe(201);
  });

  test('a year other than the campaign\u2019s is refused with the field, and the school may still send its form', async () => {
    const res = await send(monitoring.tokens[1], { ...validMonitoringAnswers(), reporting_year: '2023/24' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'response.set_by_campaign', field: 'reporting_year', details: { expected: '2025/26' } });
    expect((await send(monitoring.tokens[1], { ...validMonitoringAnswers(), reporting_year: '2025/26' })).status).toBe(201);
  });

  const broken: [string, Record<string, unknown>, string][] = [
    [
      'more winners than participants (school stage of the mathematics olympiad)',
      { olymp_math_school_winners: 201 },
      'olymp_math_school_winners',
    ],
    ['more winners than participants at the final stage', { olymp_science_final_winners: 2 }, 'olymp_science_final_winners'],
    ['more contest winners than participants', { conf_winners: 26 }, 'conf_winners'],
    ['more admitted to universities than graduates', { grads_universities: 51 }, 'grads_universities'],
    ['more admitted in the school\u2019s profile than admitted', { grads_profile_universities: 43 }, 'grads_profile_universities'],
    ['more graduates than students in grades 10–11', { grads_total: 111 }, 'grads_total'],
    ['more ВПР participants in grades 5–6 than students there', { vpr_math_g5_6_participants: 171 }, 'vpr_math_g5_6_participants'],
    ['more ВПР mathematics participants than students in the school', { vpr_math_participants: 901 }, 'vpr_math_participants'],
    ['more than three ВПР science papers per student', { vpr_science_participants: 2701 }, 'vpr_science_participants'],
    ['grade bands adding up to more ВПР participants than the total', { vpr_math_participants: 390 }, 'vpr_math_g7_8_participants'],
    ['grade bands adding up to more students than the school has', { enrol_total: 600 }, 'enrol_g10_11'],
    ['lowered, confirmed and raised marks not adding up to 100%', { vpr_math_g7_8_raised: 20 }, 'vpr_math_g7_8_raised'],
    ['a share above 100', { vpr_math_g4_fail_share: 100.5 }, 'vpr_math_g4_fail_share'],
    ['a negative share', { rdr_math_low_share: -1 }, 'rdr_math_low_share'],
    ['high and low РДР levels above 100% together', { rdr_science_low_share: 90 }, 'rdr_science_low_share'],
    ['a mean ВПР mark above 5', { vpr_math_mean: 5.2 }, 'vpr_math_mean'],
    ['a mean ВПР mark below 2', { vpr_science_mean: 1.9 }, 'vpr_science_mean'],
    ['a mean base-mathematics mark above 5', { ege_math_base_mean: 6 }, 'ege_math_base_mean'],
    ['a mean EGE score above 100', { ege_physics_mean: 101 }, 'ege_physics_mean'],
    ['more EGE high scorers than participants', { ege_chemistry_high_scorers: 9 }, 'ege_chemistry_high_scorers'],
    ['more base-mathematics participants than students in grades 10–11', { ege_math_base_participants: 111 }, 'ege_math_base_participants'],
  ];
  test.each(broken)('a form with %s is refused with that field, and nothing is stored', async (_what, change, field) => {
    const before = (await storedOf(monitoring.id)).length;
    const res = await send(monitoring.tokens[2], { ...validMonitoringAnswers(), ...change });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'response.invalid', field });
    expect(await storedOf(monitoring.id)).toHaveLength(before);
  });
});

test('a campaign on version 1 of the monitoring form keeps it: the year is the school\u2019s choice there, as before', async () => {
  const v1 = await campaignOf('school-monitoring', { reportingYear: '2025/26' }, 1);
  expect(v1.version).toBe(1);
  const v1Questions = (await getInstrument(mera.store, 'school-monitoring', 1)).questions.answerKeys;
  const answers = {
    ...Object.fromEntries(Object.entries(validMonitoringAnswers()).filter(([k]) => v1Questions.has(k))),
    reporting_year: '2024_25',
  };
  expect((await send(v1.tokens[5], answers)).status).toBe(201);
  // Sent again: a correction of the one form, not a second one.
  expect((await send(v1.tokens[5], answers)).status).toBe(201);
  const stored = await storedOf(v1.id);
  expect(stored.map((r) => [r.instrumentVersion, r.answers.reporting_year])).toEqual([[1, '2024_25']]);
});

describe('the checklist, version 2', () => {
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
  const form = (answer: string, evidence = true) =>
    Object.fromEntries(
      items.flatMap((q) => [[q, answer], ...(evidence && answer !== 'no' ? [[`${q}_evidence`, 'https://school.example/plan']] : [])]),
    );

  test('the stage comes from the campaign, so a school\u2019s October and January forms are told apart', async () => {
    const october = await campaignOf('school-checklist', { stage: 'october' });
    const january = await campaignOf('school-checklist', { stage: 'january' });
    expect((await send(october.tokens[0], form('partly'))).status).toBe(201);
    expect((await send(january.tokens[0], form('yes'))).status).toBe(201);
    expect((await storedOf(october.id))[0].answers.checklist_stage).toBe('october');
    const shown = await request(mera.app).get(`/api/links/${january.tokens[1]}`).expect(200);
    expect(shown.body.instrument.survey.pages[0].elements.find((e: { name: string }) => e.name === 'checklist_stage')).toMatchObject({
      defaultValue: 'january',
    });
    expect((await storedOf(january.id))[0].answers.checklist_stage).toBe('january');
  });

  test('a stage other than the campaign\u2019s is refused with the field', async () => {
    const june = await campaignOf('school-checklist', { stage: 'june' });
    const res = await send(june.tokens[0], { ...form('yes'), checklist_stage: 'october' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'response.set_by_campaign', field: 'checklist_stage' });
  });

  test('«да» without evidence is refused naming the evidence field; «частично» and «нет» need none', async () => {
    const june = await campaignOf('school-checklist', { stage: 'june' });
    const res = await send(june.tokens[0], { ...form('yes'), ext_noko_evidence: undefined });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'response.required', field: 'ext_noko_evidence' });
    expect((await send(june.tokens[1], form('partly', false))).status).toBe(201);
    expect((await send(june.tokens[2], form('no', false))).status).toBe(201);
  });

  test('every one of the eleven items defines «да» and «частично» in both languages', async () => {
    const compiled = await getInstrument(mera.store, 'school-checklist');
    const elements = (
      compiled.instrument.survey as { pages: { elements: { name: string; description?: { default: string; en: string } }[] }[] }
    ).pages.flatMap((p) => p.elements);
    for (const item of items) {
      const description = elements.find((e) => e.name === item)!.description!;
      expect(description.default).toMatch(/«Да» — .*«Частично» — /s);
      expect(description.en).toMatch(/"Yes": .*"Partly": /s);
    }
  });
});
