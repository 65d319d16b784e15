// A cluster's criteria table for one school year (framework-data.ts says what it is): each
// indicator's value from the year's latest campaign of its instrument (the checklist's latest
// stage, the latest staff survey), its target, met or not, n, the change since last year over
// the same schools, and the schools that miss it; and a schools × indicators matrix.
// Honest comparisons (comparisons.ts): a change is computed over the schools in both years and says
// when those are not all of them; shares of respondents carry a 95 % Wilson interval and a change
// is called real only when the two-proportion z-test puts it beyond chance; shares of schools are
// a census and get neither.
import type { Campaign } from '../campaigns/data';
import { listCampaigns } from '../campaigns/planning';
import { isProtected, suppressPartition } from '../disclosure';
import { listSchools } from '../schools/service';
import { getInstrument } from '../surveys/catalogue';
import type { Store } from '../store';
import { twoProportionTest, wilsonInterval } from './comparisons';
import { defaultCluster, frameworks, type FrameworkIndicator, type IndicatorSource } from './framework-data';
import type {
  ChecklistAnswer,
  FrameworkCell,
  FrameworkChange,
  FrameworkIndicatorView,
  FrameworkSchoolRef,
  FrameworkView,
} from './framework-views';
import { isSuppressed, round1, shareValue } from './indicators';
import { readCampaignTallies, type CampaignTallies } from './rollups';
import { schoolYearOf } from './results';

export type { FrameworkView };

/** "2025/26" for "2026/27". */
function previousSchoolYear(year: string): string {
  const first = Number(year.slice(0, 4)) - 1;
  return `${first}/${String((first + 1) % 100).padStart(2, '0')}`;
}

/** The latest campaign of an instrument in a school year that has begun (open or closed), or null. */
function latestOf(campaigns: Campaign[], instrumentId: string, year: string): Campaign | null {
  const ofYear = campaigns.filter((c) => c.instrumentId === instrumentId && c.status !== 'planned' && schoolYearOf(c) === year);
  return ofYear.sort((a, b) => (a.opensOn < b.opensOn ? 1 : a.opensOn > b.opensOn ? -1 : 0))[0] ?? null;
}

interface Read {
  campaign: Campaign;
  tallies: CampaignTallies;
}

const answerOf = (read: Read, schoolId: string, source: Extract<IndicatorSource, { kind: 'share-of-schools' }>): ChecklistAnswer => {
  const given = read.tallies.forms.get(schoolId)?.answers?.[source.question];
  if (given === undefined || given === null) return null;
  const text = String(given);
  if (source.positive.includes(text)) return 'yes';
  if (source.partly.includes(text)) return 'partly';
  return 'no';
};

/** Respondents giving a positive answer, and all who answered, in some schools. */
function countsOf(read: Read, schoolIds: readonly string[], source: Extract<IndicatorSource, { kind: 'share-positive' }>) {
  const keys = new Set(source.positive.map(String));
  const wanted = new Set(schoolIds);
  let x = 0;
  let n = 0;
  for (const g of read.tallies.groups.values()) {
    if (!wanted.has(g.schoolId)) continue;
    const tally = g.questions[source.question];
    if (!tally) continue;
    n += tally.answered;
    for (const [answer, count] of Object.entries(tally.byAnswer)) if (keys.has(answer)) x += count;
  }
  return { x, n };
}

const intersect = (a: readonly string[], b: readonly string[]) => a.filter((id) => b.includes(id));

function censusIndicator(
  indicator: FrameworkIndicator,
  source: Extract<IndicatorSource, { kind: 'share-of-schools' }>,
  current: Read | null,
  previous: Read | null,
): Omit<FrameworkIndicatorView, 'criterion'> & { cells: Map<string, FrameworkCell> } {
  const base = {
    id: indicator.id,
    number: indicator.number,
    title: indicator.title,
    basis: 'census' as const,
    target: indicator.target,
    targetText: indicator.targetText,
    interval: null,
    withheld: [],
  };
  const cells = new Map<string, FrameworkCell>();
  if (!current)
    return { ...base, value: null, n: 0, met: null, suppressed: false, yesOrPartly: null, change: null, missing: [], source: null, cells };
  const schoolIds = current.campaign.schoolIds;
  const answers = new Map(schoolIds.map((id) => [id, answerOf(current, id, source)]));
  for (const [schoolId, answer] of answers) cells.set(schoolId, { indicatorId: indicator.id, answer, met: answer === 'yes' });
  const yes = [...answers.values()].filter((a) => a === 'yes').length;
  const yesOrPartly = [...answers.values()].filter((a) => a === 'yes' || a === 'partly').length;
  const share = shareValue({ numerator: yes, denominator: schoolIds.length, target: indicator.target });
  let change: FrameworkChange | null = null;
  if (previous) {
    // The same schools: in both years' campaigns, with an answer in both.
    const common = intersect(schoolIds, previous.campaign.schoolIds).filter(
      (id) => answers.get(id) !== null && answerOf(previous, id, source) !== null,
    );
    if (common.length > 0) {
      const now = (100 * common.filter((id) => answers.get(id) === 'yes').length) / common.length;
      const before = (100 * common.filter((id) => answerOf(previous, id, source) === 'yes').length) / common.length;
      change = {
        value: round1(now - before),
        schools: common.length,
        sameSchools: common.length === schoolIds.length && common.length === previous.campaign.schoolIds.length,
        previous: round1(before),
        test: null,
      };
    }
  }
  return {
    ...base,
    value: share.value,
    n: share.n,
    met: share.met,
    suppressed: false,
    yesOrPartly: schoolIds.length ? round1((100 * yesOrPartly) / schoolIds.length) : null,
    change,
    missing: schoolIds.filter((id) => answers.get(id) !== 'yes'),
    source: sourceOf(current.campaign),
    cells,
  };
}

const sourceOf = (c: Campaign) => ({ campaignId: c._id, title: c.title, opensOn: c.opensOn, closesOn: c.closesOn });

function sampleIndicator(
  indicator: FrameworkIndicator,
  source: Extract<IndicatorSource, { kind: 'share-positive' }>,
  current: Read | null,
  previous: Read | null,
  minGroupSize: number,
): Omit<FrameworkIndicatorView, 'criterion'> & { cells: Map<string, FrameworkCell> } {
  const rule = { minGroupSize };
  const base = {
    id: indicator.id,
    number: indicator.number,
    title: indicator.title,
    basis: 'sample' as const,
    target: indicator.target,
    targetText: indicator.targetText,
    yesOrPartly: null,
  };
  const cells = new Map<string, FrameworkCell>();
  if (!current)
    return {
      ...base,
      value: null,
      n: 0,
      met: null,
      suppressed: false,
      interval: null,
      change: null,
      missing: [],
      withheld: [],
      source: null,
      cells,
    };
  const schoolIds = current.campaign.schoolIds;
  const cluster = countsOf(current, schoolIds, source);
  const value = shareValue({ numerator: cluster.x, denominator: cluster.n, target: indicator.target, ...rule });
  // Per school, within the minimum group, with complementary suppression (server/disclosure/): no
  // withheld school can be computed from the cluster's total and the schools shown.
  const perSchool = schoolIds.map((id) => {
    const c = countsOf(current, [id], source);
    return { id, ...c, value: shareValue({ numerator: c.x, denominator: c.n, target: indicator.target, ...rule }) };
  });
  const decisions = suppressPartition(
    perSchool.map((s) => s.n),
    minGroupSize,
  );
  perSchool.forEach((s, i) => {
    if (decisions[i] !== null) s.value = { ...s.value, value: null, met: null, suppressed: true };
  });
  for (const s of perSchool)
    cells.set(s.id, {
      indicatorId: indicator.id,
      value: s.value.suppressed ? null : s.value.value,
      met: s.value.met,
      suppressed: s.value.suppressed,
    });
  const interval = value.suppressed ? null : wilsonInterval(cluster.x, cluster.n);
  let change: FrameworkChange | null = null;
  if (previous && !value.suppressed) {
    const common = intersect(schoolIds, previous.campaign.schoolIds).filter(
      (id) => countsOf(current, [id], source).n > 0 && countsOf(previous, [id], source).n > 0,
    );
    const now = countsOf(current, common, source);
    const before = countsOf(previous, common, source);
    if (common.length > 0 && !isSuppressed(now.n, rule) && !isSuppressed(before.n, rule)) {
      change = {
        value: round1((100 * now.x) / now.n - (100 * before.x) / before.n),
        schools: common.length,
        sameSchools: common.length === schoolIds.length && common.length === previous.campaign.schoolIds.length,
        previous: round1((100 * before.x) / before.n),
        test: twoProportionTest(now.x, now.n, before.x, before.n),
      };
    }
  }
  return {
    ...base,
    value: value.value,
    n: value.n,
    met: value.met,
    suppressed: value.suppressed,
    interval: interval && { low: round1(interval.low), high: round1(interval.high) },
    change,
    missing: perSchool.filter((s) => !s.value.suppressed && s.value.met === false).map((s) => s.id),
    withheld: perSchool.filter((s) => s.value.suppressed && s.n > 0).map((s) => s.id),
    source: sourceOf(current.campaign),
    cells,
  };
}

const byNumber = new Intl.Collator('ru', { numeric: true });

export async function frameworkFor(
  store: Store,
  year: string,
  options: { minGroupSize: number; cluster?: string },
): Promise<FrameworkView> {
  const framework = frameworks[options.cluster ?? defaultCluster];
  const previousYear = previousSchoolYear(year);
  const instrumentIds = [...new Set(framework.criteria.flatMap((c) => c.indicators.map((i) => i.source.instrumentId)))];
  const [campaigns, schools] = await Promise.all([listCampaigns(store), listSchools(store)]);
  const reads = new Map<string, { current: Read | null; previous: Read | null }>();
  const read = async (c: Campaign | null): Promise<Read | null> =>
    c
      ? {
          campaign: c,
          // Values from anonymous respondents come from published counts (no differencing over time).
          tallies: await readCampaignTallies(
            store,
            c._id,
            isProtected((await getInstrument(store, c.instrumentId, c.instrumentVersion)).instrument)
              ? { published: options.minGroupSize }
              : {},
          ),
        }
      : null;
  for (const instrumentId of instrumentIds) {
    const [current, previous] = await Promise.all([
      read(latestOf(campaigns, instrumentId, year)),
      read(latestOf(campaigns, instrumentId, previousYear)),
    ]);
    reads.set(instrumentId, { current, previous });
  }
  const allCells = new Map<string, Map<string, FrameworkCell>>();
  const criteria = framework.criteria.map((criterion) => ({
    id: criterion.id,
    title: criterion.title,
    indicators: criterion.indicators.map((indicator): FrameworkIndicatorView => {
      const { current, previous } = reads.get(indicator.source.instrumentId)!;
      const { cells, ...view } =
        indicator.source.kind === 'share-of-schools'
          ? censusIndicator(indicator, indicator.source, current, previous)
          : sampleIndicator(indicator, indicator.source, current, previous, options.minGroupSize);
      allCells.set(indicator.id, cells);
      return { ...view, criterion: { id: criterion.id, title: criterion.title } };
    }),
  }));
  const indicators = criteria.flatMap((c) => c.indicators);
  const taking = new Set([...reads.values()].flatMap((r) => r.current?.campaign.schoolIds ?? []));
  const schoolRefs: FrameworkSchoolRef[] = schools
    .filter((s) => taking.has(s._id))
    .sort((a, b) => byNumber.compare(a.number, b.number))
    .map((s) => ({ id: s._id, number: s.number, name: s.shortName }));
  return {
    cluster: framework.cluster,
    title: framework.title,
    year,
    previousYear,
    minGroupSize: options.minGroupSize,
    criteria,
    summary: {
      indicators: indicators.length,
      met: indicators.filter((i) => i.met === true).length,
      notMet: indicators.filter((i) => i.met === false).length,
      noValue: indicators.filter((i) => i.met === null).length,
    },
    schools: schoolRefs,
    matrix: schoolRefs.map((s) => ({
      schoolId: s.id,
      cells: indicators.map((i) => allCells.get(i.id)?.get(s.id) ?? { indicatorId: i.id, met: null, notTaking: true }),
    })),
  };
}
