// Scoring of the teacher diagnostic from its metadata, with hand-computed expectations (edition 2,
// and edition 1 kept as it was), pooling over teachers, and Cronbach's alpha.
import { cronbachAlpha, levelFor, pooledScore, scoreAnswers } from '../../server/surveys/scoring';
import { builtinInstruments } from '../support/instruments';
import { teacherAnswers, teacherKnowledge } from '../support/answers';

const edition = (version: number) =>
  builtinInstruments.find((c) => c.instrument.id === 'teacher-deficit' && c.instrument.version === version)!;
const teacher = edition(2);
const scoring = teacher.instrument.scoring!;
const score = (answers: Record<string, unknown>) => scoreAnswers(scoring, teacher.scoringItems!, answers).areas;

describe('teacher diagnostic, edition 2 (self-rating 1..4 earns 0..3; a knowledge item 3 if right, 0 if wrong, «Не знаю» or skipped)', () => {
  test('ratings 1, 2, 3, 4 and the right knowledge answer score 60.0 (9 of 15, "basic"), self-rating 50.0 (6 of 12) and knowledge 100 (3 of 3)', () => {
    const answers = { ...teacherAnswers(1), e_planning_2: 2, e_planning_3: 3, e_planning_4: 4, e_planning_k: 'shared_spreadsheet' };
    expect(score(answers).e_planning).toEqual({
      score: 60,
      level: 'basic',
      answered: 5,
      items: 5,
      earned: 9,
      possible: 15,
      selfRating: { earned: 6, possible: 12, answered: 4, items: 4, score: 50 },
      knowledge: { earned: 3, possible: 3, answered: 1, items: 1, score: 100 },
    });
  });

  test('ratings 1, 2, 3, 4 with «Не знаю» score 40.0 (6 of 15), the same as a wrong answer, and knowledge 0', () => {
    const base = { ...teacherAnswers(1), e_planning_2: 2, e_planning_3: 3, e_planning_4: 4 };
    const dontKnow = score({ ...base, e_planning_k: 'none' }).e_planning;
    const wrong = score({ ...base, e_planning_k: 'paper_schedule' }).e_planning;
    expect(dontKnow).toMatchObject({
      score: 40,
      level: 'basic',
      earned: 6,
      possible: 15,
      knowledge: { earned: 0, possible: 3, answered: 1, score: 0 },
    });
    expect(wrong).toEqual(dontKnow);
  });

  test('four "3"s with the knowledge item skipped score 53.3 (8 of 15), the same as a wrong answer: skipping no longer beats it', () => {
    const skipped = teacherAnswers(3);
    delete skipped.e_planning_k;
    const wrong = { ...teacherAnswers(3), e_planning_k: 'oral_agreement' };
    expect(score(skipped).e_planning).toMatchObject({
      score: 53.3,
      level: 'basic',
      answered: 4,
      earned: 8,
      possible: 15,
      knowledge: { earned: 0, possible: 3, answered: 0, score: 0 },
    });
    expect(score(wrong).e_planning).toMatchObject({ score: 53.3, earned: 8, possible: 15 });
  });

  test('«Не относится к моей работе» is left out: two of five portfolio items not mine, ratings 2, 3, 4 and a wrong answer score 50.0 (6 of 12)', () => {
    const answers = {
      ...teacherAnswers(1),
      work_role: 'subject_teacher',
      class_portfolio_1: 'not_my_work',
      class_portfolio_2: 'not_my_work',
      class_portfolio_3: 2,
      class_portfolio_5: 3,
      class_portfolio_4: 4,
      class_portfolio_k: 'events_report',
    };
    expect(score(answers).class_portfolio).toMatchObject({
      score: 50,
      level: 'basic',
      answered: 4,
      items: 6,
      earned: 6,
      possible: 12,
      selfRating: { earned: 6, possible: 9, answered: 3, score: 66.7 },
    });
  });

  test('a subject teacher with four of five portfolio items not theirs has too few answers (2 of the minimum 3): no score, no level', () => {
    const answers = {
      ...teacherAnswers(1),
      work_role: 'subject_teacher',
      class_portfolio_1: 'not_my_work',
      class_portfolio_2: 'not_my_work',
      class_portfolio_3: 'not_my_work',
      class_portfolio_5: 'not_my_work',
      class_portfolio_4: 4,
      class_portfolio_k: 'dynamics_monitoring',
    };
    expect(score(answers).class_portfolio).toMatchObject({
      score: null,
      level: null,
      answered: 2,
      earned: 6,
      possible: 6,
      selfRating: { score: null },
      knowledge: { score: null },
    });
  });

  test('the school website not being my job: the other NOKO items at 4 and both knowledge items right score 100 (15 of 15)', () => {
    const answers = { ...teacherAnswers(4, teacherKnowledge(true)), noko_2: 'not_my_work' };
    expect(score(answers).noko).toMatchObject({ score: 100, level: 'expert', answered: 5, items: 6, earned: 15, possible: 15 });
  });

  test('all minimum answers with «Не знаю» score 0 and a deficit in every one of the eight areas', () => {
    const areas = score(teacherAnswers(1));
    expect(Object.keys(areas)).toHaveLength(8);
    for (const area of Object.values(areas)) expect(area).toMatchObject({ score: 0, level: 'deficit', earned: 0 });
  });

  test('all maximum ratings with every knowledge item right score 100 ("can teach others") everywhere', () => {
    for (const area of Object.values(score(teacherAnswers(4, teacherKnowledge(true)))))
      expect(area).toMatchObject({ score: 100, level: 'expert' });
  });

  test('all maximum ratings with «Не знаю» everywhere: e-planning 12 of 15 = 80.0 ("confident"), self-rating 100, knowledge 0', () => {
    expect(score(teacherAnswers(4)).e_planning).toMatchObject({
      score: 80,
      level: 'confident',
      selfRating: { score: 100 },
      knowledge: { score: 0 },
    });
  });

  test('an area with fewer answered items than its minimum gets no score and no level', () => {
    const answers = teacherAnswers(4);
    delete answers.item_bank_1;
    delete answers.item_bank_2;
    delete answers.item_bank_3;
    delete answers.item_bank_k;
    expect(score(answers).item_bank).toMatchObject({ score: null, level: null, answered: 2, items: 6 });
  });
});

describe('the level comes from the unrounded score', () => {
  test('thresholds: 39.96 is a deficit (shown as 40.0), 40 basic, 64.99 basic, 65 confident, 85 expert', () => {
    expect([39.96, 40, 64.99, 65, 84.99, 85, 100].map((s) => levelFor(scoring, s))).toEqual([
      'deficit',
      'basic',
      'basic',
      'confident',
      'confident',
      'expert',
      'expert',
    ]);
  });

  test('999 of 2500 points pooled is 39.96: shown as 40 but a deficit', () => {
    expect(pooledScore(scoring, 999, 2500)).toEqual({ earned: 999, possible: 2500, score: 40, level: 'deficit' });
  });
});

describe('pooling over teachers adds points, not scores', () => {
  test('9 of 15 (60.0) and 6 of 12 (50.0, one item not theirs) pool to 15 of 27 = 55.6, not the mean 55.0', () => {
    const first = score({
      ...teacherAnswers(1),
      e_planning_2: 2,
      e_planning_3: 3,
      e_planning_4: 4,
      e_planning_k: 'shared_spreadsheet',
    }).e_planning;
    expect(first).toMatchObject({ earned: 9, possible: 15, score: 60 });
    const second = score({
      ...teacherAnswers(1),
      class_portfolio_1: 'not_my_work',
      class_portfolio_2: 'not_my_work',
      class_portfolio_3: 2,
      class_portfolio_5: 3,
      class_portfolio_4: 4,
    }).class_portfolio;
    expect(second).toMatchObject({ earned: 6, possible: 12, score: 50 });
    expect(pooledScore(scoring, first.earned! + second.earned!, first.possible! + second.possible!)).toEqual({
      earned: 15,
      possible: 27,
      score: 55.6,
      level: 'basic',
    });
  });

  test('nothing to pool gives no score', () => {
    expect(pooledScore(scoring, 0, 0)).toEqual({ earned: 0, possible: 0, score: null, level: null });
  });
});

describe('teacher diagnostic, edition 1 (surveys/earlier) keeps its rules', () => {
  const v1 = edition(1);
  const areas = ['e_planning', 'digital_results', 'item_bank', 'results_analysis', 'noko', 'self_evaluation', 'class_portfolio'];
  const v1Answers = (rating: number) => {
    const answers: Record<string, unknown> = { experience_band: 'from_3_to_10', subject_area: 'sciences' };
    for (const area of areas) for (let i = 1; i <= 4; i++) answers[`${area}_${i}`] = rating;
    return answers;
  };
  const scoreV1 = (answers: Record<string, unknown>) => scoreAnswers(v1.instrument.scoring!, v1.scoringItems!, answers).areas;

  test('four "3"s with the knowledge item skipped score 66.7: a skipped item counts neither way, and no knowledge split is given', () => {
    const area = scoreV1(v1Answers(3)).noko;
    expect(area).toEqual({ score: 66.7, level: 'confident', answered: 4, items: 5, earned: 8, possible: 12 });
  });

  test('ratings 1, 2, 3, 4 and a wrong knowledge answer score 40.0 (6 of 15)', () => {
    expect(
      scoreV1({ ...v1Answers(1), e_planning_2: 2, e_planning_3: 3, e_planning_4: 4, e_planning_k: 'paper_schedule' }).e_planning,
    ).toMatchObject({ score: 40, level: 'basic' });
  });
});

describe("Cronbach's alpha", () => {
  test('two perfectly parallel items give 1', () => {
    expect(
      cronbachAlpha([
        [1, 2],
        [2, 3],
        [3, 4],
      ]),
    ).toBeCloseTo(1, 10);
  });

  test('a hand-computed case: item variances 1 and 1, total variance 3 gives 2·(1 − 2/3) = 0.667', () => {
    expect(
      cronbachAlpha([
        [1, 1],
        [2, 3],
        [3, 2],
      ]),
    ).toBeCloseTo(2 / 3, 10);
  });

  test('fewer than two respondents or items, or no variance, gives null', () => {
    expect(cronbachAlpha([[1, 2]])).toBeNull();
    expect(cronbachAlpha([[1], [2]])).toBeNull();
    expect(
      cronbachAlpha([
        [2, 2],
        [2, 2],
      ]),
    ).toBeNull();
  });
});
