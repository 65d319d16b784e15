// A complete, valid parent-survey answer set, written out by hand so tests can vary one answer.
export const validParentAnswers = () => ({
  child_level: 'basic',
  aware_procedures: 'yes',
  aware_schedule: 'yes',
  aware_grading: 'partly',
  ediary_use: 'daily',
  ediary_useful: 5,
  online_tests: 'sometimes',
  online_tests_opinion: 'helpful',
  sat_results_communication: 4,
  sat_objectivity: 4,
  sat_overall: 5,
  preferred_channels: ['ediary', 'parent_meetings'],
  suggestions: 'Спасибо!',
});

/** The self-rating items (1–4) of the teacher diagnostic, edition 2, by area. */
export const teacherPracticeItems: Record<string, string[]> = {
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
export const teacherKnowledgeKeys: Record<string, string> = {
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
    e_planning_k: 'paper_schedule', digital_results_k: 'graded_in_journal', item_bank_k: 'answer_only', results_analysis_k: 'mean_mark', noko_criteria_k: 'exam_results',
    noko_k: 'signed_paper_form', self_evaluation_k: 'free_form_email', class_portfolio_k: 'certificates_storage', e_centre_k: 'own_website',
  };
  return right ? { ...teacherKnowledgeKeys } : wrong;
}
