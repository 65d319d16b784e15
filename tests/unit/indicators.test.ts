// Indicator arithmetic with hand-computed values: boundaries of targets, the minimum group,
// changes from the previous campaign, and every kind the instruments use.
import fc from 'fast-check';
import { alphaFromSums, emptyAreaTally, levelShares, seminarPlan, type AreaTally, addAreaTallies } from '../../server/analytics/deficits';
import {
  addTallies,
  countValue,
  derivedShare,
  meanValue,
  schoolFigures,
  schoolsNeeded,
  shareOfSchools,
  sharePositive,
  shareValue,
  type AnswerTally,
} from '../../server/analytics/indicators';
import { cronbachAlpha } from '../../server/surveys/scoring';

const ninety = { op: '>=' as const, value: 90 };
const aboveEighty = { op: '>' as const, value: 80 };
const nine = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9'];

function rating(counts: Record<number, number>): AnswerTally {
  const byAnswer = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v]));
  return { answered: Object.values(counts).reduce((a, b) => a + b, 0), byAnswer };
}

describe('share of schools (checklist)', () => {
  const allYes = new Map(nine.map((s) => [s, { q: 'yes' }]));

  it('with nine schools all answering «да», the share is 100% and the 90% target is met', () => {
    const v = shareOfSchools(nine, allYes, ['q'], ['yes'], { target: ninety });
    expect(v).toMatchObject({ value: 100, n: 9, met: true, suppressed: false, missing: [], notMeeting: [] });
  });

  it('with nine schools and eight «да», the share is 88.9% and 90% is not met (90% of nine means all nine)', () => {
    const answers = new Map(allYes);
    answers.set('s9', { q: 'partly' });
    const v = shareOfSchools(nine, answers, ['q'], ['yes'], { target: ninety });
    expect(v).toMatchObject({ value: 88.9, met: false, yesOrPartly: 100, notMeeting: ['s9'], missing: [] });
    expect(schoolsNeeded(9, ninety)).toBe(9);
  });

  it('with ten schools and exactly nine «да» (exactly 90%), the target "90%" is met', () => {
    const ten = [...nine, 's10'];
    const answers = new Map(nine.map((s) => [s, { q: 'yes' }]));
    answers.set('s10', { q: 'no' });
    const v = shareOfSchools(ten, answers, ['q'], ['yes'], { target: ninety });
    expect(v).toMatchObject({ value: 90, met: true, yesOrPartly: 90 });
    expect(schoolsNeeded(10, ninety)).toBe(9);
  });

  it('a school taking part without an answer counts as not meeting, is listed as missing, and stays in the denominator', () => {
    const answers = new Map(nine.slice(0, 8).map((s) => [s, { q: 'yes' }]));
    const v = shareOfSchools(nine, answers, ['q'], ['yes'], { target: ninety, previous: 77.8 });
    expect(v).toMatchObject({ value: 88.9, n: 9, met: false, missing: ['s9'], notMeeting: ['s9'], change: 11.1 });
  });

  it('school forms are not personal: one school is never suppressed', () => {
    const v = shareOfSchools(['s1'], new Map([['s1', { q: 'no' }]]), ['q'], ['yes'], { target: ninety });
    expect(v).toMatchObject({ value: 0, n: 1, suppressed: false, met: false });
  });
});

describe('share of respondents in the top answers (staff satisfaction)', () => {
  const rule = { minGroupSize: 5 };

  it('when exactly 80% answer 4–5, "above 80%" is not met', () => {
    const v = sharePositive([rating({ 5: 6, 4: 2, 3: 1, 1: 1 })], [4, 5], { ...rule, target: aboveEighty });
    expect(v).toMatchObject({ value: 80, n: 10, met: false, suppressed: false });
  });

  it('when 81 of 100 answer 4–5, "above 80%" is met', () => {
    const v = sharePositive([rating({ 5: 40, 4: 41, 2: 19 })], [4, 5], { ...rule, target: aboveEighty });
    expect(v).toMatchObject({ value: 81, n: 100, met: true });
  });

  it('a share just under 90% that would round to 90.0 does not meet a 90% target', () => {
    const v = shareValue({ numerator: 1799, denominator: 2000, target: ninety });
    expect(v.value).toBe(90);
    expect(v.met).toBe(false);
  });

  it('with four respondents (the minimum group minus one) the value is suppressed; with five it is shown', () => {
    const four = sharePositive([rating({ 5: 3, 2: 1 })], [4, 5], { ...rule, target: aboveEighty, previous: 50 });
    expect(four).toEqual({ value: null, n: 4, target: aboveEighty, met: null, change: null, suppressed: true });
    const five = sharePositive([rating({ 5: 3, 2: 2 })], [4, 5], { ...rule, target: aboveEighty, previous: 50 });
    expect(five).toEqual({ value: 60, n: 5, target: aboveEighty, met: false, change: 10, suppressed: false });
  });

  it('pooled over several questions, every answer to each question counts once', () => {
    const yesNo = (yes: number, no: number): AnswerTally => ({ answered: yes + no, byAnswer: { yes, no } });
    const v = sharePositive([yesNo(8, 2), yesNo(5, 5), yesNo(10, 0)], ['yes'], rule);
    // (8 + 5 + 10) / 30 = 76.67%; respondents 10.
    expect(v).toMatchObject({ value: 76.7, n: 10, met: null });
  });

  it('pooled over schools of a cluster, the share is over all respondents, not a mean of school shares', () => {
    const a = rating({ 5: 9, 1: 1 });
    const b = rating({ 5: 1, 1: 4 });
    // 10 of 15 respondents (66.7%), while the mean of the schools' shares would be (90 + 20) / 2 = 55.
    expect(sharePositive([addTallies([a, b])], [4, 5], rule)).toMatchObject({ value: 66.7, n: 15 });
  });

  it('a change is the difference from the previous campaign in percentage points, null without a previous value', () => {
    expect(shareValue({ numerator: 3, denominator: 4, previous: 80 }).change).toBe(-5);
    expect(shareValue({ numerator: 3, denominator: 4, previous: null }).change).toBeNull();
    expect(shareValue({ numerator: 3, denominator: 4 }).change).toBeNull();
  });
});

describe('indicators without a target (parent and student satisfaction: informative shares)', () => {
  it('7 of 10 parents answering 4–5 is 70%, with target and met null and the change still computed', () => {
    const v = sharePositive([rating({ 5: 4, 4: 3, 3: 2, 1: 1 })], [4, 5], { minGroupSize: 5, previous: 62.5 });
    expect(v).toEqual({ value: 70, n: 10, target: null, met: null, change: 7.5, suppressed: false });
  });

  it('a share of schools without a target has no "met" either', () => {
    const v = shareOfSchools(
      ['s1', 's2'],
      new Map([
        ['s1', { q: 'yes' }],
        ['s2', { q: 'no' }],
      ]),
      ['q'],
      ['yes'],
    );
    expect(v).toMatchObject({ value: 50, n: 2, target: null, met: null });
  });
});

describe('«Не участвую» counts neither way', () => {
  it('of 10 answers 2 «не участвую», 6 of the other 8 rating 4–5: 75%, n 8', () => {
    const v = sharePositive([{ answered: 10, byAnswer: { '5': 3, '4': 3, '2': 2, not_involved: 2 } }], [4, 5], { minGroupSize: 5 });
    expect(v).toMatchObject({ value: 75, n: 8 });
  });

  it('5 answers of which 1 «не участвую» leave 4 respondents: withheld under a minimum group of 5', () => {
    const v = sharePositive([{ answered: 5, byAnswer: { '5': 4, not_involved: 1 } }], [4, 5], { minGroupSize: 5 });
    expect(v).toMatchObject({ value: null, n: 4, suppressed: true });
  });
});

describe('mean score and count', () => {
  it('the mean of ratings 5, 5, 4, 3, 1 is 3.6', () => {
    expect(meanValue(rating({ 5: 2, 4: 1, 3: 1, 1: 1 }), { minGroupSize: 5 })).toMatchObject({ value: 3.6, n: 5 });
  });

  it('a mean from four respondents is suppressed', () => {
    expect(meanValue(rating({ 5: 4 }), { minGroupSize: 5 })).toMatchObject({ value: null, suppressed: true, n: 4 });
  });

  it('a count of respondents choosing the positive answers is a whole number, with n all who answered', () => {
    expect(countValue({ answered: 7, byAnswer: { yes: 4, no: 3 } }, ['yes'], { minGroupSize: 5, previous: 2 })).toMatchObject({
      value: 4,
      n: 7,
      change: 2,
    });
  });
});

describe('monitoring figures', () => {
  const forms = new Map<string, Record<string, unknown>>([
    ['s1', { vpr: 4.2, grads: 50, admitted: 20 }],
    ['s2', { vpr: 3.6, grads: 30, admitted: 15 }],
    ['s3', {}],
  ]);

  it('the cluster value is the mean over schools that reported, and each school gets its difference from it', () => {
    const { cluster, schools } = schoolFigures(['s1', 's2', 's3'], forms, 'vpr', { previous: 3.7 });
    expect(cluster).toMatchObject({ value: 3.9, n: 2, change: 0.2, suppressed: false });
    expect(schools).toEqual([
      { schoolId: 's1', value: 4.2, difference: 0.3 },
      { schoolId: 's2', value: 3.6, difference: -0.3 },
      { schoolId: 's3', value: null, difference: null },
    ]);
  });

  it('admitted to profile universities over graduates: per school, and pooled for the cluster', () => {
    const { cluster, schools } = derivedShare(['s1', 's2', 's3'], forms, 'admitted', 'grads');
    expect(cluster).toMatchObject({ value: 43.8, n: 2 }); // 35 / 80
    expect(schools.map((s) => s.value.value)).toEqual([40, 50, null]);
  });
});

describe('teacher deficits', () => {
  const levels = ['deficit', 'basic', 'confident', 'expert'];
  const tally = (counts: Record<string, number>): AreaTally => ({
    ...emptyAreaTally(),
    scored: Object.values(counts).reduce((a, b) => a + b, 0),
    levels: counts,
  });

  it('per area the share of teachers at each level is counted over the teachers with a score', () => {
    const shares = levelShares(tally({ deficit: 2, basic: 3, confident: 2, expert: 1 }), levels, {});
    expect(shares).toEqual({
      n: 8,
      suppressed: false,
      levels: {
        deficit: { count: 2, share: 25 },
        basic: { count: 3, share: 37.5 },
        confident: { count: 2, share: 25 },
        expert: { count: 1, share: 12.5 },
      },
    });
  });

  it('level shares from fewer than the minimum group are suppressed when a minimum applies', () => {
    expect(levelShares(tally({ deficit: 4 }), levels, { minGroupSize: 5 })).toMatchObject({
      n: 4,
      suppressed: true,
      levels: { deficit: null },
    });
    expect(levelShares(tally({ deficit: 5 }), levels, { minGroupSize: 5 })).toMatchObject({ n: 5, suppressed: false });
  });

  describe('the area level from pooled points (earned / possible), per school and for the cluster', () => {
    const scoring = {
      method: 'percent-of-max' as const,
      levels: [
        { id: 'deficit', from: 0 },
        { id: 'basic', from: 40 },
        { id: 'confident', from: 65 },
        { id: 'expert', from: 85 },
      ].map((l) => ({ ...l, title: { default: l.id, en: l.id } })),
      areas: [{ id: 'a', title: { default: 'a', en: 'a' }, items: [{ question: 'q' }] }],
    };
    const points = (earned: number, possible: number, scored: number, pooled = scored): AreaTally => ({
      ...tally({ basic: scored }),
      earned,
      possible,
      pooled,
    });

    it('two schools of 9 of 15 and 6 of 12 pool to 15 of 27 = 55.6 ("basic") for the cluster, not the mean of 60 and 50', () => {
      expect(levelShares(points(9, 15, 1), levels, {}, scoring).pooled).toEqual({ earned: 9, possible: 15, score: 60, level: 'basic' });
      const cluster = addAreaTallies([points(9, 15, 1), points(6, 12, 1)]);
      expect(levelShares(cluster, levels, {}, scoring).pooled).toEqual({ earned: 15, possible: 27, score: 55.6, level: 'basic' });
    });

    it('a pooled 999 of 2500 (39.96) is shown as 40 but is a deficit: the level comes from the unrounded score', () => {
      expect(levelShares(points(999, 2500, 200), levels, {}, scoring).pooled).toMatchObject({ score: 40, level: 'deficit' });
    });

    it('no pooled result when the group is suppressed, has no scores, or some scores carry no points (edition 1 results)', () => {
      expect(levelShares(points(9, 15, 4), levels, { minGroupSize: 5 }, scoring).pooled).toBeNull();
      expect(levelShares(emptyAreaTally(), levels, {}, scoring).pooled).toBeNull();
      expect(levelShares(points(9, 15, 3, 1), levels, {}, scoring).pooled).toBeNull();
    });
  });

  it('the seminar plan ranks areas by teachers in deficit in the cluster, with the number per school; ties keep the instrument order', () => {
    const data: Record<string, Record<string, AreaTally>> = {
      a: { s1: tally({ deficit: 1 }), s2: tally({ deficit: 1 }) },
      b: { s1: tally({ deficit: 3 }), s2: tally({ basic: 4 }) },
      c: { s2: tally({ deficit: 2 }) },
    };
    const plan = seminarPlan(['a', 'b', 'c'], ['s1', 's2'], (area, school) => data[area][school], 'deficit');
    expect(plan).toEqual([
      {
        area: 'b',
        teachersInDeficit: 3,
        perSchool: [
          { schoolId: 's1', teachersInDeficit: 3 },
          { schoolId: 's2', teachersInDeficit: 0 },
        ],
      },
      {
        area: 'a',
        teachersInDeficit: 2,
        perSchool: [
          { schoolId: 's1', teachersInDeficit: 1 },
          { schoolId: 's2', teachersInDeficit: 1 },
        ],
      },
      {
        area: 'c',
        teachersInDeficit: 2,
        perSchool: [
          { schoolId: 's1', teachersInDeficit: 0 },
          { schoolId: 's2', teachersInDeficit: 2 },
        ],
      },
    ]);
  });

  function sumsOf(rows: number[][]) {
    const t = emptyAreaTally();
    for (const row of rows) {
      t.alpha.n++;
      row.forEach((x, j) => {
        const item = (t.alpha.items[`q${j}`] ??= { sum: 0, squares: 0 });
        item.sum += x;
        item.squares += x * x;
      });
      const total = row.reduce((a, b) => a + b, 0);
      t.alpha.totalSum += total;
      t.alpha.totalSquares += total * total;
    }
    return t;
  }

  it("Cronbach's alpha from sums of rows (1,2), (2,3), (3,3) is 6/7", () => {
    expect(
      alphaFromSums(
        sumsOf([
          [1, 2],
          [2, 3],
          [3, 3],
        ]).alpha,
        2,
      ),
    ).toBeCloseTo(6 / 7, 10);
  });

  it("Cronbach's alpha from sums, split over schools and added, equals cronbachAlpha over the rows", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 5, maxLength: 5 }), { minLength: 0, maxLength: 40 }),
        fc.nat(),
        (rows, cut) => {
          const at = rows.length ? cut % rows.length : 0;
          const added = addAreaTallies([sumsOf(rows.slice(0, at)), sumsOf(rows.slice(at))]);
          const expected = cronbachAlpha(rows);
          const actual = alphaFromSums(added.alpha, 5);
          if (expected === null) expect(actual).toBeNull();
          else expect(actual).toBeCloseTo(expected, 8);
        },
      ),
    );
  });
});
