// Teacher deficits, pure: per area the share of teachers at each level (per school and for the
// cluster), the area's level from the teachers' pooled points (earned / possible), the seminar plan (areas ranked by teachers in deficit), "can teach others" counts and
// Cronbach's alpha from running sums, so a results request reads tallies, never responses.
import type { Scoring } from '../surveys/instrument';
import { pooledScore } from '../surveys/scoring';
import { isSuppressed, round1, type GroupRule } from './indicators';
import type { LevelShares, PooledAreaScore } from './views';

export type { LevelShares };

/** Running sums of one area's item points over the teachers who answered all its items. */
export interface AlphaSums {
  n: number;
  items: Record<string, { sum: number; squares: number }>;
  totalSum: number;
  totalSquares: number;
}

/**
 * One area in one school: teachers with a score, how many at each level, the points they earned
 * out of the points possible (summed over the `pooled` teachers whose scores carry points: results
 * scored before edition 2 do not), and the alpha sums.
 */
export interface AreaTally {
  scored: number;
  levels: Record<string, number>;
  earned: number;
  possible: number;
  pooled: number;
  alpha: AlphaSums;
}

export const emptyAreaTally = (): AreaTally => ({
  scored: 0,
  levels: {},
  earned: 0,
  possible: 0,
  pooled: 0,
  alpha: { n: 0, items: {}, totalSum: 0, totalSquares: 0 },
});

export function addAreaTallies(tallies: (AreaTally | undefined)[]): AreaTally {
  const sum = emptyAreaTally();
  for (const t of tallies) {
    if (!t) continue;
    sum.scored += t.scored;
    sum.earned += t.earned;
    sum.possible += t.possible;
    sum.pooled += t.pooled;
    for (const [level, c] of Object.entries(t.levels)) sum.levels[level] = (sum.levels[level] ?? 0) + c;
    sum.alpha.n += t.alpha.n;
    sum.alpha.totalSum += t.alpha.totalSum;
    sum.alpha.totalSquares += t.alpha.totalSquares;
    for (const [q, s] of Object.entries(t.alpha.items)) {
      const into = (sum.alpha.items[q] ??= { sum: 0, squares: 0 });
      into.sum += s.sum;
      into.squares += s.squares;
    }
  }
  return sum;
}

/**
 * Cronbach's alpha from sums: k/(k−1) · (1 − Σ item variances / variance of totals), the same as
 * `cronbachAlpha` in surveys/scoring.ts over the complete rows (a property test holds them equal).
 */
export function alphaFromSums(sums: AlphaSums, itemCount: number): number | null {
  const { n } = sums;
  const items = Object.values(sums.items);
  const k = itemCount;
  if (n < 2 || k < 2 || items.length !== k) return null;
  const variance = (sum: number, squares: number) => (squares - (sum * sum) / n) / (n - 1);
  const itemVariances = items.reduce((a, s) => a + variance(s.sum, s.squares), 0);
  const totalVariance = variance(sums.totalSum, sums.totalSquares);
  // Sums of squares carry rounding: a variance within 1e-9 of zero is no variance.
  if (Math.abs(totalVariance) < 1e-9) return null;
  return (k / (k - 1)) * (1 - itemVariances / totalVariance);
}

function pooledAreaScore(tally: AreaTally, scoring: Scoring): PooledAreaScore | null {
  if (tally.scored === 0 || tally.pooled !== tally.scored) return null;
  return pooledScore(scoring, tally.earned, tally.possible);
}

export function levelShares(tally: AreaTally, levelIds: readonly string[], rule: GroupRule, scoring?: Scoring): LevelShares {
  const n = tally.scored;
  const suppressed = isSuppressed(n, rule);
  const levels: LevelShares['levels'] = {};
  for (const id of levelIds) {
    const count = tally.levels[id] ?? 0;
    levels[id] = suppressed ? null : { count, share: n ? round1((100 * count) / n) : 0 };
  }
  const shares: LevelShares = { n, levels, suppressed };
  if (scoring) shares.pooled = suppressed ? null : pooledAreaScore(tally, scoring);
  return shares;
}

export interface SeminarPlanRow {
  area: string;
  /** Teachers at the lowest level (deficit) in the cluster. */
  teachersInDeficit: number;
  perSchool: { schoolId: string; teachersInDeficit: number }[];
}

/**
 * The seminar plan (004, item 6): areas ranked by the number of teachers in deficit across the
 * cluster (ties keep the instrument's order), with the number in each school.
 */
export function seminarPlan(
  areaIds: readonly string[],
  schoolIds: readonly string[],
  tally: (area: string, schoolId: string) => AreaTally | undefined,
  deficitLevel: string,
): SeminarPlanRow[] {
  const rows = areaIds.map((area) => {
    const perSchool = schoolIds.map((schoolId) => ({ schoolId, teachersInDeficit: tally(area, schoolId)?.levels[deficitLevel] ?? 0 }));
    return { area, teachersInDeficit: perSchool.reduce((a, s) => a + s.teachersInDeficit, 0), perSchool };
  });
  return rows
    .map((row, order) => ({ row, order }))
    .sort((a, b) => b.row.teachersInDeficit - a.row.teachersInDeficit || a.order - b.order)
    .map(({ row }) => row);
}
