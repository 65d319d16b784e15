// Scoring of diagnostic instruments, from the instrument's own metadata ("percent-of-max"):
// each answered item earns (points − item min) out of (item max − item min); an area's score is
// 100 × earned / possible over its counted items, and its level is the highest level whose "from"
// the unrounded score reaches (the score shown is rounded to 0.1). Answers listed in an item's
// "notScored" (not part of my job) and skipped items count neither way, unless the item says what a
// skip earns ("ifSkipped", knowledge items: 0). Too few answered items → no score. Items are either
// self-rating or knowledge: each part gets its own earned/possible/score beside the combined one.
import type { QuestionInfo } from './questions';
import type { Scoring } from './instrument';
import type { AreaScore, PartScore, ResponseScores } from './score-views';

export type ScoringPart = 'self-rating' | 'knowledge';

export type { ResponseScores } from './score-views';

export interface ItemRange {
  question: string;
  min: number;
  max: number;
  points?: Record<string, number>;
  part: ScoringPart;
  /** Answers (as strings) that leave the item out. */
  notScored?: string[];
  ifSkipped?: number;
}

type ScoringItem = Scoring['areas'][number]['items'][number];

/** The numeric range of one item, or a problem. */
function itemRange(item: ScoringItem, question: QuestionInfo, where: string, problems: string[]): ItemRange | undefined {
  const notScored = item.notScored?.map(String);
  const part = item.part ?? 'self-rating';
  const rule = question.rule;
  const choiceValues = rule.kind === 'single' ? [...rule.choices.values.map(String), ...(rule.choices.none ? ['none'] : [])] : undefined;
  if (notScored) {
    if (!choiceValues) return void problems.push(`${where}: "notScored" needs a single-choice question`);
    for (const v of notScored)
      if (!choiceValues.includes(v)) problems.push(`${where}: the not-scored answer "${v}" is not a choice of the question`);
  }
  let range: ItemRange | undefined;
  if (item.points) {
    if (!choiceValues) return void problems.push(`${where}: points need a single-choice question`);
    for (const v of choiceValues)
      if (!(v in item.points) && !notScored?.includes(v) && v !== 'none') problems.push(`${where}: the choice "${v}" has no points`);
    if (choiceValues.includes('none') && !('none' in item.points) && !notScored?.includes('none'))
      problems.push(`${where}: the choice "none" has no points`);
    for (const k of Object.keys(item.points))
      if (!choiceValues.includes(k)) problems.push(`${where}: "${k}" is not a choice of the question`);
    const points = Object.values(item.points);
    const min = Math.min(...points);
    const max = Math.max(...points);
    if (!(max > min)) problems.push(`${where}: the points must not all be equal`);
    range = { question: item.question, min, max, points: item.points, part };
  } else if (notScored && rule.kind === 'single') {
    const scored = rule.choices.values.filter((v) => !notScored.includes(String(v)));
    if (rule.choices.none && !notScored.includes('none'))
      problems.push(`${where}: without "points" the answer "none" cannot be scored; list it in "notScored"`);
    if (scored.length < 2 || !scored.every((v) => typeof v === 'number'))
      return void problems.push(`${where}: without "points" the choices other than "notScored" must be numbers`);
    const numbers = scored as number[];
    range = { question: item.question, min: Math.min(...numbers), max: Math.max(...numbers), part };
  } else if (question.scale && question.scale.max > question.scale.min) {
    range = { question: item.question, ...question.scale, part };
  } else {
    return void problems.push(`${where}: without "points" the question must be a numeric scale`);
  }
  if (notScored) range.notScored = notScored;
  if (item.ifSkipped !== undefined) {
    if (item.ifSkipped < range.min || item.ifSkipped > range.max)
      problems.push(`${where}: "ifSkipped" must lie within the item's points (${range.min} to ${range.max})`);
    range.ifSkipped = item.ifSkipped;
  }
  return range;
}

/** Resolves each scoring item to its range; returns problems for items that cannot be scored. */
export function scoringItems(
  scoring: Scoring,
  questions: Map<string, QuestionInfo>,
): { areas: Map<string, ItemRange[]>; problems: string[] } {
  const problems: string[] = [];
  const areas = new Map<string, ItemRange[]>();
  const levelStarts = scoring.levels.map((l) => l.from);
  if (levelStarts[0] !== 0) problems.push('scoring: the first level must start at 0');
  if (levelStarts.some((from, i) => i > 0 && from <= levelStarts[i - 1]))
    problems.push('scoring: levels must be listed with increasing "from"');
  if (new Set(scoring.areas.map((a) => a.id)).size !== scoring.areas.length) problems.push('scoring: two areas have the same id');
  for (const area of scoring.areas) {
    const ranges: ItemRange[] = [];
    for (const item of area.items) {
      const question = questions.get(item.question);
      const where = `scoring area ${area.id}: item "${item.question}"`;
      if (!question) {
        problems.push(`${where} is no question of the survey`);
        continue;
      }
      const range = itemRange(item, question, where, problems);
      if (range) ranges.push(range);
    }
    if (area.minAnswered !== undefined && area.minAnswered > area.items.length)
      problems.push(`scoring area ${area.id}: minAnswered is more than its items`);
    areas.set(area.id, ranges);
  }
  return { areas, problems };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function levelFor(scoring: Scoring, score: number): string {
  let level = scoring.levels[0].id;
  for (const l of scoring.levels) if (score >= l.from) level = l.id;
  return level;
}

/** A score from pooled points (several teachers, or a school): the level from the unrounded value. */
export function pooledScore(
  scoring: Scoring,
  earned: number,
  possible: number,
): { earned: number; possible: number; score: number | null; level: string | null } {
  if (!(possible > 0)) return { earned, possible, score: null, level: null };
  const exact = (100 * earned) / possible;
  return { earned, possible, score: round1(exact), level: levelFor(scoring, exact) };
}

/** The points an answer earns above the item's minimum, or undefined when the item does not count. */
export function itemPoints(range: ItemRange, value: unknown): { earned: number; answered: boolean } | undefined {
  if (value === undefined || value === null)
    return range.ifSkipped === undefined ? undefined : { earned: range.ifSkipped - range.min, answered: false };
  if (range.notScored?.includes(String(value))) return undefined;
  const raw = range.points ? range.points[String(value)] : typeof value === 'number' ? value : undefined;
  return raw === undefined ? undefined : { earned: raw - range.min, answered: true };
}

/** Scores one validated answer set. Pure: same answers, same scores. */
export function scoreAnswers(scoring: Scoring, items: Map<string, ItemRange[]>, answers: Record<string, unknown>): ResponseScores {
  const areas: Record<string, AreaScore> = {};
  for (const area of scoring.areas) {
    const ranges = items.get(area.id) ?? [];
    const parts: Record<ScoringPart, PartScore> = {
      'self-rating': { earned: 0, possible: 0, answered: 0, items: 0, score: null },
      knowledge: { earned: 0, possible: 0, answered: 0, items: 0, score: null },
    };
    for (const range of ranges) {
      const part = parts[range.part];
      part.items++;
      const counted = itemPoints(range, answers[range.question]);
      if (!counted) continue;
      if (counted.answered) part.answered++;
      part.earned += counted.earned;
      part.possible += range.max - range.min;
    }
    const self = parts['self-rating'];
    const knowledge = parts.knowledge;
    const earned = self.earned + knowledge.earned;
    const possible = self.possible + knowledge.possible;
    const answered = self.answered + knowledge.answered;
    const enough = answered >= (area.minAnswered ?? 1) && possible > 0;
    const exact = enough ? (100 * earned) / possible : null;
    const result: AreaScore = {
      score: exact === null ? null : round1(exact),
      level: exact === null ? null : levelFor(scoring, exact),
      answered,
      items: ranges.length,
      earned,
      possible,
    };
    if (knowledge.items > 0) {
      for (const part of [self, knowledge]) part.score = enough && part.possible > 0 ? round1((100 * part.earned) / part.possible) : null;
      result.selfRating = self;
      result.knowledge = knowledge;
    }
    areas[area.id] = result;
  }
  return { method: 'percent-of-max', areas };
}

/**
 * Cronbach's alpha of a set of items (rows: respondents, columns: items; complete rows only):
 * k/(k−1) · (1 − Σ item variances / variance of totals). Null when it is undefined
 * (fewer than two items or two respondents, or no variance in the totals).
 */
export function cronbachAlpha(rows: number[][]): number | null {
  const n = rows.length;
  const k = rows[0]?.length ?? 0;
  if (n < 2 || k < 2) return null;
  const variance = (xs: number[]) => {
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    return xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1);
  };
  const itemVariances = Array.from({ length: k }, (_, j) => variance(rows.map((r) => r[j])));
  const totalVariance = variance(rows.map((r) => r.reduce((a, b) => a + b, 0)));
  if (totalVariance === 0) return null;
  return (k / (k - 1)) * (1 - itemVariances.reduce((a, b) => a + b, 0) / totalVariance);
}
