// Synthetic answer sets that are valid for any instrument the server supports: used by the
// demo seed, the benchmarks and the tests. A "mood" in [0, 1] tilts scales and yes/no items,
// so schools differ the way real ones do.
import type { CompiledQuestions, QuestionInfo } from '../server/surveys/questions';
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

function answerFor(q: QuestionInfo, random: Random, mood: number): unknown {
  const rule = q.rule;
  switch (rule.kind) {
    case 'rating':
      return rule.values[leaning(random, rule.values.length, mood)];
    case 'single': {
      const values = rule.choices.values;
      const numeric = values.every((v) => typeof v === 'number');
      if (numeric) return [...values].sort((a, b) => Number(a) - Number(b))[leaning(random, values.length, mood)];
      const positiveFirst = ['yes', 'partly', 'no'].every((v) => values.includes(v));
      if (positiveFirst) return ['no', 'partly', 'yes'][leaning(random, 3, mood)];
      return values[Math.floor(random() * values.length)];
    }
    case 'multiple': {
      const values = rule.choices.values;
      const count = Math.max(1, Math.min(rule.max ?? 3, 1 + Math.floor(random() * 3), values.length));
      const picked = new Set<typeof values[number]>();
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
      for (const r of rule.rows) row[String(r)] = rule.columns[leaning(random, rule.columns.length, mood)];
      return row;
    }
    case 'text':
      return rule.inputType === 'email' ? 'someone@example.org' : rule.inputType === 'url' ? 'https://example.org/' : 'Пример';
    case 'comment':
      return comments[Math.floor(random() * comments.length)].slice(0, rule.maxLength);
  }
}

/** One valid answer set (already cleaned by the server's own validator). */
export function syntheticAnswers(compiled: CompiledQuestions, random: Random, mood: number): Record<string, unknown> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const values: Record<string, unknown> = {};
    for (const q of compiled.questions.values()) {
      if (!q.visibleIf.every((c) => c.runValues(values) === true)) continue;
      const required = q.required || q.requiredIf?.runValues(values) === true;
      const skip = q.rule.kind === 'comment' ? random() > 0.2 : random() > 0.85;
      if (!required && skip) continue;
      values[q.name] = answerFor(q, random, mood);
    }
    try {
      return validateAnswers(compiled, values).answers;
    } catch {
      // a later answer hid an earlier required one: draw again
    }
  }
  throw new Error('could not draw a valid synthetic answer set');
}
