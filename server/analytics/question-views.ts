// What the per-question results API shows (server/analytics/questions.ts), shared with the client,
// which imports these types only: nothing here may need Node or the instruments' code.
import type { LocalizedText } from '../surveys/instrument';

type AnswerValue = string | number | boolean;

export interface Count {
  value: AnswerValue;
  label: LocalizedText;
  count: number;
  /** count / answered, 0..1. */
  share: number;
}

/** One question's (or field's) summary over the answers selected. */
export type Summary =
  | { kind: 'choices'; answered: number; counts: Count[]; mean?: number; median?: number }
  | { kind: 'multiple'; answered: number; counts: Count[] }
  | { kind: 'number'; answered: number; mean: number | null; median: number | null; min: number | null; max: number | null }
  | { kind: 'ranking'; answered: number; items: { value: AnswerValue; label: LocalizedText; meanRank: number | null }[] }
  | { kind: 'matrix'; answered: number; rows: { value: AnswerValue; label: LocalizedText; summary: Summary }[] }
  | { kind: 'fields'; answered: number; fields: { name: string; title: LocalizedText; summary: Summary }[] }
  | { kind: 'text'; answered: number };

/** A summary, or withheld: fewer respondents than the minimum group of an anonymous survey. */
export type Guarded = Summary | { kind: 'withheld'; answered: null };

export interface QuestionResult {
  name: string;
  title: LocalizedText;
  type: string;
  cluster: Guarded;
  school?: Guarded;
}

export interface QuestionResults {
  campaign: { id: string; title: LocalizedText; instrumentId: string; instrumentVersion: number; anonymous: boolean };
  minGroupSize: number | null;
  respondents: { cluster: number; school?: number };
  filter: { question: string; value: string } | null;
  /** Choice questions the results can be filtered by, with their answers. */
  filterQuestions: { name: string; title: LocalizedText; choices: { value: AnswerValue; label: LocalizedText }[] }[];
  questions: QuestionResult[];
}
