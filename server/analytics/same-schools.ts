// Honest changes on a campaign's results (issue 26, items 3–5): a change is computed over the same
// schools (those in both campaigns that have a value in both), and says so when those are not all of
// them; a pilot is never compared whole with a cluster-wide campaign, nor the next cluster-wide one
// with the pilot. For shares of respondents, the cluster's value carries its 95 % Wilson interval and
// the change the two-proportion z-test; none of this for a census (a share of schools) or a figure.
import { twoProportionTest, wilsonInterval } from './comparisons';
import { round1, type AnswerTally } from './indicators';
import type { CampaignTallies } from './rollups';
import type { IndicatorResult, ResultValue } from './views';

/** Indicators of a campaign computed over some of its schools (results.ts's indicatorResults, with the campaign's instrument and tallies bound). */
export type ResultsOver = (schoolIds: readonly string[]) => IndicatorResult[];

export interface Compared {
  schoolIds: readonly string[];
  over: ResultsOver;
  tallies: CampaignTallies;
}

/** Answers that say the question does not apply (left out of a share's denominator, as sharePositive does). */
const notApplicable = ['not_involved'];

/** Positive answers and all counted answers of a share-positive indicator, pooled over some schools (and one role). */
function pooledCounts(
  tallies: CampaignTallies,
  schoolIds: readonly string[],
  questions: string[],
  positive: readonly string[],
  role?: string,
) {
  const schools = new Set(schoolIds);
  const keys = new Set(positive);
  let x = 0;
  let n = 0;
  for (const g of tallies.groups.values()) {
    if (!schools.has(g.schoolId) || (role !== undefined && g.role !== role)) continue;
    for (const q of questions) {
      const t: AnswerTally | undefined = g.questions[q];
      if (!t) continue;
      n += t.answered - notApplicable.reduce((s, a) => s + (t.byAnswer[a] ?? 0), 0);
      for (const [answer, count] of Object.entries(t.byAnswer)) if (keys.has(answer)) x += count;
    }
  }
  return { x, n };
}

/** Whether a school has a value of this indicator to compare: an answer (school forms) or answers (surveys). */
function hasValue(i: IndicatorResult, schoolId: string): boolean {
  const v = i.schools.find((s) => s.schoolId === schoolId)?.value;
  if (!v) return false;
  if (i.kind === 'share-of-schools') return v.answer !== null && v.answer !== undefined;
  if (i.kind === 'number' || i.kind === 'derived-share') return v.value !== null;
  return v.n > 0;
}

const isRespondentShare = (i: IndicatorResult) => i.kind === 'share-positive';

/**
 * Each indicator's cluster change recomputed over the same schools, with `changeOver` saying over
 * how many and whether those are all of both campaigns'; a school's change only where it has a
 * value this time; for shares of respondents, the Wilson interval and the change's z-test.
 */
export function sameSchoolChanges(
  indicators: IndicatorResult[],
  current: Compared,
  previous: Compared | null,
  positives: ReadonlyMap<string, { questions: string[]; positive: string[] }>,
  role?: string,
): IndicatorResult[] {
  const previousFull = previous ? previous.over(previous.schoolIds) : [];
  return indicators.map((indicator) => {
    const share = isRespondentShare(indicator) ? positives.get(indicator.id) : undefined;
    let cluster: IndicatorResult['cluster'] = { ...indicator.cluster };
    if (share && !cluster.suppressed) {
      const all = pooledCounts(current.tallies, current.schoolIds, share.questions, share.positive, role);
      const ci = wilsonInterval(all.x, all.n);
      if (ci) cluster.interval = { low: round1(ci.low), high: round1(ci.high) };
    }
    // A school's change only where the school has a value this time.
    const schools = indicator.schools.map((s) =>
      hasValue(indicator, s.schoolId) || s.value.change === null ? s : { ...s, value: { ...s.value, change: null } as ResultValue },
    );
    const before = previousFull.find((p) => p.id === indicator.id);
    if (!previous || !before) return { ...indicator, cluster, schools };
    const common = current.schoolIds.filter((id) => previous.schoolIds.includes(id) && hasValue(indicator, id) && hasValue(before, id));
    const sameSchools = common.length === current.schoolIds.length && common.length === previous.schoolIds.length;
    let change = cluster.change;
    if (!sameSchools) {
      const now = current.over(common).find((p) => p.id === indicator.id)?.cluster;
      const then = previous.over(common).find((p) => p.id === indicator.id)?.cluster;
      change =
        common.length > 0 &&
        now &&
        then &&
        now.value !== null &&
        then.value !== null &&
        !now.suppressed &&
        !then.suppressed &&
        !cluster.suppressed
          ? round1(now.value - then.value)
          : null;
    }
    cluster = { ...cluster, change, changeOver: { schools: common.length, sameSchools } };
    if (share && change !== null) {
      const now = pooledCounts(current.tallies, common, share.questions, share.positive, role);
      const then = pooledCounts(previous.tallies, common, share.questions, share.positive, role);
      const test = twoProportionTest(now.x, now.n, then.x, then.n);
      if (test) cluster.changeTest = { z: Math.round(test.z * 100) / 100, p: Math.round(test.p * 1000) / 1000, real: test.real };
    }
    return { ...indicator, cluster, schools };
  });
}

/** A campaign's tallies of some of its schools only (the cluster's values pool every group they hold). */
export function onlySchools(tallies: CampaignTallies, schoolIds: readonly string[]): CampaignTallies {
  const keep = new Set(schoolIds);
  return {
    groups: new Map([...tallies.groups].filter(([, g]) => keep.has(g.schoolId))),
    areas: new Map([...tallies.areas].map(([area, bySchool]) => [area, new Map([...bySchool].filter(([s]) => keep.has(s)))])),
    forms: new Map([...tallies.forms].filter(([s]) => keep.has(s))),
    live: new Map([...tallies.live].filter(([, g]) => keep.has(g.schoolId))),
  };
}
