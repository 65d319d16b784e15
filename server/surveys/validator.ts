// Server-side validation of an answer set against its instrument: the strict rules survey-core
// does not apply on a server (types, choices, bounds, unknown keys, hidden questions), with
// survey-core's ConditionRunner as the authority for visibleIf / requiredIf expressions.
// Answers to questions that end up invisible are dropped (as SurveyJS does on completion).
import { Problem } from '../errors';
import type { AnswerRule, AnswerValue, ChoiceSet, CompiledQuestions, QuestionInfo } from './questions';

export type Answers = Record<string, unknown>;

export interface ValidatedAnswers {
  answers: Record<string, unknown>;
  /** Questions whose answers were dropped because the questions were not visible. */
  dropped: string[];
}

const invalid = (field: string, message: string) => new Problem('response.invalid', 400, message, field);

export function isEmptyAnswer(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value as object).length === 0;
  return false;
}

const list = (values: AnswerValue[]) => values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v))).join(', ');

function choiceAllowed(choices: ChoiceSet, value: unknown): boolean {
  if (choices.other && value === 'other') return true;
  if (choices.none && value === 'none') return true;
  return choices.values.some((v) => v === value);
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks one answer's type and bounds; throws a Problem naming the question. */
function checkAnswer(name: string, rule: AnswerRule, value: unknown): void {
  switch (rule.kind) {
    case 'text':
    case 'comment': {
      if (typeof value !== 'string') throw invalid(name, `Answer to "${name}" must be text.`);
      if (value.length > rule.maxLength) throw invalid(name, `Answer to "${name}" must be at most ${rule.maxLength} characters long.`);
      if (value.trim().length < rule.minLength) throw invalid(name, `Answer to "${name}" must be at least ${rule.minLength} characters long.`);
      if (rule.kind === 'text') {
        if (rule.inputType === 'email' && !emailPattern.test(value)) throw invalid(name, `Answer to "${name}" must be an e-mail address.`);
        if (rule.inputType === 'url' && !URL.canParse(value)) throw invalid(name, `Answer to "${name}" must be a web address.`);
        if (rule.regex && !rule.regex.test(value)) throw invalid(name, `Answer to "${name}" has the wrong format.`);
      }
      return;
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(name, `Answer to "${name}" must be a number.`);
      if (rule.min !== undefined && value < rule.min) throw invalid(name, `Answer to "${name}" must be at least ${rule.min}.`);
      if (rule.max !== undefined && value > rule.max) throw invalid(name, `Answer to "${name}" must be at most ${rule.max}.`);
      return;
    }
    case 'date': {
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
        throw invalid(name, `Answer to "${name}" must be a date (YYYY-MM-DD).`);
      }
      if (rule.min && value < rule.min) throw invalid(name, `Answer to "${name}" must not be before ${rule.min}.`);
      if (rule.max && value > rule.max) throw invalid(name, `Answer to "${name}" must not be after ${rule.max}.`);
      return;
    }
    case 'single':
      if (!choiceAllowed(rule.choices, value)) throw invalid(name, `Answer to "${name}" must be one of ${list(rule.choices.values)}.`);
      return;
    case 'multiple': {
      if (!Array.isArray(value)) throw invalid(name, `Answer to "${name}" must be a list of choices.`);
      for (const item of value) {
        if (!choiceAllowed(rule.choices, item)) throw invalid(name, `Every answer to "${name}" must be one of ${list(rule.choices.values)}.`);
      }
      if (new Set(value).size !== value.length) throw invalid(name, `Answer to "${name}" lists a choice twice.`);
      if (rule.choices.none && value.includes('none') && value.length > 1) throw invalid(name, `Answer to "${name}" cannot combine "none" with other choices.`);
      if (rule.max !== undefined && value.length > rule.max) throw invalid(name, `Answer to "${name}" may have at most ${rule.max} choices.`);
      if (rule.min !== undefined && value.length < rule.min) throw invalid(name, `Answer to "${name}" needs at least ${rule.min} choices.`);
      return;
    }
    case 'rating':
      if (typeof value !== 'number' || !rule.values.includes(value)) {
        throw invalid(name, `Answer to "${name}" must be one of ${rule.values[0]}–${rule.values[rule.values.length - 1]}.`);
      }
      return;
    case 'boolean':
      if (typeof value !== 'boolean') throw invalid(name, `Answer to "${name}" must be true or false.`);
      return;
    case 'matrix': {
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalid(name, `Answer to "${name}" must map rows to columns.`);
      for (const [row, column] of Object.entries(value as object)) {
        if (!rule.rows.some((r) => String(r) === row)) throw invalid(name, `"${row}" is not a row of "${name}".`);
        if (!rule.columns.some((c) => c === column)) throw invalid(name, `Answer to "${name}" row "${row}" must be one of ${list(rule.columns)}.`);
      }
      return;
    }
  }
}

function isVisible(question: QuestionInfo, values: Answers): boolean {
  return question.visibleIf.every((runner) => runner.runValues(values) === true);
}

/** Validates an answer set; returns the answers to store, or throws a Problem (nothing is stored). */
export function validateAnswers(compiled: CompiledQuestions, input: unknown): ValidatedAnswers {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw new Problem('response.invalid', 400, 'The answers must be an object mapping question names to answers.', 'answers');
  }
  const { questions } = compiled;
  const values: Answers = {};
  for (const [key, value] of Object.entries(input as Answers)) {
    if (!compiled.answerKeys.has(key)) throw new Problem('response.unknown_question', 400, `"${key}" is not a question of this survey.`, key);
    if (isEmptyAnswer(value)) continue;
    values[key] = value;
  }
  for (const question of questions.values()) {
    const value = values[question.name];
    if (value !== undefined) checkAnswer(question.name, question.rule, value);
    if (question.commentKey && values[question.commentKey] !== undefined) {
      const comment = values[question.commentKey];
      if (typeof comment !== 'string' || comment.length > question.commentMaxLength) {
        throw invalid(question.commentKey, `The comment on "${question.name}" must be text of at most ${question.commentMaxLength} characters.`);
      }
      const hasOther = value === 'other' || (Array.isArray(value) && value.includes('other'));
      if (question.commentOnlyWithOther && !hasOther) delete values[question.commentKey];
    }
  }

  // Hiding a question can hide others that depend on it: drop until nothing changes.
  const dropped: string[] = [];
  for (let changed = true; changed; ) {
    changed = false;
    for (const question of questions.values()) {
      if (values[question.name] === undefined && (!question.commentKey || values[question.commentKey] === undefined)) continue;
      if (isVisible(question, values)) continue;
      delete values[question.name];
      if (question.commentKey) delete values[question.commentKey];
      dropped.push(question.name);
      changed = true;
    }
  }

  for (const question of questions.values()) {
    const required = question.required || question.requiredIf?.runValues(values) === true;
    const value = values[question.name];
    if (required && value === undefined && isVisible(question, values)) {
      throw new Problem('response.required', 400, `"${question.name}" needs an answer.`, question.name);
    }
    if (value !== undefined && question.rule.kind === 'matrix' && required && question.rule.allRowsRequired) {
      const missing = question.rule.rows.find((r) => (value as Answers)[String(r)] === undefined);
      if (missing !== undefined) throw new Problem('response.required', 400, `Every row of "${question.name}" needs an answer (missing "${missing}").`, question.name);
    }
    const other = value === 'other' || (Array.isArray(value) && value.includes('other'));
    if (other && question.commentOnlyWithOther && isEmptyAnswer(values[question.commentKey!])) {
      throw new Problem('response.required', 400, `Answer to "${question.name}" is "other": describe it in "${question.commentKey}".`, question.commentKey);
    }
  }
  return { answers: values, dropped };
}
