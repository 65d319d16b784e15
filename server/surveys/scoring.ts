// Scoring of diagnostic instruments, from the instrument's own metadata ("percent-of-max"):
// each answered item earns (value − item min) out of (item max − item min); an area's score is
// 100 × earned / possible over its answered items, and its level is the highest level whose
// "from" the score reaches. Skipped items count neither way; too few answered → no score.
import type { QuestionInfo } from './questions';
import type { Scoring } from './instrument';

export interface AreaScore {
  score: number | null;
  level: string | null;
  answered: number;
  items: number;
}

export interface ResponseScores {
  method: 'percent-of-max';
  areas: Record<string, AreaScore>;
}

export interface ItemRange {
  question: string;
  min: number;
  max: number;
  points?: Record<string, number>;
}

/** Resolves each scoring item to its range; returns problems for items that cannot be scored. */
export function scoringItems(scoring: Scoring, questions: Map<string, QuestionInfo>): { areas: Map<string, ItemRange[]>; problems: string[] } {
  const problems: string[] = [];
  const areas = new Map<string, ItemRange[]>();
  const levelStarts = scoring.levels.map((l) => l.from);
  if (levelStarts[0] !== 0) problems.push('scoring: the first level must start at 0');
  if (levelStarts.some((from, i) => i > 0 && from <= levelStarts[i - 1])) problems.push('scoring: levels must be listed with increasing "from"');
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
      if (item.points) {
        const rule = question.rule;
        if (rule.kind !== 'single') {
          problems.push(`${where}: points need a single-choice question`);
          continue;
        }
        const values = rule.choices.values.map(String);
        for (const v of values) if (!(v in item.points)) problems.push(`${where}: the choice "${v}" has no points`);
        for (const k of Object.keys(item.points)) if (!values.includes(k)) problems.push(`${where}: "${k}" is not a choice of the question`);
        const points = Object.values(item.points);
        const min = Math.min(...points);
        const max = Math.max(...points);
        if (!(max > min)) problems.push(`${where}: the points must not all be equal`);
        ranges.push({ question: item.question, min, max, points: item.points });
      } else if (question.scale && question.scale.max > question.scale.min) {
        ranges.push({ question: item.question, ...question.scale });
      } else {
        problems.push(`${where}: without "points" the question must be a numeric scale`);
      }
    }
    if (area.minAnswered !== undefined && area.minAnswered > area.items.length) problems.push(`scoring area ${area.id}: minAnswered is more than its items`);
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

/** Scores one validated answer set. Pure: same answers, same scores. */
export function scoreAnswers(scoring: Scoring, items: Map<string, ItemRange[]>, answers: Record<string, unknown>): ResponseScores {
  const areas: Record<string, AreaScore> = {};
  for (const area of scoring.areas) {
    const ranges = items.get(area.id) ?? [];
    let earned = 0;
    let possible = 0;
    let answered = 0;
    for (const range of ranges) {
      const value = answers[range.question];
      if (value === undefined) continue;
      const raw = range.points ? range.points[String(value)] : typeof value === 'number' ? value : undefined;
      if (raw === undefined) continue;
      answered++;
      earned += raw - range.min;
      possible += range.max - range.min;
    }
    const enough = answered >= (area.minAnswered ?? 1) && possible > 0;
    const score = enough ? round1((100 * earned) / possible) : null;
    areas[area.id] = { score, level: score === null ? null : levelFor(scoring, score), answered, items: ranges.length };
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
