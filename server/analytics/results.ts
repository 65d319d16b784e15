// The results of a campaign: the indicator table (value, target, met, n, change), per-school values,
// role splits, the deficit heat map, the seminar plan and alpha per area. Read from rollups only.
// Disclosure control (server/disclosure/) is applied here, on published counts, so every consumer
// (page, exports, report) gets withheld values, each with its reason, and none can forget it.
import type { Campaign } from '../campaigns/data';
import { earlierCampaigns, findCampaign, listCampaigns } from '../campaigns/planning';
import { isProtected, suppressPartition, suppressTable, type Decision, type TableDecisions, type WithheldReason } from '../disclosure';
import { problem } from '../errors';
import { sharedDiagnostics } from '../diagnostics/service';
import { listSchools } from '../schools/service';
import type { Store } from '../store';
import { getInstrument } from '../surveys/catalogue';
import type { CompiledInstrument } from '../surveys/definition';
import type { Indicator, Instrument, LocalizedText, RespondentType } from '../surveys/instrument';
import { addAreaTallies, alphaFromSums, levelShares, seminarPlan } from './deficits';
import {
  addTallies,
  countValue,
  derivedShare,
  meanValue,
  schoolFigures,
  schoolsNeeded,
  shareOfSchools,
  sharePositive,
  type AnswerTally,
  type GroupRule,
  type IndicatorValue,
  type Target,
} from './indicators';
import { readCampaignTallies, roleQuestion, type CampaignTallies } from './rollups';
import { criterionOf } from './framework-data';
import { onlySchools, sameSchoolChanges } from './same-schools';
import { diagnosticChange, withPooledMinimum } from './diagnostic-change';
import type { CampaignResults, DeficitArea, DeficitResults, IndicatorResult, LevelShares, ResultCampaign, ResultValue } from './views';

export type { CampaignResults, IndicatorResult, ResultCampaign, ResultValue };

/** Shares derived from two monitoring numbers; the instruments hold the numbers, Mera the ratio. */
const derivedIndicators: Record<string, { id: string; title: LocalizedText; numerator: string; denominator: string }[]> = {
  'school-monitoring': [
    {
      id: 'mon_grads_profile_share',
      title: {
        default: 'Доля выпускников, поступивших в вузы по профилю школы, %',
        en: "Share of graduates admitted to universities in the school's profile, %",
      },
      numerator: 'grads_profile_universities',
      denominator: 'grads_total',
    },
  ],
};

/**
 * Which values the minimum group protects (disclosure control): those of anonymous respondents and
 * of teachers' diagnostics. School forms are not personal.
 */
function groupRuleFor(instrument: Instrument, minGroupSize: number): GroupRule {
  return isProtected(instrument) ? { minGroupSize } : {};
}

// ── pure part ──────────────────────────────────────────────────────────────────────────────

/** A value withheld, and why. */
const withhold = <V extends IndicatorValue>(v: V, reason: WithheldReason): V => ({
  ...v,
  value: null,
  met: null,
  change: null,
  suppressed: true,
  withheld: reason,
});

/**
 * A value as published: withheld by the disclosure decision, or (a group with live answers but none
 * published yet: fewer than the minimum group) withheld for too few answers, with its live count.
 */
function decided<V extends IndicatorValue>(v: V, decision: Decision, live: number, rule: GroupRule): V {
  if (rule.minGroupSize === undefined) return v;
  if (decision) return withhold(v, decision);
  if (v.n === 0 && live > 0) return withhold({ ...v, n: live }, 'too_few');
  return v;
}

function questionTallies(
  tallies: CampaignTallies,
  questions: string[],
  match: (g: { schoolId: string; role: string }) => boolean,
): AnswerTally[] {
  const groups = [...tallies.groups.values()].filter(match);
  return questions.map((q) => addTallies(groups.map((g) => g.questions[q])));
}

type Previous = { cluster: Map<string, number | null>; schools: Map<string, number | null>; withheld: Set<string> };

/** An indicator's value from answer tallies, before disclosure control decides what is shown. */
function answerValue(
  indicator: Indicator,
  tallies: AnswerTally[],
  target: Target | null,
  previous: number | null | undefined,
): IndicatorValue {
  const options = { target, previous };
  switch (indicator.kind) {
    case 'mean':
      return meanValue(tallies[0], options);
    case 'count':
      return countValue(tallies[0], indicator.positive, options);
    default:
      return sharePositive(tallies, indicator.positive ?? [], options);
  }
}

/**
 * A required number asked only under a condition (olympiad winners, asked only when there were
 * participants): a form that answered without it had none, so it counts as 0, not as "not reported".
 */
function hiddenCountsAsZero(
  compiled: CompiledInstrument,
  forms: ReadonlyMap<string, Record<string, unknown>>,
  question: string,
): ReadonlyMap<string, Record<string, unknown>> {
  const info = compiled.questions.questions.get(question);
  if (!info || !info.required || info.visibleIf.length === 0 || info.rule.kind !== 'number') return forms;
  return new Map([...forms].map(([schoolId, answers]) => [schoolId, question in answers ? answers : { ...answers, [question]: 0 }]));
}

/** Every indicator of a campaign, from its tallies (and the previous campaign's values for the change). */
function indicatorResults(
  compiled: CompiledInstrument,
  schoolIds: readonly string[],
  tallies: CampaignTallies,
  rule: GroupRule,
  previous?: Map<string, Previous>,
  role?: string,
): IndicatorResult[] {
  const { instrument } = compiled;
  const forms = new Map([...tallies.forms.entries()].map(([s, f]) => [s, f.answers]));
  const results: IndicatorResult[] = [];
  // The roles that answered (live: a role not yet published still has its column, withheld).
  const roles = [...new Set([...tallies.live.values()].map((g) => g.role))].filter((r) => r !== '').sort();
  for (const indicator of instrument.indicators) {
    const target = indicator.target ?? null;
    const prev = previous?.get(indicator.id);
    const base = {
      id: indicator.id,
      title: indicator.title,
      kind: indicator.kind,
      ...(indicator.criterion ? { criterion: indicator.criterion } : {}),
      ...(criterionOf(indicator.id) ? { criterionTitle: criterionOf(indicator.id)!.title } : {}),
    };
    switch (indicator.kind) {
      case 'deficit-area':
        continue; // in the deficits section
      case 'share-of-schools': {
        const positive = indicator.positive ?? [];
        const cluster = shareOfSchools(schoolIds, forms, indicator.questions, positive, { target, previous: prev?.cluster.get('') });
        results.push({
          ...base,
          cluster: { ...cluster, ...(target ? { schoolsNeeded: schoolsNeeded(schoolIds.length, target) } : {}) },
          schools: schoolIds.map((schoolId) => {
            const {
              meeting,
              notMeeting: _n,
              missing: _x,
              ...value
            } = shareOfSchools([schoolId], forms, indicator.questions, positive, { previous: prev?.schools.get(schoolId) });
            const answer = forms.get(schoolId)?.[indicator.questions[0]];
            // A school meets the indicator when its answer does; the cluster's target is for the share.
            return { schoolId, value: { ...value, met: meeting.length === 1, answer: answer === undefined ? null : String(answer) } };
          }),
        });
        break;
      }
      case 'number': {
        const question = indicator.questions[0];
        const { cluster, schools } = schoolFigures(schoolIds, hiddenCountsAsZero(compiled, forms, question), question, {
          target,
          previous: prev?.cluster.get(''),
        });
        results.push({
          ...base,
          cluster,
          schools: schools.map((s) => {
            const previousValue = prev?.schools.get(s.schoolId);
            const change =
              s.value === null || previousValue === null || previousValue === undefined
                ? null
                : Math.round((s.value - previousValue) * 100) / 100;
            return {
              schoolId: s.schoolId,
              value: {
                value: s.value,
                n: s.value === null ? 0 : 1,
                target,
                met: null,
                change,
                suppressed: false,
                difference: s.difference,
              },
            };
          }),
        });
        break;
      }
      default: {
        type Match = (g: { schoolId: string; role: string }) => boolean;
        const value = (match: Match, previousValue?: number | null) =>
          answerValue(indicator, questionTallies(tallies, indicator.questions, match), target, previousValue);
        const live = (match: Match) => [...tallies.live.values()].filter(match).reduce((a, g) => a + g.respondents, 0);
        const ofSchool = (schoolId: string) => (g: { schoolId: string }) => g.schoolId === schoolId;
        const ofCell = (schoolId: string, r: string) => (g: { schoolId: string; role: string }) => g.schoolId === schoolId && g.role === r;
        // The answers split by role (the staff survey): a schools × roles table with its margins.
        const split = roles.length > 1 ? roles : [];
        const filtered = role === undefined ? undefined : split.indexOf(role);
        const inRole = (g: { role: string }) => role === undefined || g.role === role;
        // With a role asked for and no split to take it from, every value is that role's answers.
        const pooledMatch = (match: Match): Match => (split.length ? match : (g) => match(g) && inRole(g));
        // The change is from the same values before: the pooled ones, unless one role's are shown.
        const pooledShown = split.length === 0 || role === undefined;
        const total = value(
          pooledMatch(() => true),
          pooledShown ? prev?.cluster.get('') : undefined,
        );
        const schools = schoolIds.map((s) => value(pooledMatch(ofSchool(s)), pooledShown ? prev?.schools.get(s) : undefined));
        const roleTotals = split.map((r) => value((g) => g.role === r, r === role ? prev?.cluster.get('') : undefined));
        const cells = split.map((r) => schoolIds.map((s) => value(ofCell(s, r), r === role ? prev?.schools.get(s) : undefined)));
        const none = {
          total: null,
          schools: schools.map(() => null),
          roles: split.map(() => null),
          cells: cells.map((c) => c.map(() => null)),
        };
        const d: TableDecisions =
          rule.minGroupSize === undefined
            ? none
            : suppressTable(
                {
                  total: total.n,
                  schools: schools.map((v) => v.n),
                  roles: roleTotals.map((v) => v.n),
                  cells: cells.map((c) => c.map((v) => v.n)),
                },
                rule.minGroupSize,
              );
        const shownCells = split.map((r, ri) =>
          schoolIds.map((schoolId, si) => ({ schoolId, value: decided(cells[ri][si], d.cells[ri][si], live(ofCell(schoolId, r)), rule) })),
        );
        const result: IndicatorResult = {
          ...base,
          cluster: decided(total, d.total, live(pooledMatch(() => true)), rule),
          schools: schoolIds.map((schoolId, si) => ({
            schoolId,
            value: decided(schools[si], d.schools[si], live(pooledMatch(ofSchool(schoolId))), rule),
          })),
        };
        if (split.length) {
          result.roles = split.map((r, ri) => ({
            role: r,
            cluster: decided(
              roleTotals[ri],
              d.roles[ri] ?? d.total,
              live((g) => g.role === r),
              rule,
            ),
            schools: shownCells[ri],
          }));
          if (filtered !== undefined && filtered >= 0) {
            // One role's answers: its cluster value and its cells, as the split shows them.
            result.cluster = result.roles[filtered].cluster;
            result.schools = result.roles[filtered].schools;
          } else if (filtered !== undefined) {
            result.cluster = decided(
              value(() => false),
              null,
              live((g) => g.role === role),
              rule,
            );
            result.schools = schoolIds.map((schoolId) => ({
              schoolId,
              value: decided(
                value(() => false),
                null,
                live(ofCell(schoolId, role!)),
                rule,
              ),
            }));
          }
        }
        results.push(result);
      }
    }
  }
  for (const derived of derivedIndicators[instrument.id] ?? []) {
    const prev = previous?.get(derived.id);
    const { cluster, schools } = derivedShare(schoolIds, forms, derived.numerator, derived.denominator, {
      previous: prev?.cluster.get(''),
    });
    results.push({
      id: derived.id,
      title: derived.title,
      kind: 'derived-share',
      cluster,
      schools: schools.map((s) => {
        const p = prev?.schools.get(s.schoolId);
        return {
          schoolId: s.schoolId,
          value: {
            ...s.value,
            change: s.value.value === null || p === null || p === undefined ? null : Math.round((s.value.value - p) * 10) / 10,
          },
        };
      }),
    });
  }
  return results;
}

function deficitResults(
  compiled: CompiledInstrument,
  schoolIds: readonly string[],
  tallies: CampaignTallies,
  rule: GroupRule,
): DeficitResults | null {
  const scoring = compiled.instrument.scoring;
  if (!scoring) return null;
  const levelIds = scoring.levels.map((l) => l.id);
  const deficitLevel = levelIds[0];
  const topLevel = levelIds[levelIds.length - 1];
  const tally = (area: string, schoolId: string) => tallies.areas.get(area)?.get(schoolId);
  const liveOf = (schoolId: string) =>
    [...tallies.live.values()].filter((g) => g.schoolId === schoolId).reduce((sum, g) => sum + g.respondents, 0);
  const withheldShares = <S extends LevelShares>(shares: S, decision: Decision, live: number): S => {
    if (rule.minGroupSize === undefined) return shares;
    const reason: WithheldReason | null = decision ?? (shares.n === 0 && live > 0 ? 'too_few' : null);
    if (!reason) return shares;
    return {
      ...shares,
      n: shares.n === 0 ? live : shares.n,
      levels: Object.fromEntries(Object.keys(shares.levels).map((l) => [l, null])),
      suppressed: true,
      withheld: reason,
      ...(shares.pooled !== undefined ? { pooled: null } : {}),
    };
  };
  const areas = scoring.areas.map((area): DeficitArea => {
    const shares = schoolIds.map((schoolId) => levelShares(tally(area.id, schoolId) ?? addAreaTallies([]), levelIds, {}, scoring));
    const pooled = addAreaTallies(schoolIds.map((s) => tally(area.id, s)));
    // The heat map's cells: the schools of the cluster, a partition of the cluster's value.
    const clusterDecision: Decision =
      rule.minGroupSize !== undefined && pooled.scored > 0 && pooled.scored < rule.minGroupSize ? 'too_few' : null;
    const decisions =
      rule.minGroupSize === undefined
        ? shares.map(() => null)
        : clusterDecision
          ? shares.map((x) => (x.n > 0 ? clusterDecision : null))
          : suppressPartition(
              shares.map((x) => x.n),
              rule.minGroupSize,
            );
    const perSchool = schoolIds.map((schoolId, i) => ({ schoolId, ...withheldShares(shares[i], decisions[i], liveOf(schoolId)) }));
    const cluster = withheldShares(
      levelShares(pooled, levelIds, {}, scoring),
      clusterDecision,
      [...tallies.live.values()].reduce((a, g) => a + g.respondents, 0),
    );
    const itemCount = compiled.scoringItems?.get(area.id)?.length ?? 0;
    const alphaWithheld = rule.minGroupSize !== undefined && pooled.alpha.n < rule.minGroupSize;
    return {
      area: area.id,
      title: area.title,
      cluster,
      schools: perSchool,
      canTeachOthers: cluster.suppressed ? null : (pooled.levels[topLevel] ?? 0),
      canTeachOthersBySchool: perSchool.map((p) => ({
        schoolId: p.schoolId,
        count: p.suppressed ? null : (tally(area.id, p.schoolId)?.levels[topLevel] ?? 0),
      })),
      alpha: { value: alphaWithheld ? null : roundAlpha(alphaFromSums(pooled.alpha, itemCount)), n: pooled.alpha.n },
    };
  });
  const titles = new Map(scoring.areas.map((a) => [a.id, a.title]));
  const withheld = (area: string, schoolId: string) =>
    areas.find((a) => a.area === area)!.schools.find((s) => s.schoolId === schoolId)!.suppressed;
  const plan = seminarPlan(
    scoring.areas.map((a) => a.id),
    schoolIds,
    tally,
    deficitLevel,
  ).map((row) => ({
    area: row.area,
    title: titles.get(row.area)!,
    teachersInDeficit: areas.find((a) => a.area === row.area)!.cluster.suppressed ? null : row.teachersInDeficit,
    perSchool: row.perSchool.map((s) => ({
      schoolId: s.schoolId,
      teachersInDeficit: withheld(row.area, s.schoolId) ? null : s.teachersInDeficit,
    })),
  }));
  return { levels: scoring.levels.map((l) => ({ id: l.id, title: l.title })), areas, seminarPlan: plan };
}

const roundAlpha = (a: number | null) => (a === null ? null : Math.round(a * 1000) / 1000);

/** Withheld for too few answers (a group without any answer is simply missing). */
const isWithheld = (v: IndicatorValue) => v.suppressed && v.n > 0;

/** The values of a campaign's indicators, by indicator, for the cluster ('') and per school: the "previous" of the next campaign. */
function valuesOf(results: IndicatorResult[]): Map<string, Previous> {
  return new Map(
    results.map((r) => [
      r.id,
      {
        cluster: new Map([['', r.cluster.value]]),
        schools: new Map(r.schools.map((s) => [s.schoolId, s.value.value])),
        withheld: new Set([...(isWithheld(r.cluster) ? [''] : []), ...r.schools.filter((s) => isWithheld(s.value)).map((s) => s.schoolId)]),
      },
    ]),
  );
}

/** The school year a campaign belongs to, "2025/26": September to August; monitoring says its reporting year. */
export function schoolYearOf(campaign: Pick<Campaign, 'opensOn' | 'reportingYear'>): string {
  if (campaign.reportingYear) return campaign.reportingYear;
  const [year, month] = campaign.opensOn.split('-').map(Number);
  const start = month >= 9 ? year : year - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

/** The choices of an instrument's role question (the staff survey's administration / teachers). */
export function rolesOf(instrument: Instrument): { id: string; title: LocalizedText }[] {
  const find = (node: unknown): Record<string, unknown> | undefined => {
    if (Array.isArray(node)) {
      for (const child of node) {
        const found = find(child);
        if (found) return found;
      }
      return undefined;
    }
    if (!node || typeof node !== 'object') return undefined;
    const element = node as Record<string, unknown>;
    if (element.name === roleQuestion && Array.isArray(element.choices)) return element;
    for (const key of ['pages', 'elements', 'templateElements']) {
      const found = find(element[key]);
      if (found) return found;
    }
    return undefined;
  };
  const question = find(instrument.survey);
  const text = (t: unknown, fallback: string): LocalizedText => {
    if (t && typeof t === 'object') return t as LocalizedText;
    const plain = typeof t === 'string' ? t : fallback;
    return { default: plain, en: plain };
  };
  return ((question?.choices ?? []) as unknown[]).map((c) => {
    if (c && typeof c === 'object') {
      const { value, text: title } = c as { value: unknown; text?: unknown };
      return { id: String(value), title: text(title, String(value)) };
    }
    return { id: String(c), title: text(undefined, String(c)) };
  });
}

export interface CampaignListFilters {
  /** Only campaigns this school takes part in (a school coordinator's list). */
  schoolId?: string;
  schoolYear?: string;
  respondentType?: RespondentType;
}

/** Campaigns that can have results (open or closed, not merely planned), the latest first, filtered. */
export async function resultCampaigns(store: Store, filters: CampaignListFilters = {}): Promise<ResultCampaign[]> {
  const campaigns = await listCampaigns(store, filters.schoolId ? { schoolId: filters.schoolId } : {});
  const listed: ResultCampaign[] = [];
  for (const c of campaigns) {
    if (c.status === 'planned') continue;
    const { instrument } = await getInstrument(store, c.instrumentId, c.instrumentVersion);
    const item = {
      id: c._id,
      title: c.title,
      instrumentId: c.instrumentId,
      respondentType: instrument.respondentType,
      schoolYear: schoolYearOf(c),
      status: c.status,
      opensOn: c.opensOn,
      closesOn: c.closesOn,
      schoolIds: filters.schoolId ? [filters.schoolId] : c.schoolIds,
    };
    if (filters.schoolYear && item.schoolYear !== filters.schoolYear) continue;
    if (filters.respondentType && item.respondentType !== filters.respondentType) continue;
    listed.push(item);
  }
  return listed.sort((a, b) => (a.opensOn < b.opensOn ? 1 : a.opensOn > b.opensOn ? -1 : 0));
}

// ── the service ────────────────────────────────────────────────────────────────────────────

/** How many earlier campaigns of the same instrument the trend shows (monitoring: three years side by side and more). */
const trendLength = 4;

export interface ResultsOptions {
  minGroupSize: number;
  /** Only this school's values (the cluster's values stay, for comparison). */
  schoolId?: string;
  /** Only the answers of respondents in this role (the staff survey: "admin", "teacher"). */
  role?: string;
  /** The school whose "can teach others" names are given (its coordinator's request; the route checks the policy). */
  sharedNamesOf?: string;
}

/** Adds to each area the names of the school's teachers at the top level who shared their profile with their school. */
async function withSharedNames(store: Store, campaignId: string, schoolId: string, deficits: DeficitResults): Promise<DeficitResults> {
  const topLevel = deficits.levels[deficits.levels.length - 1]?.id;
  const shared = await sharedDiagnostics(store, campaignId, schoolId);
  const collator = new Intl.Collator('ru');
  return {
    ...deficits,
    areas: deficits.areas.map((a) => ({
      ...a,
      canTeachOthersBySchool: a.canTeachOthersBySchool.map((c) =>
        c.schoolId === schoolId
          ? {
              ...c,
              sharedNames: shared
                .filter((t) => t.levels[a.area] === topLevel)
                .map((t) => t.name)
                .sort(collator.compare),
            }
          : c,
      ),
    })),
  };
}

export async function campaignResults(store: Store, campaignId: string, options: ResultsOptions): Promise<CampaignResults> {
  const campaign = await findCampaign(store, campaignId);
  if (!campaign) throw problem('campaign.not_found', { field: 'id' });
  if (options.schoolId !== undefined && !campaign.schoolIds.includes(options.schoolId)) {
    throw problem('results.school_not_in_campaign', { field: 'school', values: { school: options.schoolId } });
  }
  const compiled = await getInstrument(store, campaign.instrumentId, campaign.instrumentVersion);
  const roles = rolesOf(compiled.instrument);
  if (options.role !== undefined && !roles.some((r) => r.id === options.role)) {
    throw problem('results.role_unknown', {
      field: 'role',
      values: {
        reason: roles.length
          ? `"${options.role}" is not a role of this campaign's respondents (${roles.map((r) => r.id).join(', ')}).`
          : 'This campaign\'s respondents answer without a role: leave out "role".',
      },
    });
  }
  const rule = groupRuleFor(compiled.instrument, options.minGroupSize);
  // Protected values come from published counts (disclosure control: no differencing over time).
  const published = rule.minGroupSize === undefined ? {} : { published: rule.minGroupSize };
  const earlier = await earlierCampaigns(store, campaign, trendLength);
  const previousCampaign = earlier[0] ?? null;
  const [tallies, schools, earlierReads] = await Promise.all([
    readCampaignTallies(store, campaign._id, published),
    listSchools(store),
    Promise.all(
      earlier.map(async (c) => {
        const earlierCompiled = await getInstrument(store, c.instrumentId, c.instrumentVersion);
        const earlierTallies = await readCampaignTallies(
          store,
          c._id,
          isProtected(earlierCompiled.instrument) ? { published: options.minGroupSize } : {},
        );
        return { campaign: c, compiled: earlierCompiled, tallies: earlierTallies };
      }),
    ),
  ]);
  const earlierResults = earlierReads.map((r) =>
    indicatorResults(r.compiled, r.campaign.schoolIds, r.tallies, rule, undefined, options.role),
  );
  const earlierValues = earlierResults.map(valuesOf);
  const previous = earlierValues[0];
  const schoolIds = campaign.schoolIds;
  let indicators = indicatorResults(compiled, schoolIds, tallies, rule, previous, options.role);
  // Changes over the same schools, with intervals and tests for shares of respondents (same-schools.ts).
  const previousRead = earlierReads[0];
  indicators = sameSchoolChanges(
    indicators,
    { schoolIds, tallies, over: (ids) => indicatorResults(compiled, ids, onlySchools(tallies, ids), rule, undefined, options.role) },
    previousRead
      ? {
          schoolIds: previousRead.campaign.schoolIds,
          tallies: previousRead.tallies,
          over: (ids) =>
            indicatorResults(previousRead.compiled, ids, onlySchools(previousRead.tallies, ids), rule, undefined, options.role),
        }
      : null,
    new Map(
      compiled.instrument.indicators
        .filter((i) => i.kind === 'share-positive')
        .map((i) => [i.id, { questions: i.questions, positive: (i.positive ?? []).map(String) }]),
    ),
    options.role,
  );
  // The trend: each indicator's value in the earlier campaigns (oldest first), then this one's.
  const oldestFirst = [...earlierValues].reverse();
  const resultsOldestFirst = [...earlierResults].reverse();
  /** A school's own checklist answer in an earlier campaign (a share of one school cannot tell «частично» from «нет»). */
  const earlierAnswer = (results: IndicatorResult[], indicatorId: string, schoolId: string) =>
    results.find((r) => r.id === indicatorId)?.schools.find((s) => s.schoolId === schoolId)?.value.answer ?? null;
  indicators = indicators.map((i) => ({
    ...i,
    trend: {
      cluster: [...oldestFirst.map((v) => v.get(i.id)?.cluster.get('') ?? null), i.cluster.value],
      schools: i.schools.map((s) => ({
        schoolId: s.schoolId,
        values: [...oldestFirst.map((v) => v.get(i.id)?.schools.get(s.schoolId) ?? null), s.value.value],
        ...(i.kind === 'share-of-schools'
          ? { answers: [...resultsOldestFirst.map((r) => earlierAnswer(r, i.id, s.schoolId)), s.value.answer ?? null] }
          : {}),
      })),
      suppressed: {
        cluster: [...oldestFirst.map((v) => v.get(i.id)?.withheld.has('') ?? false), isWithheld(i.cluster)],
        schools: i.schools.map((s) => ({
          schoolId: s.schoolId,
          values: [...oldestFirst.map((v) => v.get(i.id)?.withheld.has(s.schoolId) ?? false), isWithheld(s.value)],
        })),
      },
    },
  }));
  let deficits = deficitResults(compiled, schoolIds, tallies, rule);
  if (deficits) deficits = withPooledMinimum(deficits, options.minGroupSize);
  const respondentsBySchool = new Map<string, number>();
  // Response counts stay live (they say nothing about the answers).
  for (const g of tallies.live.values())
    if (options.role === undefined || g.role === options.role)
      respondentsBySchool.set(g.schoolId, (respondentsBySchool.get(g.schoolId) ?? 0) + g.respondents);
  for (const schoolId of tallies.forms.keys()) respondentsBySchool.set(schoolId, 1);
  const byId = new Map(schools.map((s) => [s._id, s]));
  let schoolList = schoolIds.map((id) => ({
    id,
    number: byId.get(id)?.number ?? null,
    name: byId.get(id)?.shortName ?? null,
    respondents: respondentsBySchool.get(id) ?? 0,
  }));

  if (options.schoolId !== undefined) {
    const only = options.schoolId;
    const keep = <T extends { schoolId: string }>(xs: T[]) => xs.filter((x) => x.schoolId === only);
    indicators = indicators.map((i) => ({
      ...i,
      schools: keep(i.schools),
      ...(i.trend
        ? {
            trend: {
              ...i.trend,
              schools: keep(i.trend.schools),
              suppressed: { ...i.trend.suppressed, schools: keep(i.trend.suppressed.schools) },
            },
          }
        : {}),
      ...(i.roles ? { roles: i.roles.map((r) => ({ ...r, schools: keep(r.schools) })) } : {}),
    }));
    if (deficits)
      deficits = {
        ...deficits,
        areas: deficits.areas.map((a) => ({ ...a, schools: keep(a.schools), canTeachOthersBySchool: keep(a.canTeachOthersBySchool) })),
        seminarPlan: deficits.seminarPlan.map((p) => ({ ...p, perSchool: keep(p.perSchool) })),
      };
    schoolList = schoolList.filter((s) => s.id === only);
  }

  // The teacher diagnostic: each area's change from the previous diagnostic over the teachers who took both.
  let changeOfDiagnostic =
    deficits && previousRead && compiled.instrument.scoring
      ? await diagnosticChange(store, campaign, previousRead.campaign, compiled.instrument.scoring.areas, options.minGroupSize)
      : undefined;
  if (changeOfDiagnostic && options.schoolId !== undefined) {
    const only = options.schoolId;
    changeOfDiagnostic = {
      ...changeOfDiagnostic,
      areas: changeOfDiagnostic.areas.map((a) => ({ ...a, schools: a.schools.filter((s) => s.schoolId === only) })),
    };
  }

  if (deficits && options.sharedNamesOf !== undefined && campaign.schoolIds.includes(options.sharedNamesOf))
    deficits = await withSharedNames(store, campaign._id, options.sharedNamesOf, deficits);

  return {
    campaign: {
      id: campaign._id,
      title: campaign.title,
      instrumentId: campaign.instrumentId,
      instrumentVersion: campaign.instrumentVersion,
      status: campaign.status,
      opensOn: campaign.opensOn,
      closesOn: campaign.closesOn,
      anonymous: compiled.instrument.anonymous,
      respondentType: compiled.instrument.respondentType,
      schoolYear: schoolYearOf(campaign),
    },
    filters: { schoolId: options.schoolId ?? null, role: options.role ?? null },
    roles,
    previousCampaign: previousCampaign
      ? { id: previousCampaign._id, title: previousCampaign.title, opensOn: previousCampaign.opensOn }
      : null,
    history: [...earlier]
      .reverse()
      .concat(campaign)
      .map((c) => ({ id: c._id, title: c.title, opensOn: c.opensOn })),
    minGroupSize: rule.minGroupSize ?? null,
    schools: schoolList,
    respondents: [...respondentsBySchool.values()].reduce((a, b) => a + b, 0),
    indicators,
    deficits,
    ...(changeOfDiagnostic ? { diagnosticChange: changeOfDiagnostic } : {}),
  };
}
