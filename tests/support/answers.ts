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

/** Teacher diagnostic answers: every can-do statement rated `rating`, knowledge items as given. */
export function teacherAnswers(rating: number, knowledge: Record<string, string> = {}): Record<string, unknown> {
  const areas = ['e_planning', 'digital_results', 'item_bank', 'results_analysis', 'noko', 'self_evaluation', 'class_portfolio'];
  const answers: Record<string, unknown> = { experience_band: 'from_3_to_10', subject_area: 'sciences' };
  for (const area of areas) for (let i = 1; i <= 4; i++) answers[`${area}_${i}`] = rating;
  return { ...answers, ...knowledge };
}
