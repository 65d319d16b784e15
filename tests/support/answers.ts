// A complete, valid parent-survey answer set (version 2), written out by hand so tests can vary one answer.
export const validParentAnswers = () => ({
  child_level: 'basic',
  aware_procedures: 'yes',
  aware_schedule: 'yes',
  aware_grading: 'partly',
  ediary_use: 'daily',
  ediary_useful: 5,
  online_tests: 'sometimes',
  online_tests_opinion: 'helpful',
  sat_results_timely: 4,
  sat_results_clear: 3,
  sat_objectivity: 4,
  sat_overall: 5,
  preferred_channels: ['ediary', 'parent_meetings'],
  suggestions: 'Спасибо!',
});

/** The self-rating items (1–4) of the teacher diagnostic, edition 2, by area. */
const teacherPracticeItems: Record<string, string[]> = {
  e_planning: ['e_planning_1', 'e_planning_2', 'e_planning_3', 'e_planning_4'],
  digital_results: ['digital_results_1', 'digital_results_2', 'digital_results_3', 'digital_results_4'],
  item_bank: ['item_bank_1', 'item_bank_2', 'item_bank_3', 'item_bank_4', 'item_bank_5'],
  results_analysis: ['results_analysis_1', 'results_analysis_2', 'results_analysis_5', 'results_analysis_3', 'results_analysis_4'],
  noko: ['noko_2', 'noko_3', 'noko_5', 'noko_4'],
  self_evaluation: ['self_evaluation_1', 'self_evaluation_2', 'self_evaluation_3', 'self_evaluation_4'],
  class_portfolio: ['class_portfolio_1', 'class_portfolio_2', 'class_portfolio_3', 'class_portfolio_5', 'class_portfolio_4'],
  e_centre: ['e_centre_1', 'e_centre_2', 'e_centre_3', 'e_centre_4'],
};

/** The knowledge items of edition 2 with their right answers. */
const teacherKnowledgeKeys: Record<string, string> = {
  e_planning_k: 'shared_spreadsheet',
  digital_results_k: 'anonymous_aggregated',
  item_bank_k: 'full_metadata',
  results_analysis_k: 'item_percent',
  noko_criteria_k: 'accessibility',
  noko_k: 'anonymous_online_form',
  self_evaluation_k: 'structured_form',
  class_portfolio_k: 'dynamics_monitoring',
  e_centre_k: 'shared_rules',
};

/**
 * Teacher diagnostic answers (edition 2): a form tutor rating every self-rating item `rating`,
 * every knowledge item answered «Не знаю» ("none") unless given in `knowledge`.
 */
export function teacherAnswers(rating: number, knowledge: Record<string, string> = {}): Record<string, unknown> {
  const answers: Record<string, unknown> = { experience_band: 'from_3_to_10', work_role: 'form_tutor', subject_area: 'sciences' };
  for (const items of Object.values(teacherPracticeItems)) for (const item of items) answers[item] = rating;
  for (const item of Object.keys(teacherKnowledgeKeys)) answers[item] = 'none';
  return { ...answers, ...knowledge };
}

/** Every knowledge item answered right (true) or with the first wrong option (false). */
export function teacherKnowledge(right: boolean): Record<string, string> {
  const wrong: Record<string, string> = {
    e_planning_k: 'paper_schedule',
    digital_results_k: 'graded_in_journal',
    item_bank_k: 'answer_only',
    results_analysis_k: 'mean_mark',
    noko_criteria_k: 'exam_results',
    noko_k: 'signed_paper_form',
    self_evaluation_k: 'free_form_email',
    class_portfolio_k: 'certificates_storage',
    e_centre_k: 'own_website',
  };
  return right ? { ...teacherKnowledgeKeys } : wrong;
}

/**
 * A complete, consistent school-monitoring answer set (version 2) for a school of about 900
 * students, written out by hand so tests can vary one figure. `reporting_year` is left out: the
 * server fills it from the campaign.
 */
export const validMonitoringAnswers = (): Record<string, unknown> => ({
  enrol_total: 900,
  enrol_g4: 90,
  enrol_g5_6: 170,
  enrol_g7_8: 160,
  enrol_g9: 80,
  enrol_g10_11: 110,
  vpr_math_participants: 400,
  vpr_math_mean: 3.6,
  vpr_math_quality: 55,
  vpr_math_confirmed: 70,
  vpr_math_g4_participants: 85,
  vpr_math_g4_fail_share: 3,
  vpr_math_g4_lowered: 10,
  vpr_math_g4_confirmed: 80,
  vpr_math_g4_raised: 10,
  vpr_math_g5_6_participants: 160,
  vpr_math_g5_6_fail_share: 8,
  vpr_math_g5_6_lowered: 20,
  vpr_math_g5_6_confirmed: 70,
  vpr_math_g5_6_raised: 10,
  vpr_math_g7_8_participants: 150,
  vpr_math_g7_8_fail_share: 12.5,
  vpr_math_g7_8_lowered: 25.3,
  vpr_math_g7_8_confirmed: 66.7,
  vpr_math_g7_8_raised: 8,
  vpr_science_participants: 300,
  vpr_science_mean: 3.7,
  vpr_science_quality: 58,
  vpr_science_confirmed: 72,
  vpr_science_g5_6_participants: 150,
  vpr_science_g5_6_fail_share: 5,
  vpr_science_g5_6_lowered: 15,
  vpr_science_g5_6_confirmed: 75,
  vpr_science_g5_6_raised: 10,
  vpr_science_g7_8_participants: 140,
  vpr_science_g7_8_fail_share: 7,
  vpr_science_g7_8_lowered: 18,
  vpr_science_g7_8_confirmed: 72,
  vpr_science_g7_8_raised: 10,
  ege_math_base_participants: 20,
  ege_math_base_mean: 4.1,
  ege_math_base_below_min_share: 0,
  ege_math_base_top_share: 35,
  ege_math_profile_participants: 30,
  ege_math_profile_mean: 62,
  ege_math_profile_below_min_share: 3.3,
  ege_math_profile_high_scorers: 4,
  ege_informatics_participants: 15,
  ege_informatics_mean: 68,
  ege_informatics_below_min_share: 0,
  ege_informatics_high_scorers: 3,
  ege_physics_participants: 12,
  ege_physics_mean: 58,
  ege_physics_below_min_share: 8.3,
  ege_physics_high_scorers: 1,
  ege_chemistry_participants: 8,
  ege_chemistry_mean: 60,
  ege_chemistry_below_min_share: 0,
  ege_chemistry_high_scorers: 1,
  ege_biology_participants: 0,
  rdr_math_participants: 120,
  rdr_math_high_share: 20,
  rdr_math_low_share: 15,
  rdr_science_participants: 90,
  rdr_science_high_share: 18,
  rdr_science_low_share: 12,
  olymp_math_school_participants: 200,
  olymp_math_school_winners: 40,
  olymp_math_district_participants: 30,
  olymp_math_district_winners: 6,
  olymp_math_regional_participants: 4,
  olymp_math_regional_winners: 1,
  olymp_math_final_participants: 0,
  olymp_informatics_school_participants: 80,
  olymp_informatics_school_winners: 12,
  olymp_informatics_district_participants: 10,
  olymp_informatics_district_winners: 2,
  olymp_informatics_regional_participants: 1,
  olymp_informatics_regional_winners: 0,
  olymp_informatics_final_participants: 0,
  olymp_science_school_participants: 250,
  olymp_science_school_winners: 50,
  olymp_science_district_participants: 40,
  olymp_science_district_winners: 8,
  olymp_science_regional_participants: 5,
  olymp_science_regional_winners: 1,
  olymp_science_final_participants: 1,
  olymp_science_final_winners: 0,
  conf_participants: 25,
  conf_winners: 7,
  grads_total: 50,
  grads_universities: 42,
  grads_profile_universities: 21,
  problems_causes: 'Доля отметок «2» по математике в 7–8 классах выросла: не хватает учителей математики.',
});

/**
 * What to type into a school-monitoring field in a browser test: `fallback` ("1") for every figure,
 * except where version 2's cross-field checks need more (enrolment, totals, a mean mark of 2–5,
 * lowered / confirmed / raised marks adding up to 100%). Version 1's fields accept these too.
 */
export function consistentFigure(name: string, fallback = '1'): string {
  if (name === 'enrol_total') return '900';
  if (name.startsWith('enrol_')) return '100';
  if (/^vpr_\w+_g\d/.test(name))
    return name.endsWith('_confirmed') ? '100' : name.endsWith('_lowered') || name.endsWith('_raised') ? '0' : fallback;
  if (/^vpr_(math|science)_participants$/.test(name)) return '10';
  if (name === 'ege_math_base_mean') return '4';
  return fallback;
}
