// Synthetic answer sets that are valid for any instrument the server supports: used by the
// demo seed, the benchmarks and the tests. A "mood" in [0, 1] tilts scales and yes/no items,
// so schools differ the way real ones do.
import type { AnswerValue, CompiledQuestions, QuestionInfo } from '../server/surveys/questions';
import { validateAnswers } from '../server/surveys/validator';

export type Random = () => number;

/** A small seeded generator (mulberry32): the same seed gives the same demo every time. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const comments = [
  'Хотелось бы получать результаты контрольных работ быстрее.',
  'Спасибо учителям за подробные пояснения к оценкам.',
  'Удобно смотреть оценки в электронном дневнике.',
  'Не всегда понятно, как выставляется итоговая отметка.',
  'Хорошо бы заранее знать график контрольных работ.',
];

/** Index into n ordered options, leaning to the end when mood is high. */
function leaning(random: Random, n: number, mood: number): number {
  const r = Math.min(0.999999, Math.max(0, random() * 0.6 + mood * 0.55 - 0.1));
  return Math.min(n - 1, Math.floor(r * n));
}

/**
 * A value on a scale, leaning to its top when mood is high. Non-numeric values beside numeric ones
 * («не участвую», «не относится к моей работе») are chosen now and then, as people do.
 */
function onScale(values: readonly AnswerValue[], random: Random, mood: number): AnswerValue {
  const numeric = values.filter((v) => typeof v === 'number').sort((a, b) => Number(a) - Number(b));
  if (numeric.length === 0) return values[leaning(random, values.length, mood)];
  const others = values.filter((v) => typeof v !== 'number');
  if (others.length && random() < 0.06) return others[Math.floor(random() * others.length)];
  return numeric[leaning(random, numeric.length, mood)];
}

function answerFor(q: QuestionInfo, random: Random, mood: number): unknown {
  const rule = q.rule;
  switch (rule.kind) {
    case 'rating':
      return onScale(rule.values, random, mood);
    case 'single': {
      const values = rule.choices.values;
      const numeric = values.filter((v) => typeof v === 'number');
      if (numeric.length >= 3) return onScale(values, random, mood);
      const positiveFirst = ['yes', 'partly', 'no'].every((v) => values.includes(v));
      if (positiveFirst) return ['no', 'partly', 'yes'][leaning(random, 3, mood)];
      return values[Math.floor(random() * values.length)];
    }
    case 'multiple': {
      const values = rule.choices.values;
      const count = Math.max(1, Math.min(rule.max ?? 3, 1 + Math.floor(random() * 3), values.length));
      const picked = new Set<(typeof values)[number]>();
      while (picked.size < count) picked.add(values[Math.floor(random() * values.length)]);
      return [...picked];
    }
    case 'boolean':
      return random() < 0.3 + mood * 0.6;
    case 'number': {
      const min = rule.min ?? 0;
      const max = rule.max ?? Math.max(min + 100, 100);
      return Math.round(min + (max - min) * Math.min(1, random() * 0.5 + mood * 0.4));
    }
    case 'date':
      return '2026-10-15';
    case 'matrix': {
      const row: Record<string, unknown> = {};
      for (const r of rule.rows) row[String(r)] = onScale(rule.columns, random, mood);
      return row;
    }
    case 'text':
      return rule.inputType === 'email' ? 'someone@example.org' : rule.inputType === 'url' ? 'https://example.org/' : 'Пример';
    case 'comment':
      return comments[Math.floor(random() * comments.length)].slice(0, rule.maxLength);
  }
}

/** The leaning of one question: a number for the whole answer set, or one per question (a school's profile). */
export type Mood = number | ((question: QuestionInfo) => number);

/**
 * One valid answer set (already cleaned by the server's own validator). `fixed` answers are given
 * as they are wherever their question is shown (a teacher's role, a checklist's «да»); the rest
 * are drawn.
 */
export function syntheticAnswers(
  compiled: CompiledQuestions,
  random: Random,
  mood: Mood,
  fixed: Record<string, unknown> = {},
): Record<string, unknown> {
  const moodOf = typeof mood === 'number' ? () => mood : mood;
  for (let attempt = 0; attempt < 20; attempt++) {
    const values: Record<string, unknown> = {};
    for (const q of compiled.questions.values()) {
      // A read-only question is not the respondent's to answer (the server fills it, e.g. from the campaign).
      if (q.readOnly || !q.visibleIf.every((c) => c.runValues(values) === true)) continue;
      if (q.name in fixed) {
        if (fixed[q.name] !== undefined) values[q.name] = fixed[q.name];
        continue;
      }
      const required = q.required || q.requiredIf?.runValues(values) === true;
      const skip = q.rule.kind === 'comment' ? random() > 0.2 : random() > 0.85;
      if (!required && skip) continue;
      const answer = answerFor(q, random, moodOf(q));
      if (answer !== undefined) values[q.name] = answer;
    }
    try {
      return validateAnswers(compiled, values).answers;
    } catch {
      // a later answer hid an earlier required one: draw again
    }
  }
  throw new Error('could not draw a valid synthetic answer set');
}
