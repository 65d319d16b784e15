// The аналитическая справка (001, 003, 004) of a campaign: what it holds, as plain data built from
// campaignResults (so the minimum-group rule is already applied) — the facts, the indicator table,
// the schools meeting and missing each target, common problems (missed by two or more schools) and
// particular ones (missed by one), the seminar plan, and for monitoring the dynamics over the last
// three campaigns with the schools' own «проблемы и причины». report-pdf.ts draws it.
import type { QuestionResults } from './question-views';
import { questionResults } from './questions';
import { findCampaign } from '../campaigns/planning';
import type { Store } from '../store';
import { getInstrument } from '../surveys/catalogue';
import type { LocalizedText } from '../surveys/instrument';
import { campaignResults, type CampaignResults, type ResultValue } from './results';
import { readCampaignTallies } from './rollups';

export type ReportLocale = 'ru' | 'en';

/** The monitoring question (v2) where each school writes its problems and their causes. */
const problemsCausesQuestion = 'problems_causes';

/** How many campaigns the dynamics put side by side (monitoring: three years). */
const dynamicsLength = 3;

export const pick = (text: LocalizedText | null | undefined, locale: ReportLocale, fallback = ''): string =>
  text ? (locale === 'en' ? (text.en ?? text.default) : text.default) : fallback;

export interface TargetOutcome {
  indicatorId: string;
  title: string;
  /** School names. */
  meeting: string[];
  missing: string[];
  /** Schools whose value is withheld (too few answers) or not reported: not judged. */
  unknown: string[];
}

export interface ReportProblem {
  title: string;
  schools: string[];
}

export interface ReportData {
  locale: ReportLocale;
  results: CampaignResults;
  instrumentTitle: string;
  /** Only one school's (a school coordinator's) report: other schools are never named. */
  ownSchool: string | null;
  /** The role the report is narrowed to (its title in the report's language), or null for everyone. */
  role: string | null;
  schoolName: (id: string) => string;
  outcomes: TargetOutcome[];
  commonProblems: ReportProblem[];
  particularProblems: ReportProblem[];
  /** Monitoring: the last campaigns (oldest first) and, per school, its own problems and causes. */
  dynamics: {
    campaigns: string[];
    indicators: {
      title: string;
      rows: { school: string; values: (number | null)[]; trend: number | null }[];
      cluster: (number | null)[];
    }[];
  } | null;
  problemsAndCauses: { school: string; text: string }[];
  /** An instrument without indicators or deficits: its results question by question (questions.ts). */
  questions: QuestionResults | null;
}

/** A school meets an indicator's target (true / false; decided on exact counts by the results) or cannot be judged (null). */
const schoolMeets = (value: ResultValue): boolean | null => (value.suppressed ? null : (value.met ?? null));

/** Who meets and who misses each target, and the problems they make: common (two or more schools) and particular (one). */
function targetOutcomes(
  results: CampaignResults,
  schoolName: (id: string) => string,
  locale: ReportLocale,
): { outcomes: TargetOutcome[]; common: ReportProblem[]; particular: ReportProblem[] } {
  const outcomes: TargetOutcome[] = [];
  for (const indicator of results.indicators) {
    if (!indicator.cluster.target) continue;
    const outcome: TargetOutcome = {
      indicatorId: indicator.id,
      title: pick(indicator.title, locale),
      meeting: [],
      missing: [],
      unknown: [],
    };
    for (const s of indicator.schools) {
      const met = schoolMeets(s.value);
      (met === true ? outcome.meeting : met === false ? outcome.missing : outcome.unknown).push(schoolName(s.schoolId));
    }
    outcomes.push(outcome);
  }
  const common = outcomes
    .filter((o) => o.missing.length >= 2)
    .sort((a, b) => b.missing.length - a.missing.length)
    .map((o) => ({ title: o.title, schools: o.missing }));
  const particular = outcomes.filter((o) => o.missing.length === 1).map((o) => ({ title: o.title, schools: o.missing }));
  return { outcomes, common, particular };
}

/** A free answer of any shape as one line of text (a comment, a list, a dynamic panel's rows). */
function answerText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value).trim();
  if (Array.isArray(value)) return value.map(answerText).filter(Boolean).join('; ');
  if (typeof value === 'object')
    return Object.values(value as Record<string, unknown>)
      .map(answerText)
      .filter(Boolean)
      .join(' — ');
  return '';
}

function dynamicsOf(results: CampaignResults, schoolName: (id: string) => string, locale: ReportLocale): ReportData['dynamics'] {
  const from = Math.max(0, results.history.length - dynamicsLength);
  const campaigns = results.history.slice(from).map((c) => pick(c.title, locale));
  const indicators = results.indicators
    .filter((i) => i.trend)
    .map((i) => ({
      title: pick(i.title, locale),
      cluster: i.trend!.cluster.slice(from),
      rows: i.trend!.schools.map((s) => {
        const values = s.values.slice(from);
        const known = values.filter((v): v is number => v !== null);
        return {
          school: schoolName(s.schoolId),
          values,
          trend: known.length >= 2 ? Math.round((known[known.length - 1] - known[0]) * 100) / 100 : null,
        };
      }),
    }));
  return { campaigns, indicators };
}

export interface ReportOptions {
  minGroupSize: number;
  /** A school coordinator's school: only it is named. */
  schoolId?: string;
  /** Only the answers of this role (the page's role filter); its splits by school follow the minimum group. */
  role?: string;
  locale: ReportLocale;
}

export async function campaignReportData(store: Store, campaignId: string, options: ReportOptions): Promise<ReportData> {
  const { locale } = options;
  const results = await campaignResults(store, campaignId, {
    minGroupSize: options.minGroupSize,
    schoolId: options.schoolId,
    role: options.role,
  });
  const campaign = (await findCampaign(store, campaignId))!;
  const { instrument } = await getInstrument(store, campaign.instrumentId, campaign.instrumentVersion);
  const names = new Map(results.schools.map((s) => [s.id, pick(s.name, locale, s.number ? `№ ${s.number}` : s.id)]));
  const schoolName = (id: string) => names.get(id) ?? id;
  const { outcomes, common, particular } = targetOutcomes(results, schoolName, locale);
  const schoolForm = instrument.respondentType === 'school';
  const monitoring = schoolForm && results.indicators.some((i) => i.kind === 'number');
  let problemsAndCauses: ReportData['problemsAndCauses'] = [];
  if (schoolForm) {
    const { forms } = await readCampaignTallies(store, campaignId);
    problemsAndCauses = results.schools
      .map((s) => ({ school: schoolName(s.id), text: answerText(forms.get(s.id)?.answers[problemsCausesQuestion]) }))
      .filter((p) => p.text !== '');
  }
  // Without indicators or deficits, the report holds the results question by question (issue 27).
  const questions =
    !results.indicators.length && !results.deficits
      ? await questionResults(store, campaignId, { minGroupSize: options.minGroupSize, schoolId: options.schoolId, role: options.role })
      : null;
  return {
    locale,
    results,
    instrumentTitle: pick(instrument.title, locale),
    ownSchool: options.schoolId ?? null,
    role: options.role === undefined ? null : pick(results.roles.find((r) => r.id === options.role)?.title, locale, options.role),
    schoolName,
    outcomes,
    commonProblems: common,
    particularProblems: particular,
    dynamics: monitoring ? dynamicsOf(results, schoolName, locale) : null,
    problemsAndCauses,
    questions,
  };
}
