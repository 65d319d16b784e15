// Reads a SurveyJS definition into the flat list of questions the server needs: each question's
// answer rule, the visibleIf chain of its containers, and requiredness. Also reports every
// feature the server cannot enforce, so such a definition is refused instead of half-checked.
import { ConditionRunner } from 'survey-core';

export type AnswerValue = string | number | boolean;

export interface ChoiceSet {
  values: AnswerValue[];
  other: boolean;
  none: boolean;
}

export type AnswerRule =
  | { kind: 'text'; inputType: 'text' | 'email' | 'url' | 'tel' | 'color'; maxLength: number; minLength: number; regex?: RegExp }
  | { kind: 'number'; min?: number; max?: number }
  | { kind: 'date'; min?: string; max?: string }
  | { kind: 'comment'; maxLength: number; minLength: number }
  | { kind: 'single'; choices: ChoiceSet }
  | { kind: 'multiple'; choices: ChoiceSet; min?: number; max?: number }
  | { kind: 'rating'; values: number[] }
  | { kind: 'boolean' }
  | { kind: 'matrix'; rows: AnswerValue[]; columns: AnswerValue[]; allRowsRequired: boolean };

export interface QuestionInfo {
  name: string;
  type: string;
  rule: AnswerRule;
  required: boolean;
  requiredIf?: ConditionRunner;
  /** visibleIf of the question and of every panel and page around it. */
  visibleIf: ConditionRunner[];
  /** The question keeps a free-text comment under "<name>-Comment" (other item or comment area). */
  commentKey?: string;
  commentOnlyWithOther: boolean;
  commentMaxLength: number;
  /** Numeric bounds of a scale (rating, or single choice with numeric values), for scoring. */
  scale?: { min: number; max: number };
}

export interface CompiledQuestions {
  questions: Map<string, QuestionInfo>;
  /** Every key an answer set may have: question names and their comment keys. */
  answerKeys: Set<string>;
  problems: string[];
}

const DEFAULT_TEXT_MAX = 2000;
const DEFAULT_COMMENT_MAX = 10000;

/** Properties of each element kind the server understands; anything else is refused. */
const common = ['name', 'type', 'title', 'description', 'isRequired', 'visibleIf', 'requiredIf', 'startWithNewLine', 'width', 'minWidth', 'maxWidth', 'titleLocation', 'descriptionLocation', 'hideNumber', 'requiredErrorText', 'readOnly', 'validators', 'defaultValue', 'state', 'indent'];
const choiceProps = ['choices', 'showOtherItem', 'hasOther', 'otherText', 'otherPlaceholder', 'otherErrorText', 'showNoneItem', 'hasNone', 'noneText', 'colCount', 'choicesOrder', 'separateSpecialChoices', 'showCommentArea', 'hasComment', 'commentText', 'commentPlaceholder', 'maxOthersLength', 'placeholder', 'allowClear', 'searchEnabled'];
const allowedProperties: Record<string, string[]> = {
  text: [...common, 'inputType', 'min', 'max', 'step', 'maxLength', 'placeholder', 'autocomplete', 'size', 'inputSize'],
  comment: [...common, 'maxLength', 'placeholder', 'rows', 'autoGrow', 'allowResize'],
  radiogroup: [...common, ...choiceProps],
  dropdown: [...common, ...choiceProps],
  checkbox: [...common, ...choiceProps, 'maxSelectedChoices', 'minSelectedChoices', 'showSelectAllItem', 'selectAllText'],
  tagbox: [...common, ...choiceProps, 'maxSelectedChoices', 'minSelectedChoices'],
  rating: [...common, 'rateMin', 'rateMax', 'rateStep', 'rateValues', 'rateCount', 'minRateDescription', 'maxRateDescription', 'rateType', 'rateDisplayMode', 'displayMode', 'displayRateDescriptionsAsExtremeItems', 'scaleColorMode', 'rateColorMode', 'autoGenerate', 'showCommentArea', 'hasComment', 'commentText'],
  boolean: [...common, 'labelTrue', 'labelFalse', 'renderAs', 'swapOrder'],
  matrix: [...common, 'rows', 'columns', 'isAllRowRequired', 'eachRowRequired', 'alternateRows', 'columnMinWidth', 'rowTitleWidth', 'showHeader', 'rowsOrder'],
  html: ['name', 'type', 'html', 'visibleIf', 'startWithNewLine', 'width', 'minWidth', 'maxWidth'],
  panel: ['name', 'type', 'title', 'description', 'elements', 'visibleIf', 'state', 'showNumber', 'showQuestionNumbers', 'startWithNewLine', 'width', 'innerIndent'],
};
const supportedInputTypes = new Set(['text', 'number', 'email', 'url', 'date', 'tel', 'color']);
const supportedValidators = new Set(['numericvalidator', 'textvalidator', 'regexvalidator', 'emailvalidator']);

type Json = Record<string, unknown>;

function choiceValue(item: unknown): AnswerValue | undefined {
  if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') {
    return typeof item === 'string' && item.includes('|') ? item.split('|')[0] : item;
  }
  if (item && typeof item === 'object' && 'value' in item) {
    const v = (item as { value: unknown }).value;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  }
  return undefined;
}

function condition(expression: unknown, where: string, problems: string[]): ConditionRunner | undefined {
  if (expression === undefined || expression === '') return undefined;
  if (typeof expression !== 'string') {
    problems.push(`${where}: the condition must be a string`);
    return undefined;
  }
  const runner = new ConditionRunner(expression);
  if (!runner.canRun()) problems.push(`${where}: the condition "${expression}" cannot be parsed`);
  return runner;
}

export function compileQuestions(survey: Json): CompiledQuestions {
  const problems: string[] = [];
  const questions = new Map<string, QuestionInfo>();
  const answerKeys = new Set<string>();
  const containerNames = new Set<string>();

  for (const key of ['triggers', 'calculatedValues', 'completedHtmlOnCondition', 'navigateToUrlOnCondition', 'storeOthersAsComment']) {
    if (key in survey) problems.push(`the survey uses "${key}", which the server cannot enforce`);
  }
  const pages = survey.pages ?? (survey.elements ? [{ name: 'page1', elements: survey.elements }] : undefined);
  if (!Array.isArray(pages) || pages.length === 0) {
    problems.push('the survey has no pages');
    return { questions, answerKeys, problems };
  }

  const walk = (elements: unknown, outerConditions: ConditionRunner[], where: string) => {
    if (!Array.isArray(elements)) {
      problems.push(`${where}: "elements" must be a list`);
      return;
    }
    for (const raw of elements) {
      if (!raw || typeof raw !== 'object') {
        problems.push(`${where}: an element is not an object`);
        continue;
      }
      const el = raw as Json;
      const type = String(el.type ?? '');
      const name = typeof el.name === 'string' ? el.name : '';
      const at = `${where} > ${name || '(unnamed ' + type + ')'}`;
      if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
        problems.push(`${at}: the name must start with a letter and hold only letters, digits and _`);
        continue;
      }
      if (questions.has(name) || containerNames.has(name)) problems.push(`${at}: the name "${name}" is used twice`);
      const allowed = allowedProperties[type];
      if (!allowed) {
        problems.push(`${at}: the question type "${type}" is not supported by the server's validator`);
        continue;
      }
      for (const key of Object.keys(el)) {
        if (!allowed.includes(key)) problems.push(`${at}: the property "${key}" is not supported on ${type} questions`);
      }
      const own = condition(el.visibleIf, `${at} visibleIf`, problems);
      const conditions = own ? [...outerConditions, own] : outerConditions;
      if (type === 'panel') {
        containerNames.add(name);
        walk(el.elements, conditions, at);
        continue;
      }
      if (type === 'html') {
        containerNames.add(name);
        continue;
      }
      const info = describeQuestion(el, type, at, problems);
      if (!info) continue;
      const question: QuestionInfo = {
        name,
        type,
        rule: info.rule,
        scale: info.scale,
        required: el.isRequired === true,
        requiredIf: condition(el.requiredIf, `${at} requiredIf`, problems),
        visibleIf: conditions,
        commentOnlyWithOther: false,
        commentMaxLength: typeof el.maxOthersLength === 'number' ? el.maxOthersLength : DEFAULT_TEXT_MAX,
      };
      const hasCommentArea = el.showCommentArea === true || el.hasComment === true;
      if (info.other || hasCommentArea) {
        question.commentKey = `${name}-Comment`;
        question.commentOnlyWithOther = !hasCommentArea;
        answerKeys.add(question.commentKey);
      }
      questions.set(name, question);
      answerKeys.add(name);
    }
  };

  pages.forEach((page: unknown, i: number) => {
    const p = (page ?? {}) as Json;
    const pageName = typeof p.name === 'string' ? p.name : `page ${i + 1}`;
    containerNames.add(pageName);
    for (const key of Object.keys(p)) {
      if (!['name', 'title', 'description', 'elements', 'visibleIf', 'navigationTitle', 'navigationDescription', 'questionsOrder', 'state'].includes(key)) {
        problems.push(`page ${pageName}: the property "${key}" is not supported on pages`);
      }
    }
    const own = condition(p.visibleIf, `page ${pageName} visibleIf`, problems);
    walk(p.elements ?? [], own ? [own] : [], `page ${pageName}`);
  });

  // Conditions may only refer to answers the survey has.
  for (const q of questions.values()) {
    for (const runner of [...q.visibleIf, ...(q.requiredIf ? [q.requiredIf] : [])]) {
      for (const variable of variablesOf(runner)) {
        const base = variable.split(/[.[]/)[0];
        if (!answerKeys.has(base)) problems.push(`question ${q.name}: a condition refers to "{${variable}}", which is no question of this survey`);
      }
    }
  }
  return { questions, answerKeys, problems };
}

function variablesOf(runner: ConditionRunner): string[] {
  const r = runner as unknown as { getVariables?: () => string[] };
  return typeof r.getVariables === 'function' ? r.getVariables() : [];
}

interface Described {
  rule: AnswerRule;
  other: boolean;
  scale?: { min: number; max: number };
}

function describeQuestion(el: Json, type: string, at: string, problems: string[]): Described | undefined {
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const validators = Array.isArray(el.validators) ? (el.validators as Json[]) : [];
  for (const v of validators) {
    if (!supportedValidators.has(String(v.type).toLowerCase())) problems.push(`${at}: the validator "${v.type}" is not supported by the server`);
  }
  const validator = (kind: string) => validators.find((v) => String(v.type).toLowerCase() === kind);

  const choiceSet = (): ChoiceSet | undefined => {
    if (!Array.isArray(el.choices) || el.choices.length === 0) {
      problems.push(`${at}: a choice question needs a non-empty "choices" list`);
      return undefined;
    }
    const values = el.choices.map(choiceValue);
    if (values.some((v) => v === undefined)) {
      problems.push(`${at}: every choice needs a string, number or boolean value`);
      return undefined;
    }
    if (new Set(values).size !== values.length) problems.push(`${at}: two choices have the same value`);
    return { values: values as AnswerValue[], other: el.showOtherItem === true || el.hasOther === true, none: el.showNoneItem === true || el.hasNone === true };
  };

  switch (type) {
    case 'text': {
      const inputType = String(el.inputType ?? 'text');
      if (!supportedInputTypes.has(inputType)) {
        problems.push(`${at}: the input type "${inputType}" is not supported`);
        return undefined;
      }
      if (inputType === 'number') {
        const numeric = validator('numericvalidator');
        const bounds = [num(el.min), num(numeric?.minValue)].filter((v) => v !== undefined) as number[];
        const upper = [num(el.max), num(numeric?.maxValue)].filter((v) => v !== undefined) as number[];
        return { rule: { kind: 'number', min: bounds.length ? Math.max(...bounds) : undefined, max: upper.length ? Math.min(...upper) : undefined }, other: false };
      }
      if (inputType === 'date') {
        return { rule: { kind: 'date', min: typeof el.min === 'string' ? el.min : undefined, max: typeof el.max === 'string' ? el.max : undefined }, other: false };
      }
      const textV = validator('textvalidator');
      const regexV = validator('regexvalidator');
      let regex: RegExp | undefined;
      if (regexV) {
        try {
          regex = new RegExp(String(regexV.regex));
        } catch {
          problems.push(`${at}: the regex validator's pattern is not a valid regular expression`);
        }
      }
      return {
        rule: {
          kind: 'text',
          inputType: (validator('emailvalidator') ? 'email' : inputType) as 'text',
          maxLength: Math.min(num(el.maxLength) ?? DEFAULT_TEXT_MAX, num(textV?.maxLength) ?? DEFAULT_TEXT_MAX) || DEFAULT_TEXT_MAX,
          minLength: num(textV?.minLength) ?? 0,
          regex,
        },
        other: false,
      };
    }
    case 'comment': {
      const textV = validator('textvalidator');
      return { rule: { kind: 'comment', maxLength: Math.min(num(el.maxLength) ?? DEFAULT_COMMENT_MAX, num(textV?.maxLength) ?? DEFAULT_COMMENT_MAX) || DEFAULT_COMMENT_MAX, minLength: num(textV?.minLength) ?? 0 }, other: false };
    }
    case 'radiogroup':
    case 'dropdown': {
      const choices = choiceSet();
      if (!choices) return undefined;
      const numeric = choices.values.every((v) => typeof v === 'number') ? (choices.values as number[]) : undefined;
      return { rule: { kind: 'single', choices }, other: choices.other, scale: numeric ? { min: Math.min(...numeric), max: Math.max(...numeric) } : undefined };
    }
    case 'checkbox':
    case 'tagbox': {
      const choices = choiceSet();
      if (!choices) return undefined;
      return { rule: { kind: 'multiple', choices, min: num(el.minSelectedChoices) || undefined, max: num(el.maxSelectedChoices) || undefined }, other: choices.other };
    }
    case 'rating': {
      let values: number[];
      if (Array.isArray(el.rateValues) && el.rateValues.length > 0) {
        const raw = el.rateValues.map(choiceValue);
        if (!raw.every((v) => typeof v === 'number')) {
          problems.push(`${at}: rating values must be numbers`);
          return undefined;
        }
        values = raw as number[];
      } else {
        const min = num(el.rateMin) ?? 1;
        const max = num(el.rateMax) ?? 5;
        const step = num(el.rateStep) ?? 1;
        if (!(max > min) || !(step > 0) || (max - min) / step > 100) {
          problems.push(`${at}: the rating scale ${min}..${max} by ${step} is not valid`);
          return undefined;
        }
        values = [];
        for (let v = min; v <= max + 1e-9; v += step) values.push(Math.round(v * 1e6) / 1e6);
      }
      return { rule: { kind: 'rating', values }, other: false, scale: { min: Math.min(...values), max: Math.max(...values) } };
    }
    case 'boolean':
      return { rule: { kind: 'boolean' }, other: false };
    case 'matrix': {
      const rows = Array.isArray(el.rows) ? el.rows.map(choiceValue) : [];
      const columns = Array.isArray(el.columns) ? el.columns.map(choiceValue) : [];
      if (rows.length === 0 || columns.length === 0 || rows.some((v) => v === undefined) || columns.some((v) => v === undefined)) {
        problems.push(`${at}: a matrix needs non-empty "rows" and "columns" with values`);
        return undefined;
      }
      return { rule: { kind: 'matrix', rows: rows as AnswerValue[], columns: columns as AnswerValue[], allRowsRequired: el.isAllRowRequired === true || el.eachRowRequired === true }, other: false };
    }
    default:
      problems.push(`${at}: the question type "${type}" is not supported by the server's validator`);
      return undefined;
  }
}
