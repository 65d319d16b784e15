// Scoring of the teacher diagnostic from its metadata, with hand-computed expectations,
// and Cronbach's alpha.
import { cronbachAlpha, levelFor, scoreAnswers } from '../../server/surveys/scoring';
import { builtinInstruments } from '../support/mera';
import { teacherAnswers } from '../support/answers';

const teacher = builtinInstruments.find((c) => c.instrument.id === 'teacher-deficit')!;
const scoring = teacher.instrument.scoring!;
const score = (answers: Record<string, unknown>) => scoreAnswers(scoring, teacher.scoringItems!, answers).areas;

describe('teacher diagnostic scoring (percent of max: rating 1..4 earns 0..3, the knowledge item 0 or 3)', () => {
  test('ratings 1, 2, 3, 4 and the best knowledge answer score 60.0 (9 of 15) and the level "basic"', () => {
    const answers = { ...teacherAnswers(1), e_planning_2: 2, e_planning_3: 3, e_planning_4: 4, e_planning_k: 'shared_spreadsheet' };
    expect(score(answers).e_planning).toEqual({ score: 60, level: 'basic', answered: 5, items: 5 });
  });

  test('ratings 1, 2, 3, 4 and a wrong knowledge answer score 40.0 (6 of 15): exactly the "basic" threshold', () => {
    const answers = { ...teacherAnswers(1), e_planning_2: 2, e_planning_3: 3, e_planning_4: 4, e_planning_k: 'paper_schedule' };
    expect(score(answers).e_planning).toMatchObject({ score: 40, level: 'basic' });
  });

  test('all minimum answers score 0 and a deficit in every area', () => {
    const areas = score(teacherAnswers(1));
    expect(Object.keys(areas)).toHaveLength(7);
    for (const area of Object.values(areas)) expect(area).toMatchObject({ score: 0, level: 'deficit', answered: 4 });
  });

  test('all maximum ratings with the optional knowledge items skipped score 100 ("expert"): skipped items count neither way', () => {
    for (const area of Object.values(score(teacherAnswers(4)))) expect(area).toMatchObject({ score: 100, level: 'expert', answered: 4, items: 5 });
  });

  test('ratings of 3 everywhere score 66.7 ("confident")', () => {
    expect(score(teacherAnswers(3)).noko).toMatchObject({ score: 66.7, level: 'confident' });
  });

  test('an area with fewer answered items than its minimum gets no score and no level', () => {
    const answers = teacherAnswers(4);
    delete answers.item_bank_1;
    delete answers.item_bank_2;
    expect(score(answers).item_bank).toEqual({ score: null, level: null, answered: 2, items: 5 });
  });

  test('level thresholds: 39.9 is a deficit, 40 basic, 64.9 basic, 65 confident, 85 expert', () => {
    expect([39.9, 40, 64.9, 65, 84.9, 85, 100].map((s) => levelFor(scoring, s))).toEqual(['deficit', 'basic', 'basic', 'confident', 'confident', 'expert', 'expert']);
  });
});

describe("Cronbach's alpha", () => {
  test('two perfectly parallel items give 1', () => {
    expect(cronbachAlpha([[1, 2], [2, 3], [3, 4]])).toBeCloseTo(1, 10);
  });

  test('a hand-computed case: item variances 1 and 1, total variance 3 gives 2·(1 − 2/3) = 0.667', () => {
    expect(cronbachAlpha([[1, 1], [2, 3], [3, 2]])).toBeCloseTo(2 / 3, 10);
  });

  test('fewer than two respondents or items, or no variance, gives null', () => {
    expect(cronbachAlpha([[1, 2]])).toBeNull();
    expect(cronbachAlpha([[1], [2]])).toBeNull();
    expect(cronbachAlpha([[2, 2], [2, 2]])).toBeNull();
  });
});
