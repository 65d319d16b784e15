// Indicator arithmetic, pure: from counts (never raw responses) to values carrying n, the target,
// met / not met, the change from the previous campaign, and the minimum-group rule.
// Shares are percentages (0–100). Whether a target is met is decided on the exact counts, never
// on a rounded value: 89.95% is not 90%, and "above 80" is not met by exactly 80%.
import type { IndicatorValue, Target } from './views';

export type { IndicatorValue, Target };

/** Answers to one question from one group (a school, or a school × role): how many answered, and how often each answer was given. */
export interface AnswerTally {
  answered: number;
  /** String(answer) → count. For a multiple-choice question each chosen value counts once. */
  byAnswer: Record<string, number>;
}

const emptyTally = (): AnswerTally => ({ answered: 0, byAnswer: {} });

export function addTallies(tallies: (AnswerTally | undefined)[]): AnswerTally {
  const sum = emptyTally();
  for (const t of tallies) {
    if (!t) continue;
    sum.answered += t.answered;
    for (const [answer, count] of Object.entries(t.byAnswer)) sum.byAnswer[answer] = (sum.byAnswer[answer] ?? 0) + count;
  }
  return sum;
}

export const round1 = (x: number) => Math.round(x * 10) / 10;

/** Whether numerator/denominator (as a percentage) meets the target, decided on exact integers. */
function shareMeets(numerator: number, denominator: number, target: Target): boolean {
  const left = numerator * 100;
  const right = target.value * denominator;
  return target.op === '>' ? left > right : left >= right;
}

function valueMeets(value: number, target: Target): boolean {
  return target.op === '>' ? value > target.value : value >= target.value;
}

function changeFrom(value: number | null, previous: number | null | undefined): number | null {
  return value === null || previous === null || previous === undefined ? null : round1(value - previous);
}

export interface GroupRule {
  /** The minimum group of anonymous respondents; undefined for values that are not personal (school forms). */
  minGroupSize?: number;
}

export function isSuppressed(respondents: number, rule: GroupRule): boolean {
  return rule.minGroupSize !== undefined && respondents < rule.minGroupSize;
}

function withheld(n: number, target: Target | null): IndicatorValue {
  return { value: null, n, target, met: null, change: null, suppressed: true };
}

export interface ShareInput extends GroupRule {
  numerator: number;
  denominator: number;
  /** Respondents behind the share (for the minimum group); the denominator when not given. */
  respondents?: number;
  target?: Target | null;
  previous?: number | null;
}

/** A share as a percentage, with its target, change and suppression. */
export function shareValue(input: ShareInput): IndicatorValue {
  const target = input.target ?? null;
  const n = input.respondents ?? input.denominator;
  if (isSuppressed(n, input)) return withheld(n, target);
  if (input.denominator === 0) return { value: null, n, target, met: null, change: null, suppressed: false };
  const value = round1((100 * input.numerator) / input.denominator);
  return {
    value,
    n,
    target,
    met: target ? shareMeets(input.numerator, input.denominator, target) : null,
    change: changeFrom(value, input.previous),
    suppressed: false,
  };
}

/** A plain number (a mean, a count, a monitoring figure), with its target, change and suppression. */
function numberValue(
  input: GroupRule & { value: number | null; n: number; target?: Target | null; previous?: number | null; decimals?: number },
): IndicatorValue {
  const target = input.target ?? null;
  if (isSuppressed(input.n, input)) return withheld(input.n, target);
  if (input.value === null || input.n === 0) return { value: null, n: input.n, target, met: null, change: null, suppressed: false };
  const factor = 10 ** (input.decimals ?? 2);
  const value = Math.round(input.value * factor) / factor;
  return {
    value,
    n: input.n,
    target,
    met: target ? valueMeets(input.value, target) : null,
    change: changeFrom(value, input.previous),
    suppressed: false,
  };
}

// ── share of respondents in the top answers ("share-positive") ─────────────────────────────

/**
 * Answers that say the question does not apply to the respondent (the staff survey's «Не участвую»
 * on a stage): not an opinion, so they are left out of a share's denominator and its n.
 */
const notApplicableAnswers: readonly string[] = ['not_involved'];

/**
 * Respondents whose answers are among `positive`, over all who answered, pooled over the given
 * questions (an indicator over three yes/no questions counts every answer to each of them).
 * «Не участвую» answers (`notApplicableAnswers`) count neither way. The minimum group is taken on
 * the respondents: the most answers any one of the questions got. With a target, met is decided on
 * the exact counts: the staff rule (4–5 over all who answered, pooled over the cluster, above 80%)
 * is not met by exactly 80%. Without a target (parent and student satisfaction: 004 sets none)
 * the share is informative: target and met are null.
 */
export function sharePositive(
  tallies: AnswerTally[],
  positive: readonly (string | number | boolean)[],
  options: GroupRule & { target?: Target | null; previous?: number | null },
): IndicatorValue {
  const keys = new Set(positive.map(String));
  let numerator = 0;
  let denominator = 0;
  let respondents = 0;
  for (const t of tallies) {
    const notApplicable = notApplicableAnswers.reduce((sum, a) => sum + (t.byAnswer[a] ?? 0), 0);
    denominator += t.answered - notApplicable;
    respondents = Math.max(respondents, t.answered - notApplicable);
    for (const [answer, count] of Object.entries(t.byAnswer)) if (keys.has(answer)) numerator += count;
  }
  return shareValue({ ...options, numerator, denominator, respondents });
}

/** The mean of numeric answers (ratings, numbers) to one question. */
export function meanValue(tally: AnswerTally, options: GroupRule & { target?: Target | null; previous?: number | null }): IndicatorValue {
  let sum = 0;
  let count = 0;
  for (const [answer, c] of Object.entries(tally.byAnswer)) {
    const x = Number(answer);
    if (answer === '' || !Number.isFinite(x)) continue;
    sum += x * c;
    count += c;
  }
  return numberValue({ ...options, value: count ? sum / count : null, n: count });
}

/** How many respondents gave one of the `positive` answers (all who answered when no positive list). */
export function countValue(
  tally: AnswerTally,
  positive: readonly (string | number | boolean)[] | undefined,
  options: GroupRule & { target?: Target | null; previous?: number | null },
): IndicatorValue {
  const keys = positive ? new Set(positive.map(String)) : undefined;
  const count = keys ? Object.entries(tally.byAnswer).reduce((a, [k, c]) => a + (keys.has(k) ? c : 0), 0) : tally.answered;
  return numberValue({ ...options, value: count, n: tally.answered, decimals: 0 });
}

// ── share of schools (the checklist) ────────────────────────────────────────────────────────

/** Answers besides the positive ones that are shown as "yes or partly" next to the share (the checklist's «частично»). */
const partialAnswers = ['partly'];

export interface SchoolsShare extends IndicatorValue {
  /** The share of schools answering «да» or «частично», beside the value. */
  yesOrPartly: number | null;
  /** Schools meeting it, schools not meeting it, and of those the ones that gave no answer. */
  meeting: string[];
  notMeeting: string[];
  missing: string[];
}

/**
 * The share of the schools taking part whose latest form answers every question with a positive
 * answer. The denominator is every school taking part: a school without an answer counts as not
 * meeting and is listed as missing. School forms are not personal: never suppressed.
 */
export function shareOfSchools(
  schoolIds: readonly string[],
  latestAnswers: ReadonlyMap<string, Record<string, unknown>>,
  questions: readonly string[],
  positive: readonly (string | number | boolean)[],
  options: { target?: Target | null; previous?: number | null } = {},
): SchoolsShare {
  const yes = new Set(positive.map(String));
  const yesOrPartly = new Set([...yes, ...partialAnswers]);
  const meeting: string[] = [];
  const notMeeting: string[] = [];
  const missing: string[] = [];
  let partlyCount = 0;
  for (const schoolId of schoolIds) {
    const answers = latestAnswers.get(schoolId);
    const given = questions.map((q) => answers?.[q]);
    if (given.some((a) => a === undefined)) missing.push(schoolId);
    if (given.every((a) => a !== undefined && yes.has(String(a)))) meeting.push(schoolId);
    else notMeeting.push(schoolId);
    if (given.every((a) => a !== undefined && yesOrPartly.has(String(a)))) partlyCount++;
  }
  const share = shareValue({
    numerator: meeting.length,
    denominator: schoolIds.length,
    target: options.target,
    previous: options.previous,
  });
  return {
    ...share,
    yesOrPartly: schoolIds.length ? round1((100 * partlyCount) / schoolIds.length) : null,
    meeting,
    notMeeting,
    missing,
  };
}

/** The smallest number of schools out of `schools` that meets a share target ("90% of nine schools" is all nine). */
export function schoolsNeeded(schools: number, target: Target): number {
  for (let k = 0; k <= schools; k++) if (shareMeets(k, schools, target)) return k;
  return schools + 1;
}

// ── school figures (monitoring) ─────────────────────────────────────────────────────────────

export interface SchoolFigure {
  schoolId: string;
  value: number | null;
  /** The school's difference from the cluster's mean. */
  difference: number | null;
}

const asNumber = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/**
 * A figure each school reports (monitoring): per school its latest value, the cluster's mean over
 * the schools that reported it (n = those schools), and each school's difference from that mean.
 */
export function schoolFigures(
  schoolIds: readonly string[],
  latestAnswers: ReadonlyMap<string, Record<string, unknown>>,
  question: string,
  options: { target?: Target | null; previous?: number | null } = {},
): { cluster: IndicatorValue; schools: SchoolFigure[] } {
  const values = schoolIds.map((id) => asNumber(latestAnswers.get(id)?.[question]));
  const reported = values.filter((v): v is number => v !== null);
  const mean = reported.length ? reported.reduce((a, b) => a + b, 0) / reported.length : null;
  const cluster = numberValue({ value: mean, n: reported.length, target: options.target, previous: options.previous });
  return {
    cluster,
    schools: schoolIds.map((schoolId, i) => ({
      schoolId,
      value: values[i],
      difference: values[i] === null || mean === null ? null : Math.round((values[i]! - mean) * 100) / 100,
    })),
  };
}

/**
 * A share derived from two reported numbers (graduates admitted to profile universities over
 * graduates): per school, and pooled for the cluster (Σ numerators over Σ denominators) over the
 * schools that reported both with a positive denominator.
 */
export function derivedShare(
  schoolIds: readonly string[],
  latestAnswers: ReadonlyMap<string, Record<string, unknown>>,
  numeratorQuestion: string,
  denominatorQuestion: string,
  options: { target?: Target | null; previous?: number | null } = {},
): { cluster: IndicatorValue; schools: { schoolId: string; value: IndicatorValue }[] } {
  let numerator = 0;
  let denominator = 0;
  let n = 0;
  const schools = schoolIds.map((schoolId) => {
    const answers = latestAnswers.get(schoolId);
    const num = asNumber(answers?.[numeratorQuestion]);
    const den = asNumber(answers?.[denominatorQuestion]);
    if (num === null || den === null || den <= 0)
      return { schoolId, value: shareValue({ numerator: 0, denominator: 0, respondents: 0, target: options.target }) };
    numerator += num;
    denominator += den;
    n++;
    return { schoolId, value: shareValue({ numerator: num, denominator: den, respondents: 1, target: options.target }) };
  });
  return { cluster: shareValue({ numerator, denominator, respondents: n, target: options.target, previous: options.previous }), schools };
}
