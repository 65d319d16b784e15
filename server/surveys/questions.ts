// Reads a SurveyJS definition (as SurveyJS Creator exports it) into what the server enforces:
// each question's answer rule, its visibility, availability and requiredness conditions, its
// validators, computed values, and one evaluation order in which every question comes after the
// answers its conditions read. Every feature the server cannot enforce is reported with its JSON
// path, so such a definition is refused instead of half-checked.
import { ConditionRunner, ExpressionRunner, Serializer } from 'survey-core';
import { definitionLimits, expressionSizeProblem } from './limits';
import { compileAnswerPattern, type AnswerPattern } from './regex';
import { isNumeric } from './survey-number';

export type AnswerValue = string | number | boolean;

export interface DefinitionProblem {
  /** JSON path inside the uploaded body, e.g. survey.pages[0].elements[3].choices[2]. */
  path: string;
  message: string;
}

export interface ChoiceSet {
  values: AnswerValue[];
  other: boolean;
  none: boolean;
  /** Choices shown only when their own visibleIf holds. */
  visibleIf?: Map<AnswerValue, ConditionRunner>;
  /** choicesVisibleIf: run with {item} set to each choice. */
  choicesVisibleIf?: ConditionRunner;
}

export interface MatrixRow {
  value: AnswerValue;
  key: string;
  visibleIf?: ConditionRunner;
  /** The matrix's rowsVisibleIf, run with {item} set to the row's value. */
  rowsVisibleIf?: ConditionRunner;
}

/** A column of a simple matrix: a row answered with a hidden column loses its answer on completion. */
export interface MatrixColumn {
  value: AnswerValue;
  visibleIf?: ConditionRunner;
  /** The matrix's columnsVisibleIf, run with {item} set to the column's value. */
  columnsVisibleIf?: ConditionRunner;
}

/** A cell of a matrix column or an item of a multiple text question. */
export interface CellInfo {
  name: string;
  rule: AnswerRule;
  required: boolean;
  validators: ValidatorRule[];
  /** An item that can be hidden is not required (survey-core keeps its values). */
  conditional: boolean;
  /** A matrix column whose values must differ from row to row (isUnique, or the dynamic matrix's keyName). */
  unique?: boolean;
  /** Of a matrix column, run for each row ({row.x}, {rowName}, {rowIndex} and the survey's answers): a hidden or disabled cell keeps its value and is neither required nor validated. */
  visibleIf?: ConditionRunner;
  enableIf?: ConditionRunner;
  requiredIf?: ConditionRunner;
}

export type AnswerRule =
  | { kind: 'text'; inputType: string; format?: RegExp; min?: string; max?: string; maxLength: number }
  | { kind: 'number'; min?: number; max?: number }
  | { kind: 'date'; min?: string; max?: string }
  | { kind: 'comment'; maxLength: number }
  | { kind: 'single'; choices: ChoiceSet }
  | { kind: 'multiple'; choices: ChoiceSet; min?: number; max?: number }
  | { kind: 'ranking'; choices: ChoiceSet; selectToRank: boolean; min?: number; max?: number }
  | { kind: 'rating'; values: AnswerValue[] }
  | { kind: 'boolean'; values: [AnswerValue, AnswerValue] }
  /** rows: the row values (as before, for seeds and scoring); rowInfo: each row's key and visibleIf. */
  | {
      kind: 'matrix';
      rows: AnswerValue[];
      rowInfo: MatrixRow[];
      columns: AnswerValue[];
      columnInfo: MatrixColumn[];
      allRowsRequired: boolean;
      /** eachRowUnique: no two rows answered with the same column. */
      eachRowUnique: boolean;
    }
  | {
      kind: 'matrixdropdown';
      rows: MatrixRow[];
      columns: CellInfo[];
      expressions: { name: string; runner: ExpressionRunner }[];
      /** Columns with a totalType: survey-core adds "<name>-total", which the server does not keep. */
      totals: boolean;
    }
  | {
      kind: 'matrixdynamic';
      columns: CellInfo[];
      expressions: { name: string; runner: ExpressionRunner }[];
      minRows: number;
      maxRows: number;
      totals: boolean;
    }
  | { kind: 'multipletext'; items: CellInfo[] }
  | { kind: 'paneldynamic'; template: Scope; minPanels: number; maxPanels: number }
  | { kind: 'expression'; expression: ExpressionRunner };

export type ValidatorRule =
  | { kind: 'numeric'; min?: number; max?: number }
  | { kind: 'text'; minLength?: number; maxLength?: number; allowDigits: boolean }
  | { kind: 'regex'; regex: AnswerPattern }
  | { kind: 'email' }
  | { kind: 'expression'; condition: ConditionRunner; expression: string }
  | { kind: 'answercount'; min?: number; max?: number };

export interface QuestionInfo {
  name: string;
  type: string;
  rule: AnswerRule;
  required: boolean;
  requiredIf?: ConditionRunner;
  /** visibleIf of the question and of every panel and page around it. */
  visibleIf: ConditionRunner[];
  /** enableIf of the question and of the panels around it: a disabled question is neither required nor validated. */
  enableIf: ConditionRunner[];
  readOnly: boolean;
  validators: ValidatorRule[];
  /** The question keeps a free-text comment under "<name>-Comment" (other item or comment area). */
  commentKey?: string;
  commentOnlyWithOther: boolean;
  commentMaxLength: number;
  /** Numeric bounds of a scale (rating, or single choice with numeric values), for scoring. */
  scale?: { min: number; max: number };
  /** minValueExpression / maxValueExpression of a number or date question: bounds worked out from other answers. */
  minExpression?: ExpressionRunner;
  maxExpression?: ExpressionRunner;
}

export interface CalculatedValue {
  name: string;
  expression: ExpressionRunner;
  includeIntoResult: boolean;
}

/** The questions of one level of answers: the survey, or a dynamic panel's template. */
export interface Scope {
  questions: Map<string, QuestionInfo>;
  /** Questions and calculated values in dependency order: each after every answer its conditions read. */
  order: (QuestionInfo | CalculatedValue)[];
  /** Every key an answer set may have: question names and their comment keys. */
  answerKeys: Set<string>;
}

/**
 * A setvalue or copyvalue trigger, applied to the submitted answers as survey-core's
 * runTriggers() applies them: in order, each when its expression holds (and reads an answer that
 * is there or has just changed), up to three rounds while values keep changing.
 */
export interface TriggerRule {
  kind: 'setvalue' | 'copyvalue';
  path: string;
  expression?: ConditionRunner;
  /** Base names of the answers the expression reads (and fromName for copyvalue). */
  reads: string[];
  /** The expression calls a function: survey-core runs it whatever changed. */
  callsFunction: boolean;
  setToName: string;
  /** setvalue: the value set (undefined clears the answer). */
  setValue?: unknown;
  /** copyvalue: the answer copied. */
  fromName?: string;
}

export interface CompiledQuestions extends Scope {
  calculated: CalculatedValue[];
  triggers: TriggerRule[];
  problems: DefinitionProblem[];
  /** Questions asking for contact details (e-mail, phone, a name): anonymous instruments must declare them. */
  contactQuestions: string[];
  /** Properties accepted but not used by the server (the look, prefills, custom properties), with why. */
  ignored: DefinitionProblem[];
}

const DEFAULT_TEXT_MAX = 2000;
const DEFAULT_COMMENT_MAX = 10000;

const common = [
  'name',
  'type',
  'title',
  'description',
  'isRequired',
  'visibleIf',
  'requiredIf',
  'enableIf',
  'startWithNewLine',
  'width',
  'minWidth',
  'maxWidth',
  'titleLocation',
  'descriptionLocation',
  'hideNumber',
  'requiredErrorText',
  'readOnly',
  'validators',
  'defaultValue',
  'state',
  'indent',
  'visible',
  'page',
  'valueName_none',
  'errorLocation',
  'useDisplayValuesInDynamicTexts',
  'correctAnswer',
  'clearIfInvisible_none',
];
const choiceProps = [
  'choices',
  'choicesVisibleIf',
  'showOtherItem',
  'hasOther',
  'otherText',
  'otherPlaceholder',
  'otherErrorText',
  'showNoneItem',
  'hasNone',
  'noneText',
  'colCount',
  'choicesOrder',
  'separateSpecialChoices',
  'showCommentArea',
  'hasComment',
  'commentText',
  'commentPlaceholder',
  'maxOthersLength',
  'placeholder',
  'allowClear',
  'searchEnabled',
  'choicesEnableIf',
  'hideIfChoicesEmpty',
  'showDontKnowItem_none',
];
const textProps = [
  'inputType',
  'min',
  'max',
  'step',
  'maxLength',
  'placeholder',
  'autocomplete',
  'size',
  'inputSize',
  'textUpdateMode',
  'minErrorText',
  'maxErrorText',
  'dataList',
  'maskType',
  'maskSettings',
];
const cellProps = [
  'choices',
  'choicesVisibleIf',
  'cellType',
  'isRequired',
  'title',
  'name',
  'validators',
  'visibleIf',
  'enableIf',
  'requiredIf',
  'inputType',
  'min',
  'max',
  'maxLength',
  'placeholder',
  'showOtherItem_none',
  'colCount',
  'width',
  'minWidth',
  'totalType',
  'totalDisplayStyle',
  'expression',
  'rateMin',
  'rateMax',
  'rateStep',
  'rateValues',
  'labelTrue',
  'labelFalse',
  'readOnly',
  'displayMode',
  'renderAs',
  'showInMultipleColumns',
  'step',
];
const matrixCommon = [
  'columns',
  'choices',
  'cellType',
  'columnMinWidth',
  'rowTitleWidth',
  'showHeader',
  'alternateRows',
  'verticalAlign',
  'columnLayout',
  'transposeData',
  'columnColCount',
  'horizontalScroll',
  'placeholder',
  'detailPanelMode_none',
];
const allowedProperties: Record<string, string[]> = {
  text: [...common, ...textProps],
  comment: [...common, 'maxLength', 'placeholder', 'rows', 'autoGrow', 'allowResize', 'textUpdateMode'],
  radiogroup: [...common, ...choiceProps, 'showClearButton'],
  dropdown: [...common, ...choiceProps, 'choicesMin', 'choicesMax', 'choicesStep'],
  checkbox: [...common, ...choiceProps, 'maxSelectedChoices', 'minSelectedChoices', 'showSelectAllItem', 'hasSelectAll', 'selectAllText'],
  tagbox: [...common, ...choiceProps, 'maxSelectedChoices', 'minSelectedChoices', 'hideSelectedItems', 'closeOnSelect'],
  ranking: [
    ...common,
    'choices',
    'choicesVisibleIf',
    'choicesOrder',
    'selectToRankEnabled',
    'selectToRankAreasLayout',
    'selectToRankEmptyRankedAreaText',
    'selectToRankEmptyUnrankedAreaText',
    'longTap',
    'maxSelectedChoices',
    'minSelectedChoices',
  ],
  imagepicker: [
    ...common,
    'choices',
    'choicesVisibleIf',
    'choicesOrder',
    'multiSelect',
    'imageFit',
    'imageHeight',
    'imageWidth',
    'minImageWidth',
    'maxImageWidth',
    'minImageHeight',
    'maxImageHeight',
    'showLabel',
    'contentMode',
    'colCount',
  ],
  rating: [
    ...common,
    'rateMin',
    'rateMax',
    'rateStep',
    'rateValues',
    'rateCount',
    'minRateDescription',
    'maxRateDescription',
    'rateType',
    'rateDisplayMode',
    'displayMode',
    'displayRateDescriptionsAsExtremeItems',
    'scaleColorMode',
    'rateColorMode',
    'autoGenerate',
    'showCommentArea',
    'hasComment',
    'commentText',
  ],
  boolean: [...common, 'labelTrue', 'labelFalse', 'renderAs', 'swapOrder', 'valueTrue', 'valueFalse'],
  matrix: [
    ...common,
    'rows',
    'columns',
    'rowsVisibleIf',
    'columnsVisibleIf',
    'isAllRowRequired',
    'eachRowRequired',
    'alternateRows',
    'columnMinWidth',
    'rowTitleWidth',
    'showHeader',
    'rowsOrder',
    'eachRowUnique',
    'hideIfRowsEmpty',
  ],
  matrixdropdown: [...common, ...matrixCommon, 'rows', 'rowsVisibleIf', 'rowsOrder', 'hideIfRowsEmpty', 'totalText'],
  matrixdynamic: [
    ...common,
    ...matrixCommon,
    'rowCount',
    'minRowCount',
    'maxRowCount',
    'addRowText',
    'removeRowText',
    'allowAddRows',
    'allowRemoveRows',
    'addRowLocation',
    'confirmDelete',
    'noRowsText',
    'allowRowsDragAndDrop',
    'hideColumnsIfEmpty',
  ],
  multipletext: [...common, 'items', 'colCount', 'itemSize', 'itemTitleWidth'],
  paneldynamic: [
    ...common,
    'templateElements',
    'templateTitle',
    'templateDescription',
    'templateVisibleIf',
    'panelCount',
    'minPanelCount',
    'maxPanelCount',
    'panelAddText',
    'panelRemoveText',
    'allowAddPanel',
    'allowRemovePanel',
    'displayMode',
    'renderMode',
    'showQuestionNumbers',
    'showRangeInProgress',
    'templateTabTitle',
    'tabTitlePlaceholder',
    'noEntriesText',
    'panelRemoveButtonLocation',
    'confirmDelete',
  ],
  expression: [
    ...common,
    'expression',
    'displayStyle',
    'currency',
    'minimumFractionDigits',
    'maximumFractionDigits',
    'format',
    'precision',
  ],
  html: ['name', 'type', 'html', 'visibleIf', 'startWithNewLine', 'width', 'minWidth', 'maxWidth', 'visible'],
  image: [
    'name',
    'type',
    'imageLink',
    'altText',
    'imageFit',
    'imageHeight',
    'imageWidth',
    'contentMode',
    'visibleIf',
    'startWithNewLine',
    'width',
    'visible',
  ],
  panel: [
    'name',
    'type',
    'title',
    'description',
    'elements',
    'visibleIf',
    'enableIf',
    'state',
    'showNumber',
    'showQuestionNumbers',
    'startWithNewLine',
    'width',
    'innerIndent',
    'visible',
    'questionsOrder',
    'readOnly',
    'questions',
  ],
};
allowedProperties.text.push('minValueExpression', 'maxValueExpression');
allowedProperties.matrixdynamic.push('keyName');
const refusedTypes: Record<string, string> = {
  file: 'a file upload cannot be checked by the server and would put documents inside anonymous answers',
  signaturepad: 'a signature identifies the respondent and is an image the server cannot check',
};
const dropped = (list: string[]) => list.filter((p) => !p.endsWith('_none'));
for (const key of Object.keys(allowedProperties)) allowedProperties[key] = dropped(allowedProperties[key]);

/**
 * Properties that change which answers are valid, or where they are kept, in ways the server does
 * not enforce: a definition using them is refused. Each entry says when (some values are fine).
 * Every other property the server does not read changes only the page (the look, prefills, the
 * order of things) or is a custom property survey-core ignores: it is accepted and listed as ignored.
 */
const refusedProperties: Record<string, { refuses: (value: unknown) => boolean; why: string }> = {
  valueName: {
    refuses: (v) => v !== undefined && v !== '',
    why: 'it keeps the answer under another name (shared answers are not supported)',
  },
  clearIfInvisible: {
    refuses: (v) => v === 'none',
    why: '"none" keeps answers to hidden questions, which the server drops as survey-core does by default',
  },
  bindings: { refuses: (v) => isObject(v) && Object.keys(v).length > 0, why: 'it ties a count to another answer' },
  choicesFromQuestion: { refuses: (v) => !!v, why: 'choices copied from another answer are not supported; list the choices' },
  choiceValuesFromQuestion: { refuses: (v) => !!v, why: 'choices copied from another answer are not supported; list the choices' },
  choiceTextsFromQuestion: { refuses: (v) => !!v, why: 'choices copied from another answer are not supported; list the choices' },
  choicesByUrl: {
    refuses: (v) => isObject(v) && !!v.url,
    why: 'choices loaded from a web service cannot be checked by the server; list the choices',
  },
  showRefuseItem: { refuses: (v) => v === true, why: 'the "refuse to answer" item is not supported yet' },
  showDontKnowItem: { refuses: (v) => v === true, why: 'the "don\'t know" item is not supported yet' },
  storeOthersAsComment: { refuses: (v) => v === false, why: '"other" answers are kept in "<name>-Comment"' },
  allowCustomChoices: {
    refuses: (v) => v === true,
    why: 'it lets the respondent add any value, which the server cannot tell from a wrong one',
  },
  valuePropertyName: { refuses: (v) => !!v, why: 'it keeps choices as objects' },
  detailElements: { refuses: (v) => Array.isArray(v) && v.length > 0, why: 'detail panels of matrix rows are not supported' },
  detailPanelMode: { refuses: (v) => v !== undefined && v !== 'none', why: 'detail panels of matrix rows are not supported' },
  totalExpression: {
    refuses: (v) => !!v,
    why: 'totals computed by an expression are not supported (totalType sum, count, min, max and avg are)',
  },
};

/** survey-core's classes of the elements Mera reads (for telling its own properties from custom ones). */
const surveyCoreClass: Record<string, string> = { page: 'page', column: 'matrixdropdowncolumn', item: 'multipletextitem' };

/** Why an ignored property is ignored, in a sentence. */
const pageBehaviour = new Set([
  'defaultValueExpression',
  'setValueIf',
  'setValueExpression',
  'resetValueIf',
  'defaultRowValue',
  'defaultPanelValue',
  'copyDefaultValueFromLastEntry',
  'defaultValueFromLastPanel',
]);

function ignoredBecause(className: string, key: string): string {
  if (pageBehaviour.has(key))
    return `"${key}" fills in or clears the answer while the page is answered: the server checks the answer the page sends like any other.`;
  if (!Serializer.findProperty(surveyCoreClass[className] ?? className, key))
    return `"${key}" is not a SurveyJS property (a custom property, or an older spelling): survey-core and Mera ignore it.`;
  return `"${key}" changes only the page (its look, prefills or order): the server checks the answers without it.`;
}

/** Formats of text answers per input type, as the browser's input of that type produces them. */
const textFormats: Record<string, RegExp | undefined> = {
  text: undefined,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  url: undefined,
  tel: /^[0-9+()\-.\s]{3,40}$/,
  color: /^#[0-9a-fA-F]{6}$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  'datetime-local': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/,
  time: /^\d{2}:\d{2}(:\d{2})?$/,
  month: /^\d{4}-\d{2}$/,
  week: /^\d{4}-W\d{2}$/,
};
const numericInputTypes = new Set(['number', 'range']);
const validatorKinds: Record<string, ValidatorRule['kind']> = {
  numeric: 'numeric',
  numericvalidator: 'numeric',
  text: 'text',
  textvalidator: 'text',
  regex: 'regex',
  regexvalidator: 'regex',
  email: 'email',
  emailvalidator: 'email',
  expression: 'expression',
  expressionvalidator: 'expression',
  answercount: 'answercount',
  answercountvalidator: 'answercount',
};
const CONTACT_WORDS =
  /(e-?mail|phone|telephone|mobile|full[ _]?name|first[ _]?name|last[ _]?name|surname|fio|почт|телефон|фио|имя|фамили|отчеств)/i;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function choiceValue(item: unknown): AnswerValue | undefined {
  if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') {
    return typeof item === 'string' && item.includes('|') ? item.split('|')[0] : item;
  }
  if (isObject(item) && 'value' in item) {
    const v = item.value;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  }
  return undefined;
}

/**
 * Names and values that become object keys in answers: any text SurveyJS accepts, except the
 * names of JavaScript's object machinery. Keys with "." or "$" are encoded where they are stored
 * (responses/answer-keys.ts).
 */
function badKey(key: string): string | undefined {
  if (key === '__proto__' || key === 'constructor' || key === 'prototype') return 'is a reserved word';
  return undefined;
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isObject(value))
    return Object.values(value)
      .filter((v) => typeof v === 'string')
      .join(' ');
  return '';
}

/** Expressions parsed ahead of the compile (by text), so that an upload can parse them in slices. */
export interface ParsedExpressions {
  conditions: Map<string, ConditionRunner>;
  calculations: Map<string, ExpressionRunner>;
}

const conditionKeys = new Set([
  'visibleIf',
  'enableIf',
  'requiredIf',
  'choicesVisibleIf',
  'templateVisibleIf',
  'rowsVisibleIf',
  'expression',
]);

/**
 * Parses every expression of a definition with survey-core's parser, yielding to the event loop
 * every few milliseconds: parsing is the costly part of checking a large definition, and an
 * upload must not keep other requests waiting. The definition's depth must be checked first.
 */
export async function parseExpressionsInSlices(definition: unknown, sliceMs = 5): Promise<ParsedExpressions> {
  const parsed: ParsedExpressions = { conditions: new Map(), calculations: new Map() };
  const stack: unknown[] = [definition];
  let sliceStart = performance.now();
  while (stack.length) {
    const value = stack.pop();
    if (!value || typeof value !== 'object') continue;
    for (const [key, child] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
      if (child && typeof child === 'object') stack.push(child);
      if (typeof key !== 'string' || !conditionKeys.has(key) || typeof child !== 'string' || expressionSizeProblem(child)) continue;
      if (!parsed.conditions.has(child)) parsed.conditions.set(child, new ConditionRunner(child));
      if (key === 'expression' && !parsed.calculations.has(child)) parsed.calculations.set(child, new ExpressionRunner(child));
      if (performance.now() - sliceStart > sliceMs) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
  }
  return parsed;
}

class Compiler {
  constructor(private readonly parsed?: ParsedExpressions) {}

  problems: DefinitionProblem[] = [];
  elements = 0;
  names = new Set<string>();
  contactQuestions: string[] = [];
  ignored: DefinitionProblem[] = [];

  problem(path: string, message: string) {
    this.problems.push({ path, message });
  }

  /**
   * The properties of an element the server does not read: refused when they change which answers
   * are valid (refusedProperties), otherwise listed as ignored.
   */
  properties(obj: Json, allowed: readonly string[], className: string, path: string, label: string) {
    for (const key of Object.keys(obj)) {
      if (allowed.includes(key)) continue;
      const refusal = refusedProperties[key];
      if (refusal?.refuses(obj[key])) this.problem(`${path}.${key}`, `"${key}" is not supported on ${label}: ${refusal.why}.`);
      else if (!refusal) this.ignored.push({ path: `${path}.${key}`, message: ignoredBecause(className, key) });
    }
  }

  expression(value: unknown, path: string, what: string): string | undefined {
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') {
      this.problem(path, `${what} must be an expression written as text.`);
      return undefined;
    }
    const size = expressionSizeProblem(value);
    if (size) {
      this.problem(path, `${what} ${size}.`);
      return undefined;
    }
    return value;
  }

  condition(value: unknown, path: string, what: string): ConditionRunner | undefined {
    const text = this.expression(value, path, what);
    if (text === undefined) return undefined;
    const runner = this.parsed?.conditions.get(text) ?? new ConditionRunner(text);
    if (!runner.canRun()) {
      this.problem(path, `${what} "${text}" cannot be read as a SurveyJS expression.`);
      return undefined;
    }
    return runner;
  }

  calculation(value: unknown, path: string, what: string): ExpressionRunner | undefined {
    const text = this.expression(value, path, what);
    if (text === undefined) {
      if (value === undefined || value === '') this.problem(path, `${what} is missing.`);
      return undefined;
    }
    const runner = this.parsed?.calculations.get(text) ?? new ExpressionRunner(text);
    if (!runner.canRun()) {
      this.problem(path, `${what} "${text}" cannot be read as a SurveyJS expression.`);
      return undefined;
    }
    return runner;
  }

  choices(el: Json, path: string, label: string, key = 'choices', inherited?: unknown): ChoiceSet | undefined {
    let list = el[key] ?? inherited;
    // A dropdown's choicesMin..choicesMax (by choicesStep) adds numbers after its choices, as survey-core does.
    const generated = this.numberChoices(el, path, label);
    if (generated.length) list = [...(Array.isArray(list) ? list : []), ...generated];
    if (Array.isArray(list) && list.length === 0 && !el.showOtherItem && !el.hasOther) {
      // survey-core takes an empty list (a page fills it in code): nothing can be chosen, so only no answer is taken.
      this.ignored.push({
        path: `${path}.${key}`,
        message: `${label} has no choices: the server takes no answer to it (a page that fills choices in code is not run on the server).`,
      });
    } else if (!Array.isArray(list) || list.length === 0) {
      this.problem(`${path}.${key}`, `${label} needs a non-empty list of choices.`);
      return undefined;
    }
    if (list.length > definitionLimits.choices) {
      this.problem(`${path}.${key}`, `${label} has ${list.length} choices; the limit is ${definitionLimits.choices}.`);
      return undefined;
    }
    const values: AnswerValue[] = [];
    let visibleIf: Map<AnswerValue, ConditionRunner> | undefined;
    list.forEach((item, i) => {
      const value = choiceValue(item);
      if (value === undefined) {
        this.problem(`${path}.${key}[${i}]`, `Every choice of ${label} needs a text, number or true/false value.`);
        return;
      }
      if (typeof value === 'string' && badKey(value))
        this.problem(`${path}.${key}[${i}]`, `The choice value "${value}" of ${label} ${badKey(value)}; choose another value.`);
      if (values.includes(value)) this.problem(`${path}.${key}[${i}]`, `Two choices of ${label} have the value ${JSON.stringify(value)}.`);
      values.push(value);
      if (isObject(item)) {
        this.properties(
          item,
          ['value', 'text', 'visibleIf', 'enableIf', 'imageLink'],
          'itemvalue',
          `${path}.${key}[${i}]`,
          `a choice of ${label}`,
        );
        const own = this.condition(
          item.visibleIf,
          `${path}.${key}[${i}].visibleIf`,
          `The visibleIf of choice ${JSON.stringify(value)} of ${label}`,
        );
        if (own) (visibleIf ??= new Map()).set(value, own);
      }
    });
    const choicesVisibleIf = this.condition(el.choicesVisibleIf, `${path}.choicesVisibleIf`, `The choicesVisibleIf of ${label}`);
    return {
      values,
      other: el.showOtherItem === true || el.hasOther === true,
      none: el.showNoneItem === true || el.hasNone === true,
      visibleIf,
      choicesVisibleIf,
    };
  }

  numberChoices(el: Json, path: string, label: string): number[] {
    const min = num(el.choicesMin);
    const max = num(el.choicesMax);
    if (el.type !== 'dropdown' || min === undefined || max === undefined || max <= min) return [];
    const step = num(el.choicesStep) ?? 1;
    if (!(step > 0) || (max - min) / step > definitionLimits.choices) {
      this.problem(
        `${path}.choicesMax`,
        `${label} would have more than ${definitionLimits.choices} choices from choicesMin to choicesMax.`,
      );
      return [];
    }
    const values: number[] = [];
    for (let v = min; v <= max + 1e-9; v += step) values.push(Math.round(v * 1e6) / 1e6);
    return values;
  }

  rows(el: Json, path: string, label: string): MatrixRow[] | undefined {
    if (!Array.isArray(el.rows) || el.rows.length === 0) {
      this.problem(`${path}.rows`, `${label} needs a non-empty list of rows.`);
      return undefined;
    }
    if (el.rows.length > definitionLimits.choices) {
      this.problem(`${path}.rows`, `${label} has ${el.rows.length} rows; the limit is ${definitionLimits.choices}.`);
      return undefined;
    }
    const rows: MatrixRow[] = [];
    const rowsVisibleIf = this.condition(el.rowsVisibleIf, `${path}.rowsVisibleIf`, `The rowsVisibleIf of ${label}`);
    el.rows.forEach((item, i) => {
      const value = choiceValue(item);
      const key = String(value);
      if (value === undefined) return this.problem(`${path}.rows[${i}]`, `Every row of ${label} needs a value.`);
      if (badKey(key))
        return this.problem(`${path}.rows[${i}]`, `The row value "${key}" of ${label} ${badKey(key)}; choose another value.`);
      if (rows.some((r) => r.key === key)) this.problem(`${path}.rows[${i}]`, `Two rows of ${label} have the value "${key}".`);
      const visibleIf = isObject(item)
        ? this.condition(item.visibleIf, `${path}.rows[${i}].visibleIf`, `The visibleIf of row "${key}" of ${label}`)
        : undefined;
      rows.push({ value, key, visibleIf, rowsVisibleIf });
    });
    return rows;
  }

  validators(el: Json, path: string, label: string, allowed: ValidatorRule['kind'][]): ValidatorRule[] {
    if (el.validators === undefined) return [];
    if (!Array.isArray(el.validators)) {
      this.problem(`${path}.validators`, `The validators of ${label} must be a list.`);
      return [];
    }
    const rules: ValidatorRule[] = [];
    el.validators.forEach((v: unknown, i: number) => {
      const at = `${path}.validators[${i}]`;
      const type = isObject(v) ? String(v.type ?? '').toLowerCase() : '';
      const kind = validatorKinds[type];
      if (!isObject(v) || !kind)
        return this.problem(
          at,
          `The validator "${isObject(v) ? String(v.type) : v}" of ${label} is not one the server supports (numeric, text, regex, email, expression, answercount).`,
        );
      if (!allowed.includes(kind)) return this.problem(at, `A ${kind} validator cannot be enforced on ${label}.`);
      switch (kind) {
        case 'numeric':
          return void rules.push({ kind, min: num(v.minValue), max: num(v.maxValue) });
        case 'text':
          return void rules.push({ kind, minLength: num(v.minLength), maxLength: num(v.maxLength), allowDigits: v.allowDigits !== false });
        case 'email':
          return void rules.push({ kind });
        case 'answercount':
          return void rules.push({ kind, min: num(v.minCount), max: num(v.maxCount) });
        case 'regex': {
          const pattern = v.regex;
          if (typeof pattern !== 'string' || pattern.length > definitionLimits.regexLength)
            return this.problem(
              `${at}.regex`,
              `The regex validator of ${label} needs a pattern of at most ${definitionLimits.regexLength} characters.`,
            );
          const compiled = compileAnswerPattern(pattern, v.caseInsensitive === true);
          if ('reason' in compiled) return this.problem(`${at}.regex`, `The pattern "${pattern}" of ${label} ${compiled.reason}.`);
          return void rules.push({ kind, regex: compiled });
        }
        case 'expression': {
          const condition = this.condition(v.expression, `${at}.expression`, `The expression validator of ${label}`);
          if (condition) rules.push({ kind, condition, expression: String(v.expression) });
          else if (v.expression === undefined || v.expression === '')
            this.problem(`${at}.expression`, `The expression validator of ${label} has no expression.`);
          return;
        }
      }
    });
    return rules;
  }

  /** Answer rule of a text-like question (text question, matrix text cell, multiple text item). */
  textRule(el: Json, path: string, label: string): AnswerRule | undefined {
    const inputType = String(el.inputType ?? 'text');
    if (inputType === 'password') {
      this.problem(`${path}.inputType`, `${label} asks for a password: a survey must never collect passwords.`);
      return undefined;
    }
    if (numericInputTypes.has(inputType)) return { kind: 'number', min: num(el.min), max: num(el.max) };
    // A numeric or currency mask makes the page keep a number; pattern and date-time masks only shape the typing.
    if (el.maskType === 'numeric' || el.maskType === 'currency') {
      this.ignored.push({
        path: `${path}.maskSettings`,
        message: `The ${String(el.maskType)} mask of ${label} shapes the typing only: the server takes the number it gives.`,
      });
      return { kind: 'number', min: num(el.min), max: num(el.max) };
    }
    if (typeof el.maskType === 'string' && el.maskType !== 'none')
      this.ignored.push({
        path: `${path}.maskType`,
        message: `The ${el.maskType} mask of ${label} shapes the typing only: the server checks the answer as text of its input type.`,
      });
    if (!(inputType in textFormats)) {
      // survey-core keeps any input type (the browser shows an unknown one, such as "search", as a text box).
      this.ignored.push({
        path: `${path}.inputType`,
        message: `The input type "${inputType}" of ${label} is not one survey-core checks: the answer is taken as text.`,
      });
      return { kind: 'text', inputType: 'text', format: undefined, maxLength: num(el.maxLength) || DEFAULT_TEXT_MAX };
    }
    const min = typeof el.min === 'string' ? el.min : undefined;
    const max = typeof el.max === 'string' ? el.max : undefined;
    return { kind: 'text', inputType, format: textFormats[inputType], min, max, maxLength: num(el.maxLength) || DEFAULT_TEXT_MAX };
  }

  /** A matrix column or multiple text item. */
  cell(
    col: unknown,
    path: string,
    label: string,
    matrix: Json,
    kind: 'column' | 'item',
  ): CellInfo | { expression: ExpressionRunner; name: string } | undefined {
    if (!isObject(col)) {
      this.problem(path, `Every ${kind} of ${label} must be an object with a name.`);
      return undefined;
    }
    const name = typeof col.name === 'string' ? col.name : '';
    if (!name || badKey(name)) {
      this.problem(`${path}.name`, `The ${kind} name "${name}" of ${label} ${name ? badKey(name) : 'is missing'}.`);
      return undefined;
    }
    const cellLabel = `${kind} "${name}" of ${label}`;
    this.properties(
      col,
      kind === 'item' ? [...cellProps, 'maskType', 'maskSettings'] : [...cellProps, 'isUnique'],
      kind,
      path,
      `the ${cellLabel}`,
    );
    const cellType = kind === 'item' ? 'text' : String(col.cellType ?? matrix.cellType ?? 'dropdown');
    if (kind === 'item' && (col.requiredIf !== undefined || col.enableIf !== undefined))
      this.problem(path, `requiredIf and enableIf are not supported on the ${cellLabel}.`);
    let rule: AnswerRule | undefined;
    let validatorKinds: ValidatorRule['kind'][] = ['expression'];
    switch (cellType) {
      case 'text':
        rule = this.textRule(col, path, cellLabel);
        validatorKinds = ['numeric', 'text', 'regex', 'email', 'expression'];
        if (rule && rule.kind === 'text' && (rule.inputType === 'email' || rule.inputType === 'tel'))
          this.contactQuestions.push(`${label} ${kind} ${name}`);
        break;
      case 'comment':
        rule = { kind: 'comment', maxLength: num(col.maxLength) || DEFAULT_COMMENT_MAX };
        validatorKinds = ['text', 'regex', 'expression'];
        break;
      case 'dropdown':
      case 'radiogroup': {
        const choices = this.choices(col, path, cellLabel, 'choices', matrix.choices);
        if (choices?.other)
          this.problem(
            path,
            `"Other" items are not supported in the ${cellLabel}: survey-core keeps their descriptions apart from the row's cells.`,
          );
        rule = choices && { kind: 'single', choices };
        break;
      }
      case 'checkbox':
      case 'tagbox': {
        const choices = this.choices(col, path, cellLabel, 'choices', matrix.choices);
        if (choices?.other)
          this.problem(
            path,
            `"Other" items are not supported in the ${cellLabel}: survey-core keeps their descriptions apart from the row's cells.`,
          );
        rule = choices && { kind: 'multiple', choices };
        validatorKinds = ['answercount', 'expression'];
        break;
      }
      case 'boolean':
        rule = { kind: 'boolean', values: [true, false] };
        break;
      case 'rating': {
        rule = this.ratingRule(col, path, cellLabel);
        break;
      }
      case 'expression': {
        const expression = this.calculation(col.expression, `${path}.expression`, `The expression of the ${cellLabel}`);
        return expression && { expression, name };
      }
      default:
        this.problem(`${path}.cellType`, `The cell type "${cellType}" of the ${cellLabel} is not supported.`);
        return undefined;
    }
    if (!rule) return undefined;
    const visibleIf = this.condition(col.visibleIf, `${path}.visibleIf`, `The visibleIf of the ${cellLabel}`);
    const validators = this.validators(col, path, cellLabel, validatorKinds);
    if (kind === 'item') return { name, rule, required: col.isRequired === true, validators, conditional: col.visibleIf !== undefined };
    const enableIf = this.condition(col.enableIf, `${path}.enableIf`, `The enableIf of the ${cellLabel}`);
    const requiredIf = this.condition(col.requiredIf, `${path}.requiredIf`, `The requiredIf of the ${cellLabel}`);
    return {
      name,
      rule,
      required: col.isRequired === true,
      validators,
      conditional: false,
      visibleIf,
      enableIf,
      requiredIf,
      ...(col.isUnique === true ? { unique: true } : {}),
    };
  }

  ratingRule(el: Json, path: string, label: string): AnswerRule | undefined {
    if (Array.isArray(el.rateValues) && el.rateValues.length > 0) {
      if (el.rateValues.length > definitionLimits.choices)
        return void this.problem(`${path}.rateValues`, `${label} has too many rating values.`);
      const values = el.rateValues.map(choiceValue);
      if (values.some((v) => v === undefined))
        return void this.problem(`${path}.rateValues`, `Every rating value of ${label} needs a value.`);
      return { kind: 'rating', values: values as AnswerValue[] };
    }
    const min = num(el.rateMin) ?? 1;
    const count = num(el.rateCount);
    const step = num(el.rateStep) ?? 1;
    const max = num(el.rateMax) ?? (count ? min + (count - 1) * step : 5);
    if (!(max > min) || !(step > 0) || (max - min) / step > 100)
      return void this.problem(path, `The rating scale ${min}..${max} by ${step} of ${label} is not valid.`);
    const values: number[] = [];
    for (let v = min; v <= max + 1e-9; v += step) values.push(Math.round(v * 1e6) / 1e6);
    return { kind: 'rating', values };
  }

  /** Reads a list of elements into the scope; containers add their conditions. */
  walk(scope: Scope, elements: unknown, path: string, visibleIf: ConditionRunner[], enableIf: ConditionRunner[], depth: number) {
    if (!Array.isArray(elements)) return this.problem(path, '"elements" must be a list.');
    if (depth > definitionLimits.elementDepth)
      return this.problem(path, `Panels are nested more than ${definitionLimits.elementDepth} deep.`);
    elements.forEach((raw, i) => {
      const at = `${path}[${i}]`;
      if (++this.elements > definitionLimits.elements) {
        if (this.elements === definitionLimits.elements + 1)
          this.problem(at, `The survey has more than ${definitionLimits.elements} elements.`);
        return;
      }
      if (!isObject(raw)) return this.problem(at, 'An element must be an object.');
      const type = String(raw.type ?? '');
      const name = typeof raw.name === 'string' ? raw.name : '';
      if (type in refusedTypes)
        return this.problem(`${at}.type`, `The question "${name}" is a ${type} question, which Mera refuses: ${refusedTypes[type]}.`);
      // Panels and layout elements keep no answer: survey-core needs no name for them, nor a name of their own.
      const keepsNoAnswer = type === 'panel' || type === 'html' || type === 'image';
      if (!name.trim() && !keepsNoAnswer) return this.problem(`${at}.name`, 'Every question needs a name.');
      if (badKey(name)) return this.problem(`${at}.name`, `The name "${name}" ${badKey(name)}; choose another name.`);
      const label = `"${name}"`;
      if (!keepsNoAnswer) {
        // survey-core gives questions of one name one answer: an exact copy (a quiz repeating a question on
        // another page) asks the same thing, so it is taken as that question; any other is refused.
        const text = JSON.stringify(raw);
        if (this.names.has(name) && visibleIf.length === 0 && this.unconditional.get(name) === text) {
          this.ignored.push({ path: `${at}.name`, message: `${label} repeats the question of that name exactly: both share one answer.` });
          return;
        }
        if (this.names.has(name)) this.problem(`${at}.name`, `The name ${label} is used twice.`);
        this.names.add(name);
        if (visibleIf.length === 0 && raw.visibleIf === undefined && raw.visible !== false) this.unconditional.set(name, text);
      }
      const allowed = allowedProperties[type];
      if (!allowed) return this.problem(`${at}.type`, `The question ${label} has the type "${type}", which the server does not support.`);
      this.properties(raw, allowed, type, at, `${type} elements (${label})`);
      const own = this.visibility(raw, name, at, label);
      const ownEnable = this.condition(raw.enableIf, `${at}.enableIf`, `The enableIf of ${label}`);
      const conditions = own ? [...visibleIf, own] : visibleIf;
      const enabling = ownEnable ? [...enableIf, ownEnable] : enableIf;
      if (type === 'panel') {
        const key = raw.elements === undefined && raw.questions !== undefined ? 'questions' : 'elements';
        return this.walk(scope, raw[key] ?? [], `${at}.${key}`, conditions, enabling, depth + 1);
      }
      if (type === 'html' || type === 'image') return;
      const described = this.describe(raw, type, at, label, depth);
      if (!described) return;
      const validatorsAllowed: Record<string, ValidatorRule['kind'][]> = {
        text: ['numeric', 'text', 'regex', 'email', 'expression'],
        comment: ['text', 'regex', 'expression'],
        checkbox: ['answercount', 'expression'],
        tagbox: ['answercount', 'expression'],
        ranking: ['answercount', 'expression'],
        imagepicker: ['answercount', 'expression'],
        dropdown: ['expression'],
        radiogroup: ['expression'],
        rating: ['numeric', 'expression'],
        matrixdynamic: ['answercount', 'expression'],
        paneldynamic: ['answercount', 'expression'],
      };
      const question: QuestionInfo = {
        name,
        type,
        rule: described.rule,
        scale: described.scale,
        required: raw.isRequired === true,
        requiredIf: this.condition(raw.requiredIf, `${at}.requiredIf`, `The requiredIf of ${label}`),
        visibleIf: conditions,
        enableIf: enabling,
        readOnly: raw.readOnly === true,
        validators: this.validators(raw, at, label, validatorsAllowed[type] ?? ['expression']),
        commentOnlyWithOther: false,
        commentMaxLength: num(raw.maxOthersLength) ?? DEFAULT_TEXT_MAX,
      };
      if (described.rule.kind === 'number' || described.rule.kind === 'text') {
        const bound = (key: 'minValueExpression' | 'maxValueExpression') =>
          raw[key] === undefined ? undefined : this.calculation(raw[key], `${at}.${key}`, `The ${key} of ${label}`);
        question.minExpression = bound('minValueExpression');
        question.maxExpression = bound('maxValueExpression');
      }
      if (question.rule.kind === 'text' && question.rule.inputType === 'number') question.rule = { kind: 'number' };
      const hasCommentArea = raw.showCommentArea === true || raw.hasComment === true;
      if (described.other || hasCommentArea) {
        question.commentKey = `${name}-Comment`;
        question.commentOnlyWithOther = !hasCommentArea;
        scope.answerKeys.add(question.commentKey);
      }
      if (this.asksContact(raw, question)) this.contactQuestions.push(name);
      if ((question.rule.kind === 'matrixdropdown' || question.rule.kind === 'matrixdynamic') && question.rule.totals)
        scope.answerKeys.add(`${name}-total`);
      scope.questions.set(name, question);
      scope.answerKeys.add(name);
    });
  }

  /** Questions shown whatever the answers, as JSON: an exact copy of one shares its answer. */
  unconditional = new Map<string, string>();

  /** Conditions of survey-core's visible triggers, by the question they show (read before the pages). */
  shownBy = new Map<string, ConditionRunner>();

  /**
   * An element's own condition for being shown: its visibleIf (which survey-core runs over
   * "visible": false), else a visible trigger naming it, else never when it is "visible": false.
   */
  visibility(raw: Json, name: string, at: string, label: string): ConditionRunner | undefined {
    const own = this.condition(raw.visibleIf, `${at}.visibleIf`, `The visibleIf of ${label}`);
    const trigger = this.shownBy.get(name);
    if (trigger && (own || raw.visible !== false))
      this.problem(
        `${at}.visible`,
        `${label} is shown by a visible trigger but is not hidden to begin with ("visible": false, no visibleIf): give it a visibleIf instead of the trigger.`,
      );
    if (own || raw.visible !== false) return own;
    if (trigger) return trigger;
    this.ignored.push({
      path: `${at}.visible`,
      message: `${label} is always hidden ("visible": false): no answer to it is taken.`,
    });
    return new ConditionRunner('false');
  }

  asksContact(raw: Json, q: QuestionInfo): boolean {
    if (q.rule.kind === 'text' && (q.rule.inputType === 'email' || q.rule.inputType === 'tel')) return true;
    if (q.validators.some((v) => v.kind === 'email')) return true;
    if (q.rule.kind !== 'text' && q.rule.kind !== 'comment') return false;
    return CONTACT_WORDS.test(q.name) || CONTACT_WORDS.test(textOf(raw.title));
  }

  describe(
    el: Json,
    type: string,
    at: string,
    label: string,
    depth: number,
  ): { rule: AnswerRule; other: boolean; scale?: { min: number; max: number } } | undefined {
    switch (type) {
      case 'text': {
        const rule = this.textRule(el, at, label);
        return rule && { rule, other: false };
      }
      case 'comment':
        return { rule: { kind: 'comment', maxLength: num(el.maxLength) || DEFAULT_COMMENT_MAX }, other: false };
      case 'radiogroup':
      case 'dropdown': {
        const choices = this.choices(el, at, label);
        if (!choices) return undefined;
        const numeric = choices.values.every((v) => typeof v === 'number') ? (choices.values as number[]) : undefined;
        return {
          rule: { kind: 'single', choices },
          other: choices.other,
          scale: numeric ? { min: Math.min(...numeric), max: Math.max(...numeric) } : undefined,
        };
      }
      case 'checkbox':
      case 'tagbox': {
        const choices = this.choices(el, at, label);
        if (!choices) return undefined;
        return {
          rule: { kind: 'multiple', choices, min: num(el.minSelectedChoices) || undefined, max: num(el.maxSelectedChoices) || undefined },
          other: choices.other,
        };
      }
      case 'imagepicker': {
        const choices = this.choices(el, at, label);
        if (!choices) return undefined;
        return { rule: el.multiSelect === true ? { kind: 'multiple', choices } : { kind: 'single', choices }, other: false };
      }
      case 'ranking': {
        const choices = this.choices(el, at, label);
        if (!choices) return undefined;
        if (choices.visibleIf || choices.choicesVisibleIf)
          this.problem(
            `${at}.choices`,
            `Choice conditions cannot be enforced on the ranking question ${label}: survey-core 3.0.0 clears a ranking (choicesVisibleIf) or moves a choice that appears to its end (choice visibleIf) whenever its shown choices are worked out again, so what it keeps depends on the order the answers were given, which the server never sees.`,
          );
        return {
          rule: {
            kind: 'ranking',
            choices,
            selectToRank: el.selectToRankEnabled === true,
            min: num(el.minSelectedChoices) || undefined,
            max: num(el.maxSelectedChoices) || undefined,
          },
          other: false,
        };
      }
      case 'rating': {
        const rule = this.ratingRule(el, at, label);
        if (!rule || rule.kind !== 'rating') return undefined;
        const numeric = rule.values.every((v) => typeof v === 'number') ? (rule.values as number[]) : undefined;
        return { rule, other: false, scale: numeric ? { min: Math.min(...numeric), max: Math.max(...numeric) } : undefined };
      }
      case 'boolean': {
        const valueTrue = el.valueTrue ?? true;
        const valueFalse = el.valueFalse ?? false;
        const ok = (v: unknown): v is AnswerValue => ['string', 'number', 'boolean'].includes(typeof v);
        if (!ok(valueTrue) || !ok(valueFalse) || valueTrue === valueFalse)
          return void this.problem(at, `valueTrue and valueFalse of ${label} must be two different values.`);
        return { rule: { kind: 'boolean', values: [valueTrue, valueFalse] }, other: false };
      }
      case 'matrix': {
        const rows = this.rows(el, at, label);
        const columnsVisibleIf = this.condition(el.columnsVisibleIf, `${at}.columnsVisibleIf`, `The columnsVisibleIf of ${label}`);
        const columns = Array.isArray(el.columns) ? el.columns.map(choiceValue) : [];
        if (columns.length === 0 || columns.some((v) => v === undefined))
          return void this.problem(`${at}.columns`, `${label} needs a non-empty list of columns with values.`);
        if (columns.length > definitionLimits.choices) return void this.problem(`${at}.columns`, `${label} has too many columns.`);
        const columnInfo: MatrixColumn[] = (el.columns as unknown[]).map((c, i) => {
          if (isObject(c)) this.properties(c, ['value', 'text', 'visibleIf'], 'itemvalue', `${at}.columns[${i}]`, `a column of ${label}`);
          const visibleIf = isObject(c)
            ? this.condition(c.visibleIf, `${at}.columns[${i}].visibleIf`, `The visibleIf of column ${i + 1} of ${label}`)
            : undefined;
          return { value: columns[i] as AnswerValue, visibleIf, columnsVisibleIf };
        });
        if (!rows) return undefined;
        return {
          rule: {
            kind: 'matrix',
            rows: rows.map((r) => r.value),
            rowInfo: rows,
            columns: columns as AnswerValue[],
            columnInfo,
            allRowsRequired: el.isAllRowRequired === true || el.eachRowRequired === true,
            eachRowUnique: el.eachRowUnique === true,
          },
          other: false,
        };
      }
      case 'matrixdropdown':
      case 'matrixdynamic':
      case 'multipletext': {
        if (depth + 1 > definitionLimits.elementDepth)
          return void this.problem(at, `Panels and matrices are nested more than ${definitionLimits.elementDepth} deep.`);
        const listKey = type === 'multipletext' ? 'items' : 'columns';
        const list = el[listKey];
        if (!Array.isArray(list) || list.length === 0)
          return void this.problem(`${at}.${listKey}`, `${label} needs a non-empty list of ${listKey}.`);
        if (list.length > definitionLimits.choices) return void this.problem(`${at}.${listKey}`, `${label} has too many ${listKey}.`);
        const cells: CellInfo[] = [];
        const expressions: { name: string; runner: ExpressionRunner }[] = [];
        list.forEach((c: unknown, i: number) => {
          const cell = this.cell(c, `${at}.${listKey}[${i}]`, label, el, type === 'multipletext' ? 'item' : 'column');
          if (!cell) return;
          if (cells.some((x) => x.name === cell.name) || expressions.some((x) => x.name === cell.name))
            this.problem(`${at}.${listKey}[${i}].name`, `Two ${listKey} of ${label} are named "${cell.name}".`);
          if ('expression' in cell) expressions.push({ name: cell.name, runner: cell.expression });
          else cells.push(cell);
        });
        if (type === 'multipletext') {
          if (expressions.length) this.problem(`${at}.items`, `Items of ${label} cannot be expressions.`);
          return { rule: { kind: 'multipletext', items: cells }, other: false };
        }
        if (type === 'matrixdropdown') {
          const rows = this.rows(el, at, label);
          return rows && { rule: { kind: 'matrixdropdown', rows, columns: cells, expressions, totals: hasTotals(list) }, other: false };
        }
        const minRows = num(el.minRowCount) ?? 0;
        const maxRows = Math.min(num(el.maxRowCount) ?? definitionLimits.dynamicRows, definitionLimits.dynamicRows);
        if (minRows > maxRows) return void this.problem(at, `minRowCount of ${label} is above its maxRowCount.`);
        if (typeof el.keyName === 'string' && el.keyName) {
          const key = cells.find((c) => c.name === el.keyName);
          if (key) key.unique = true;
          else
            this.ignored.push({
              path: `${at}.keyName`,
              message: `The keyName "${el.keyName}" of ${label} is no column of it: survey-core checks nothing, and neither does the server.`,
            });
        }
        return { rule: { kind: 'matrixdynamic', columns: cells, expressions, minRows, maxRows, totals: hasTotals(list) }, other: false };
      }
      case 'paneldynamic': {
        const template: Scope = { questions: new Map(), order: [], answerKeys: new Set() };
        const outerNames = this.names;
        this.names = new Set();
        this.walk(template, el.templateElements ?? [], `${at}.templateElements`, [], [], depth + 1);
        this.names = outerNames;
        // An empty template (Creator's fresh dynamic panel) collects nothing: accepted, and said so.
        if (template.questions.size === 0)
          this.ignored.push({
            path: `${at}.templateElements`,
            message: `${label} has no questions in its template: it collects no answers.`,
          });
        this.condition(el.templateVisibleIf, `${at}.templateVisibleIf`, `The templateVisibleIf of ${label}`);
        const minPanels = num(el.minPanelCount) ?? 0;
        const maxPanels = Math.min(num(el.maxPanelCount) ?? definitionLimits.dynamicPanels, definitionLimits.dynamicPanels);
        if (minPanels > maxPanels) return void this.problem(at, `minPanelCount of ${label} is above its maxPanelCount.`);
        return { rule: { kind: 'paneldynamic', template, minPanels, maxPanels }, other: false };
      }
      case 'expression': {
        const expression = this.calculation(el.expression, `${at}.expression`, `The expression of ${label}`);
        return expression && { rule: { kind: 'expression', expression }, other: false };
      }
      default:
        return void this.problem(`${at}.type`, `The question ${label} has the type "${type}", which the server does not support.`);
    }
  }
}

/** A matrix with a totals row (a column with a totalType). */
const hasTotals = (columns: unknown[]) => columns.some((c) => isObject(c) && typeof c.totalType === 'string' && c.totalType !== 'none');

/**
 * The answer an expression's variable reads: the longest known name it starts with ({a.b} reads
 * the question "a.b" when there is one, else "a", as survey-core looks it up), else its first part.
 */
function variableBase(variable: string, known: (name: string) => boolean): string {
  if (known(variable)) return variable;
  for (let i = variable.length - 1; i > 0; i--) {
    const c = variable[i];
    if ((c === '.' || c === '[') && known(variable.slice(0, i))) return variable.slice(0, i);
  }
  return variable.split(/[.[]/)[0];
}

function variablesOf(runner: ConditionRunner | ExpressionRunner): string[] {
  return runner.getVariables();
}

/** The runners whose answers decide a question's value or visibility. */
function runnersOf(item: QuestionInfo | CalculatedValue): (ConditionRunner | ExpressionRunner)[] {
  if (!('rule' in item)) return [item.expression];
  const runners: (ConditionRunner | ExpressionRunner)[] = [...item.visibleIf];
  const rule = item.rule;
  const add = (r?: ConditionRunner | ExpressionRunner) => r && runners.push(r);
  if (rule.kind === 'expression') add(rule.expression);
  if (rule.kind === 'single' || rule.kind === 'multiple' || rule.kind === 'ranking') {
    add(rule.choices.choicesVisibleIf);
    rule.choices.visibleIf?.forEach((r) => add(r));
  }
  if (rule.kind === 'matrix') {
    rule.rowInfo.forEach((r) => (add(r.visibleIf), add(r.rowsVisibleIf)));
    rule.columnInfo.forEach((c) => (add(c.visibleIf), add(c.columnsVisibleIf)));
  }
  if (rule.kind === 'matrixdropdown') rule.rows.forEach((r) => (add(r.visibleIf), add(r.rowsVisibleIf)));
  if (rule.kind === 'matrixdropdown' || rule.kind === 'matrixdynamic') {
    rule.expressions.forEach((e) => add(e.runner));
    for (const c of rule.columns) {
      // Cells' visibleIf, enableIf and requiredIf only decide requirements, after every answer is settled.
      if (c.rule.kind === 'single' || c.rule.kind === 'multiple') {
        add(c.rule.choices.choicesVisibleIf);
        c.rule.choices.visibleIf?.forEach((r) => add(r));
      }
    }
  }
  if (rule.kind === 'paneldynamic') for (const q of rule.template.order) runnersOf(q).forEach(add);
  return runners;
}

/**
 * Orders a scope's questions and calculated values so that each comes after every answer its
 * conditions and expressions read (Kahn's algorithm); a circle of conditions is a problem.
 * Variables of another scope ({panel.x}, {row.x}, {item}) are resolved inside that scope.
 */
function orderScope(
  scope: Scope,
  calculated: CalculatedValue[],
  problems: DefinitionProblem[],
  where: string,
  keyOf: (variable: string, known: (name: string) => boolean) => string | undefined,
) {
  const items: (QuestionInfo | CalculatedValue)[] = [...scope.questions.values(), ...calculated];
  const byKey = new Map<string, number>();
  items.forEach((item, i) => {
    byKey.set(item.name, i);
    if ('commentKey' in item && item.commentKey) byKey.set(item.commentKey, i);
  });
  const dependents: number[][] = items.map(() => []);
  const waiting = items.map(() => 0);
  items.forEach((item, i) => {
    const seen = new Set<number>();
    for (const runner of runnersOf(item)) {
      for (const variable of variablesOf(runner)) {
        const base = keyOf(variable, (name) => byKey.has(name));
        if (base === undefined) continue;
        const source = byKey.get(base);
        if (source === undefined) {
          problems.push({
            path: where,
            message: `A condition or expression of "${item.name}" refers to "{${variable}}", which is no question or calculated value of this survey.`,
          });
          continue;
        }
        if (source === i || seen.has(source)) continue;
        seen.add(source);
        dependents[source].push(i);
        waiting[i]++;
      }
    }
  });
  const ready = items.map((_, i) => i).filter((i) => waiting[i] === 0);
  for (let head = 0; head < ready.length; head++) {
    scope.order.push(items[ready[head]]);
    for (const next of dependents[ready[head]]) if (--waiting[next] === 0) ready.push(next);
  }
  if (scope.order.length < items.length) {
    const circle = items
      .filter((_, i) => waiting[i] > 0)
      .map((q) => `"${q.name}"`)
      .slice(0, 10);
    problems.push({ path: where, message: `Conditions or expressions refer to each other in a circle: ${circle.join(', ')}.` });
  }
}

/** setvalue and copyvalue triggers read and set answers of the survey's own questions (not of panels, not calculated values). */
function checkTriggers(scope: Scope, triggers: TriggerRule[], problems: DefinitionProblem[]) {
  const question = (name: string) => scope.questions.get(name);
  for (const trigger of triggers) {
    const target = question(trigger.setToName);
    if (!target || target.rule.kind === 'expression') {
      problems.push({
        path: `${trigger.path}.setToName`,
        message: `The ${trigger.kind} trigger sets "${trigger.setToName}", which is no question of this survey that takes an answer.`,
      });
      continue;
    }
    const reads = new Set((trigger.expression?.getVariables() ?? []).map((v) => variableBase(v, (n) => scope.answerKeys.has(n))));
    if (trigger.fromName !== undefined) {
      const source = question(trigger.fromName);
      if (!source)
        problems.push({
          path: `${trigger.path}.fromName`,
          message: `The copyvalue trigger copies "${trigger.fromName}", which is no question of this survey.`,
        });
      else if (answerShape(source) !== answerShape(target))
        problems.push({
          path: `${trigger.path}.fromName`,
          message: `The copyvalue trigger copies "${trigger.fromName}" into "${trigger.setToName}", which takes different answers; copy between questions of the same kind and choices.`,
        });
      reads.add(trigger.fromName);
    }
    for (const name of reads) {
      if (!scope.answerKeys.has(name) || !scope.questions.has(name.replace(/-Comment$/, '')))
        problems.push({
          path: `${trigger.path}.expression`,
          message: `The ${trigger.kind} trigger's expression reads "{${name}}", which is no question of this survey (triggers read answers only).`,
        });
    }
    trigger.reads = [...reads];
  }
}

/** What answers a question takes, as text: a copy between two questions of the same shape always fits. */
function answerShape(q: QuestionInfo): string {
  const rule = q.rule;
  switch (rule.kind) {
    case 'single':
    case 'multiple':
    case 'ranking':
      return `${rule.kind}:${JSON.stringify(rule.choices.values)}:${rule.choices.other}:${rule.choices.none}`;
    case 'rating':
    case 'boolean':
      return `${rule.kind}:${JSON.stringify(rule.values)}`;
    case 'text':
      return `text:${rule.inputType}:${rule.min}:${rule.max}:${rule.maxLength}`;
    case 'number':
      return `number:${rule.min}:${rule.max}`;
    case 'comment':
      return `comment:${rule.maxLength}`;
    default:
      return `${rule.kind}:${q.name}`; // matrices and dynamic questions: only into themselves
  }
}

/**
 * A trigger's condition: its expression, or (the older spelling survey-core still reads) the
 * expression it builds from "name", "operator" and "value": {name} operator 'value'.
 */
function triggerExpression(t: Json): unknown {
  if (t.expression !== undefined && t.expression !== '') return t.expression;
  if (typeof t.name !== 'string' || !t.name) return t.expression;
  const operator = typeof t.operator === 'string' ? t.operator : 'equal';
  const value = t.value;
  const needsValue = operator !== 'empty' && operator !== 'notempty';
  if (needsValue && (value === undefined || value === null || value === '')) return undefined;
  if (!needsValue) return `{${t.name}} ${operator} ${value === undefined || value === null ? '' : String(value)}`.trim();
  const bare =
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    (typeof value === 'string' && (/^(true|false)$/i.test(value) || isNumeric(value)));
  return `{${t.name}} ${operator} ${bare ? String(value) : `'${String(value)}'`}`;
}

export function compileQuestions(survey: Json, path = 'survey', parsed?: ParsedExpressions): CompiledQuestions {
  const compiler = new Compiler(parsed);
  const scope: Scope = { questions: new Map(), order: [], answerKeys: new Set() };
  const calculated: CalculatedValue[] = [];
  const triggers: TriggerRule[] = [];
  const result = (): CompiledQuestions => ({
    ...scope,
    calculated,
    triggers,
    problems: compiler.problems,
    contactQuestions: compiler.contactQuestions,
    ignored: compiler.ignored,
  });

  if (survey.storeOthersAsComment === false)
    compiler.problem(
      `${path}.storeOthersAsComment`,
      'storeOthersAsComment: false is not supported: "other" answers are kept in "<name>-Comment".',
    );
  // "onHidden" clears an answer when its question hides: the answers a page sends are the same.
  if (
    survey.clearInvisibleValues !== undefined &&
    !['onComplete', 'onHidden', 'onHiddenContainer'].includes(String(survey.clearInvisibleValues))
  )
    compiler.problem(
      `${path}.clearInvisibleValues`,
      'Only clearInvisibleValues "onComplete" (the default), "onHidden" and "onHiddenContainer" are supported: answers to hidden questions are dropped.',
    );
  for (const key of ['completedHtmlOnCondition', 'navigateToUrlOnCondition'])
    if (key in survey)
      compiler.ignored.push({
        path: `${path}.${key}`,
        message: `"${key}" is not used: Mera shows the survey's completedHtml and stays on its page.`,
      });
  if (Array.isArray(survey.triggers)) {
    survey.triggers.forEach((t: unknown, i: number) => {
      const type = isObject(t) ? String(t.type ?? '') : '';
      const at = `${path}.triggers[${i}]`;
      const condition = isObject(t) ? triggerExpression(t) : undefined;
      if (type === 'skip') return void compiler.condition(condition, `${at}.expression`, "The skip trigger's expression");
      if (isObject(t) && type === 'setvalue' && t.isVariable === true) {
        // A survey variable is kept by the page only: an expression reading it is refused as reading no question.
        return void compiler.ignored.push({
          path: at,
          message: `The setvalue trigger sets the survey variable "${String(t.setToName)}", which the page keeps and the server does not: the answers are the same.`,
        });
      }
      if (isObject(t) && type === 'visible') {
        // survey-core shows the listed questions while the condition holds and hides them when it fails: a visibleIf.
        const expression = compiler.condition(condition, `${at}.expression`, "The visible trigger's expression");
        const questions = Array.isArray(t.questions) ? t.questions.filter((q): q is string => typeof q === 'string') : [];
        if (Array.isArray(t.pages) && t.pages.length)
          return compiler.problem(
            `${at}.pages`,
            'The visible trigger can show questions only, not pages; give the pages a visibleIf instead.',
          );
        if (!questions.length) return compiler.problem(`${at}.questions`, 'The visible trigger needs "questions", the questions it shows.');
        if (expression) for (const q of questions) compiler.shownBy.set(q, expression);
        return;
      }
      if (isObject(t) && (type === 'setvalue' || type === 'copyvalue')) {
        for (const key of Object.keys(t))
          if (!['type', 'expression', 'setToName', 'setValue', 'fromName', 'name', 'operator', 'value'].includes(key))
            compiler.problem(
              `${at}.${key}`,
              `The property "${key}" of a ${type} trigger is not supported${key === 'isVariable' ? ': the server keeps no survey variables' : ''}.`,
            );
        const expression = compiler.condition(condition, `${at}.expression`, `The ${type} trigger's expression`);
        if (typeof t.setToName !== 'string' || !t.setToName)
          return compiler.problem(`${at}.setToName`, `The ${type} trigger needs "setToName", the question it sets.`);
        if (type === 'copyvalue' && (typeof t.fromName !== 'string' || !t.fromName))
          return compiler.problem(`${at}.fromName`, 'The copyvalue trigger needs "fromName", the question it copies.');
        return void triggers.push({
          kind: type,
          path: at,
          expression,
          setToName: t.setToName,
          setValue: t.setValue,
          fromName: type === 'copyvalue' ? (t.fromName as string) : undefined,
          reads: [],
          callsFunction: expression?.hasFunction() ?? false,
        });
      }
      if (type === 'complete')
        return compiler.problem(
          at,
          'The complete trigger cannot be enforced: it ends the survey on whichever page the respondent is on when its condition first holds, which depends on the order the answers were given; the server only sees the final answers. Use visibleIf on the pages after it instead.',
        );
      compiler.problem(
        at,
        `The ${type || 'unnamed'} trigger is not supported (the server applies "setvalue" and "copyvalue" as survey-core's runTriggers does, and accepts "skip", which only moves between pages).`,
      );
    });
  } else if (survey.triggers !== undefined) compiler.problem(`${path}.triggers`, 'triggers must be a list.');

  // survey-core reads "questions" for "elements" (at the survey's top, on pages and panels alike).
  const topElements = survey.elements ?? survey.questions;
  const pages =
    survey.pages ??
    (topElements ? [{ name: 'page1', [survey.elements === undefined ? 'questions' : 'elements']: topElements }] : undefined);
  if (!Array.isArray(pages) || pages.length === 0) {
    compiler.problem(path, 'The survey has no pages.');
    return result();
  }
  const pagesPath = survey.pages ? `${path}.pages` : path;
  pages.forEach((page: unknown, i: number) => {
    const at = survey.pages ? `${pagesPath}[${i}]` : path;
    if (!isObject(page)) return compiler.problem(at, 'A page must be an object.');
    if (survey.pages)
      compiler.properties(
        page,
        [
          'name',
          'title',
          'description',
          'elements',
          'questions',
          'visibleIf',
          'enableIf',
          'navigationTitle',
          'navigationDescription',
          'questionsOrder',
          'state',
          'visible',
          'readOnly',
          'maxTimeToFinish',
          'navigationButtonsVisibility',
        ],
        'page',
        at,
        `page ${i + 1}`,
      );
    const own = compiler.condition(page.visibleIf, `${at}.visibleIf`, `The visibleIf of page ${i + 1}`);
    const enable = compiler.condition(page.enableIf, `${at}.enableIf`, `The enableIf of page ${i + 1}`);
    const key = page.elements === undefined && page.questions !== undefined ? 'questions' : 'elements';
    compiler.walk(scope, page[key] ?? [], `${at}.${key}`, own ? [own] : [], enable ? [enable] : [], 1);
  });

  if (Array.isArray(survey.calculatedValues)) {
    survey.calculatedValues.forEach((cv: unknown, i: number) => {
      const at = `${path}.calculatedValues[${i}]`;
      if (!isObject(cv) || typeof cv.name !== 'string' || !cv.name.trim() || badKey(cv.name))
        return compiler.problem(at, 'A calculated value needs a name (not __proto__, constructor or prototype).');
      if (compiler.names.has(cv.name)) compiler.problem(`${at}.name`, `The calculated value "${cv.name}" has the name of a question.`);
      const expression = compiler.calculation(cv.expression, `${at}.expression`, `The expression of the calculated value "${cv.name}"`);
      if (expression) calculated.push({ name: cv.name, expression, includeIntoResult: cv.includeIntoResult === true });
      scope.answerKeys.add(cv.name);
    });
  } else if (survey.calculatedValues !== undefined) compiler.problem(`${path}.calculatedValues`, 'calculatedValues must be a list.');

  if (compiler.problems.length) return result();
  const contextNames = new Set(['panel', 'row', 'item', 'panelIndex', 'rowIndex', 'choice', 'parentPanel', 'rowName', 'visiblePanelIndex']);
  const topLevel = (variable: string, known: (name: string) => boolean) => {
    const base = variableBase(variable, known);
    return contextNames.has(base) && !known(base) ? undefined : base;
  };
  const inPanel = (variable: string, known: (name: string) => boolean) =>
    variable.startsWith('panel.') ? variableBase(variable.slice(6), known) : undefined;
  const orderTemplates = (outer: Scope) => {
    for (const q of outer.questions.values()) {
      if (q.rule.kind !== 'paneldynamic') continue;
      orderTemplates(q.rule.template);
      orderScope(q.rule.template, [], compiler.problems, path, inPanel);
    }
  };
  orderTemplates(scope);
  orderScope(scope, calculated, compiler.problems, path, topLevel);
  checkTriggers(scope, triggers, compiler.problems);
  return result();
}
