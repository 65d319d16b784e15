// Server-side validation of an answer set against its compiled instrument, in three steps:
// 1. every answer has the type, choices and bounds its question allows (strict: survey-core on a
//    server would let wrong types through), wherever it sits, hidden or not;
// 2. one pass in dependency order computes visibility on the answers as given, drops answers to hidden questions, hidden
//    choices and rows (as survey-core does on completion), and computes expression questions,
//    matrix expression cells and calculated values (the client's values for those are ignored);
// 3. required answers, row requirements and validators of every visible, enabled question.
// survey-core's ConditionRunner / ExpressionRunner evaluate every expression.
import type { ConditionRunner } from 'survey-core';
import { problem, Problem } from '../errors';
import { readNumber } from './numbers';
import { surveyNumber } from './survey-number';
import type {
  AnswerRule,
  AnswerValue,
  CellInfo,
  ChoiceSet,
  CompiledQuestions,
  MatrixColumn,
  MatrixRow,
  QuestionInfo,
  Scope,
  TriggerRule,
  ValidatorRule,
} from './questions';

export type Answers = Record<string, unknown>;

export interface ValidatedAnswers {
  answers: Record<string, unknown>;
  /** Questions whose answers were dropped because the questions were not visible. */
  dropped: string[];
}

const invalid = (field: string, reason: string) => problem('response.invalid', { field, values: { reason } });
const required = (field: string, reason: string) => problem('response.required', { field, values: { reason } });

function isEmptyAnswer(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') {
    for (const _ in value as object) return false;
    return true;
  }
  return false;
}

const isObject = (v: unknown): v is Answers => !!v && typeof v === 'object' && !Array.isArray(v);
const list = (values: readonly AnswerValue[]) =>
  values
    .slice(0, 20)
    .map((v) => (typeof v === 'string' ? `"${v}"` : String(v)))
    .join(', ') + (values.length > 20 ? ', …' : '');
const has = (values: readonly AnswerValue[], value: unknown) => values.indexOf(value as AnswerValue) >= 0;

function choiceAllowed(choices: ChoiceSet, value: unknown): boolean {
  if (choices.other && value === 'other') return true;
  if (choices.none && value === 'none') return true;
  return has(choices.values, value);
}

function checkText(field: string, rule: Extract<AnswerRule, { kind: 'text' }>, value: unknown) {
  if (typeof value !== 'string') throw invalid(field, `Answer to "${field}" must be text.`);
  if (value.length > rule.maxLength) throw invalid(field, `Answer to "${field}" must be at most ${rule.maxLength} characters long.`);
  if (rule.format && !rule.format.test(value)) throw invalid(field, `Answer to "${field}" must be a valid ${rule.inputType} value.`);
  if (rule.inputType === 'url' && !URL.canParse(value)) throw invalid(field, `Answer to "${field}" must be a web address.`);
  if (rule.inputType === 'date' && Number.isNaN(Date.parse(value)))
    throw invalid(field, `Answer to "${field}" must be a date (YYYY-MM-DD).`);
  if (rule.min !== undefined && value < rule.min) throw invalid(field, `Answer to "${field}" must not be before ${rule.min}.`);
  if (rule.max !== undefined && value > rule.max) throw invalid(field, `Answer to "${field}" must not be after ${rule.max}.`);
}

function checkChoices(field: string, choices: ChoiceSet, value: unknown[]) {
  for (const item of value)
    if (!choiceAllowed(choices, item)) throw invalid(field, `Every answer to "${field}" must be one of ${list(choices.values)}.`);
  if (new Set(value).size !== value.length) throw invalid(field, `Answer to "${field}" lists a choice twice.`);
}

/** Step 1: type, choices and bounds of one non-empty answer; throws a Problem naming the field. */
function checkAnswer(field: string, rule: AnswerRule, value: unknown): void {
  switch (rule.kind) {
    case 'text':
      return checkText(field, rule, value);
    case 'comment':
      if (typeof value !== 'string') throw invalid(field, `Answer to "${field}" must be text.`);
      if (value.length > rule.maxLength) throw invalid(field, `Answer to "${field}" must be at most ${rule.maxLength} characters long.`);
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(field, `Answer to "${field}" must be a number.`);
      if (rule.min !== undefined && value < rule.min) throw invalid(field, `Answer to "${field}" must be at least ${rule.min}.`);
      if (rule.max !== undefined && value > rule.max) throw invalid(field, `Answer to "${field}" must be at most ${rule.max}.`);
      return;
    case 'date':
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
        throw invalid(field, `Answer to "${field}" must be a date (YYYY-MM-DD).`);
      return;
    case 'single':
      if (!choiceAllowed(rule.choices, value)) throw invalid(field, `Answer to "${field}" must be one of ${list(rule.choices.values)}.`);
      return;
    case 'multiple':
      if (!Array.isArray(value)) throw invalid(field, `Answer to "${field}" must be a list of choices.`);
      checkChoices(field, rule.choices, value);
      if (rule.choices.none && value.includes('none') && value.length > 1)
        throw invalid(field, `Answer to "${field}" cannot combine "none" with other choices.`);
      if (rule.max !== undefined && value.length > rule.max)
        throw invalid(field, `Answer to "${field}" may have at most ${rule.max} choices.`);
      if (rule.min !== undefined && value.length < rule.min)
        throw invalid(field, `Answer to "${field}" needs at least ${rule.min} choices.`);
      return;
    case 'ranking':
      if (!Array.isArray(value)) throw invalid(field, `Answer to "${field}" must be a list of choices in ranked order.`);
      checkChoices(field, rule.choices, value);
      if (!rule.selectToRank && value.length !== rule.choices.values.length)
        throw invalid(field, `Answer to "${field}" must rank all ${rule.choices.values.length} choices.`);
      if (rule.max !== undefined && value.length > rule.max)
        throw invalid(field, `Answer to "${field}" may rank at most ${rule.max} choices.`);
      return;
    case 'rating':
      if (!has(rule.values, value)) throw invalid(field, `Answer to "${field}" must be one of ${list(rule.values)}.`);
      return;
    case 'boolean':
      if (value !== rule.values[0] && value !== rule.values[1])
        throw invalid(field, `Answer to "${field}" must be ${String(rule.values[0])} or ${String(rule.values[1])}.`);
      return;
    case 'matrix':
      if (!isObject(value)) throw invalid(field, `Answer to "${field}" must map rows to columns.`);
      for (const row of Object.keys(value)) {
        if (!rule.rowInfo.some((r) => r.key === row)) throw invalid(`${field}.${row}`, `"${row}" is not a row of "${field}".`);
        const column = value[row];
        if (isEmptyAnswer(column)) continue;
        if (!has(rule.columns, column))
          throw invalid(`${field}.${row}`, `Answer to "${field}" row "${row}" must be one of ${list(rule.columns)}.`);
      }
      return;
    case 'matrixdropdown':
      if (!isObject(value)) throw invalid(field, `Answer to "${field}" must map rows to their cells.`);
      for (const row of Object.keys(value)) {
        if (!rule.rows.some((r) => r.key === row)) throw invalid(`${field}.${row}`, `"${row}" is not a row of "${field}".`);
        checkCells(`${field}.${row}`, rule.columns, rule.expressions, value[row]);
      }
      return;
    case 'matrixdynamic':
      if (!Array.isArray(value)) throw invalid(field, `Answer to "${field}" must be a list of rows.`);
      if (value.length > rule.maxRows) throw invalid(field, `"${field}" may have at most ${rule.maxRows} rows.`);
      if (value.length < rule.minRows) throw invalid(field, `"${field}" needs at least ${rule.minRows} rows.`);
      value.forEach((row, i) => checkCells(`${field}[${i}]`, rule.columns, rule.expressions, row));
      return;
    case 'multipletext':
      checkCells(field, rule.items, [], value);
      return;
    case 'paneldynamic':
      if (!Array.isArray(value)) throw invalid(field, `Answer to "${field}" must be a list of panels.`);
      if (value.length > rule.maxPanels) throw invalid(field, `"${field}" may have at most ${rule.maxPanels} panels.`);
      if (value.length < rule.minPanels) throw invalid(field, `"${field}" needs at least ${rule.minPanels} panels.`);
      value.forEach((panel, i) => {
        if (!isObject(panel)) throw invalid(`${field}[${i}]`, `Panel ${i + 1} of "${field}" must be an object of answers.`);
        checkScope(rule.template, panel, `${field}[${i}].`);
      });
      return;
    case 'expression':
      return; // computed by the server; whatever the client sent is replaced
  }
}

/** Whether a value is an answer the rule accepts (an empty value always is: it clears the answer). */
export function answerFits(rule: AnswerRule, value: unknown): boolean {
  if (isEmptyAnswer(value)) return true;
  try {
    checkAnswer('value', rule, value);
    return true;
  } catch (err) {
    if (err instanceof Problem) return false;
    throw err;
  }
}

function checkCells(field: string, cells: CellInfo[], expressions: { name: string }[], value: unknown) {
  if (!isObject(value)) throw invalid(field, `Answer to "${field}" must be an object of cells.`);
  for (const key of Object.keys(value)) {
    const cell = cells.find((c) => c.name === key);
    if (!cell) {
      if (expressions.some((e) => e.name === key)) continue;
      throw invalid(`${field}.${key}`, `"${key}" is not a column of "${field}".`);
    }
    if (!isEmptyAnswer(value[key])) checkAnswer(`${field}.${key}`, cell.rule, value[key]);
  }
}

/** Step 1 over one scope's answers (the survey's, or one dynamic panel's). */
function checkScope(scope: Scope, values: Answers, prefix: string) {
  for (const key of Object.keys(values)) {
    if (!scope.answerKeys.has(key))
      throw problem('response.unknown_question', { field: `${prefix}${key}`, values: { question: `${prefix}${key}`, what: 'survey' } });
  }
  for (const question of scope.questions.values()) {
    const value = values[question.name];
    if (!isEmptyAnswer(value)) checkAnswer(prefix + question.name, question.rule, value);
    if (question.commentKey) {
      const comment = values[question.commentKey];
      if (!isEmptyAnswer(comment) && (typeof comment !== 'string' || comment.length > question.commentMaxLength)) {
        throw invalid(
          prefix + question.commentKey,
          `The comment on "${prefix}${question.name}" must be text of at most ${question.commentMaxLength} characters.`,
        );
      }
    }
  }
}

/**
 * survey-core looks a variable up by walking every key of the values it is given, so an
 * expression run on the whole answer set costs as much as the answer set is long (a 700-question
 * chain became quadratic). Each expression is run on just the answers it reads.
 */
const readsOf = new WeakMap<object, string[]>();
function narrowed(runner: { getVariables(): string[] }, context: Answers): Answers {
  let reads = readsOf.get(runner);
  if (!reads) {
    // Every name a variable may read: {a.b} reads the answer "a.b" when there is one, else "a".
    reads = [...new Set(runner.getVariables().flatMap(namesRead))];
    readsOf.set(runner, reads);
  }
  const values: Answers = {};
  for (let i = 0; i < reads.length; i++) {
    // Names are matched exactly: the definition check refuses a reference in another case.
    const key = reads[i];
    if (context[key] !== undefined) values[key] = context[key];
  }
  return values;
}

function namesRead(variable: string): string[] {
  const names = [variable];
  for (let i = 1; i < variable.length; i++) if (variable[i] === '.' || variable[i] === '[') names.push(variable.slice(0, i));
  return names;
}

type Runner = { runValues(values: Answers): unknown; getVariables(): string[]; hasFunction(): boolean };

/**
 * What an expression gave for each combination of the answers it reads, per expression (they live
 * as long as the compiled instrument): survey-core takes several microseconds to run even
 * `{a} = 'x'`, on every submission, for the same few choices. Only expressions that call no
 * function (today(), age()... may change by the day) and read only plain values are remembered,
 * only plain results, and at most `rememberedLimit` combinations each.
 */
const remembered = new WeakMap<object, Map<string, unknown> | null>();
const rememberedLimit = 256;

/** The answers an expression reads, as one unambiguous key; undefined when one is not a plain value. */
function readsKey(values: Answers, reads: string[]): string | undefined {
  let key = '';
  for (let i = 0; i < reads.length; i++) {
    const v = values[reads[i]];
    if (v === undefined) key += 'u,';
    else if (v === null) key += 'n,';
    else if (typeof v === 'string') key += `s${JSON.stringify(v)},`;
    else if (typeof v === 'number' && Number.isFinite(v)) key += `d${v},`;
    else if (typeof v === 'boolean') key += v ? 't,' : 'f,';
    else return undefined;
  }
  return key;
}

function run(runner: Runner, context: Answers): unknown {
  const values = narrowed(runner, context);
  let memo = remembered.get(runner);
  if (memo === undefined) {
    memo = runner.hasFunction() ? null : new Map();
    remembered.set(runner, memo);
  }
  const key = memo ? readsKey(values, readsOf.get(runner)!) : undefined;
  if (key === undefined) return runner.runValues(values);
  if (memo!.has(key)) return memo!.get(key);
  const result = runner.runValues(values);
  if (memo!.size < rememberedLimit && (result === null || (typeof result !== 'object' && typeof result !== 'function')))
    memo!.set(key, result);
  return result;
}
const holds = (runner: ConditionRunner, context: Answers) => run(runner, context) === true;

function allHold(runners: ConditionRunner[], context: Answers): boolean {
  for (let i = 0; i < runners.length; i++) if (!holds(runners[i], context)) return false;
  return true;
}

/** The context with {item} set (the survey's answers stay behind it, uncopied). */
function withItem(context: Answers, item: unknown): Answers {
  const values = Object.create(context) as Answers;
  values.item = item;
  return values;
}

function choiceVisible(choices: ChoiceSet, value: unknown, context: Answers): boolean {
  const own = choices.visibleIf?.get(value as AnswerValue);
  if (own && !holds(own, context)) return false;
  if (choices.choicesVisibleIf && (value !== 'other' || !choices.other) && (value !== 'none' || !choices.none)) {
    return holds(choices.choicesVisibleIf, withItem(context, value));
  }
  return true;
}

/** A matrix row is shown when its own visibleIf and the matrix's rowsVisibleIf (with {item}) hold. */
function rowVisible(row: MatrixRow, context: Answers): boolean {
  if (row.visibleIf && !holds(row.visibleIf, context)) return false;
  return !row.rowsVisibleIf || holds(row.rowsVisibleIf, withItem(context, row.value));
}

function columnVisible(column: MatrixColumn, context: Answers): boolean {
  if (column.visibleIf && !holds(column.visibleIf, context)) return false;
  return !column.columnsVisibleIf || holds(column.columnsVisibleIf, withItem(context, column.value));
}

/** What a matrix row's cell conditions see: the survey's answers and {row}, {rowName} or {rowIndex}. */
function rowContext(context: Answers, cells: Answers, row: string | number): Answers {
  const values = Object.create(context) as Answers;
  values.row = cells;
  if (typeof row === 'number') values.rowIndex = row + 1;
  else values.rowName = row;
  return values;
}

/** Drops cells answered with a choice their column does not show in this row (as survey-core does when the row's values are set). */
function dropHiddenCellChoices(columns: CellInfo[], cells: Answers, context: Answers) {
  for (const column of columns) {
    const rule = column.rule;
    if ((rule.kind !== 'single' && rule.kind !== 'multiple') || (!rule.choices.visibleIf && !rule.choices.choicesVisibleIf)) continue;
    const value = cells[column.name];
    if (value === undefined) continue;
    if (rule.kind === 'single') {
      if (!choiceVisible(rule.choices, value, context)) delete cells[column.name];
      continue;
    }
    const kept = (value as unknown[]).filter((v) => choiceVisible(rule.choices, v, context));
    if (kept.length === 0) delete cells[column.name];
    else if (kept.length !== (value as unknown[]).length) cells[column.name] = kept;
  }
}

function setOrDelete(target: Answers, key: string, value: unknown) {
  if (value === undefined || value === null || (typeof value === 'number' && Number.isNaN(value))) delete target[key];
  else target[key] = value;
}

/** Removes empty answers the way the stored answer set has none. */
function withoutEmpty(value: Answers): Answers {
  for (const key of Object.keys(value)) if (isEmptyAnswer(value[key])) delete value[key];
  return value;
}

/**
 * Step 2 over one scope: `target` holds the scope's answers, `context` is what expressions see
 * (the survey's answers, plus {panel} inside a dynamic panel). Returns the visible questions.
 */
function settleScope(
  scope: Scope,
  target: Answers,
  context: Answers,
  dropped: string[] | undefined,
  prefix: string,
  late: (() => void)[],
): Set<QuestionInfo> {
  const visible = new Set<QuestionInfo>();
  for (const item of scope.order) {
    if (!('rule' in item)) {
      const computed = run(item.expression, context);
      setOrDelete(target, item.name, computed);
      if (context !== target) setOrDelete(context, item.name, computed);
      continue;
    }
    const question = item;
    const name = question.name;
    // Totals of a matrix (survey-core's "<name>-total") are worked out from its rows, never kept.
    if ((question.rule.kind === 'matrixdropdown' || question.rule.kind === 'matrixdynamic') && question.rule.totals)
      delete target[`${name}-total`];
    if (!allHold(question.visibleIf, context)) {
      if (target[name] !== undefined || (question.commentKey && target[question.commentKey] !== undefined)) {
        delete target[name];
        if (question.commentKey) delete target[question.commentKey];
        dropped?.push(prefix + name);
      }
      continue;
    }
    visible.add(question);
    const rule = question.rule;
    if (rule.kind === 'expression') {
      const computed = run(rule.expression, context);
      setOrDelete(target, name, computed);
      if (context !== target) setOrDelete(context, name, computed);
      continue;
    }
    const value = target[name];
    if (question.commentKey && question.commentOnlyWithOther && target[question.commentKey] !== undefined) {
      const hasOther = value === 'other' || (Array.isArray(value) && value.includes('other'));
      if (!hasOther) delete target[question.commentKey];
    }
    if (value === undefined) continue;
    switch (rule.kind) {
      case 'single':
        if ((rule.choices.visibleIf || rule.choices.choicesVisibleIf) && !choiceVisible(rule.choices, value, context)) {
          // survey-core would turn a hidden choice into an "other" text; nobody could have picked it.
          if (rule.choices.other) throw invalid(prefix + name, `Answer to "${prefix}${name}" is a choice that is not shown.`);
          delete target[name];
        }
        break;
      case 'multiple':
        if (rule.choices.visibleIf || rule.choices.choicesVisibleIf) {
          const kept = (value as unknown[]).filter((v) => choiceVisible(rule.choices, v, context));
          if (kept.length === 0) delete target[name];
          else if (kept.length !== (value as unknown[]).length) target[name] = kept;
        }
        break;
      case 'matrix':
      case 'matrixdropdown': {
        const rows = { ...(value as Answers) };
        for (const row of rule.kind === 'matrix' ? rule.rowInfo : rule.rows) {
          if (rows[row.key] !== undefined && (row.visibleIf || row.rowsVisibleIf) && !rowVisible(row, context)) delete rows[row.key];
        }
        if (rule.kind === 'matrix' && rule.columnInfo.some((c) => c.visibleIf || c.columnsVisibleIf)) {
          // A row answered with a hidden column counts as answered when requirements are checked,
          // and loses its answer when the survey completes (survey-core's order).
          const hidden = rule.columnInfo.filter((c) => !columnVisible(c, context)).map((c) => c.value);
          const lost = Object.keys(rows).filter((key) => hidden.includes(rows[key] as AnswerValue));
          if (lost.length) {
            late.push(() => {
              const kept = { ...(target[name] as Answers) };
              for (const key of lost) delete kept[key];
              setOrDelete(target, name, isEmptyAnswer(kept) ? undefined : kept);
            });
          }
        }
        if (rule.kind === 'matrixdropdown') {
          for (const key of Object.keys(rows)) {
            const cells = withoutEmpty({ ...(rows[key] as Answers) });
            dropHiddenCellChoices(rule.columns, cells, rowContext(context, cells, key));
            computeCells(rule.expressions, cells, context, key);
            if (isEmptyAnswer(cells)) delete rows[key];
            else rows[key] = cells;
          }
        } else withoutEmpty(rows);
        setOrDelete(target, name, isEmptyAnswer(rows) ? undefined : rows);
        break;
      }
      case 'matrixdynamic': {
        const rows = (value as Answers[]).map((row, i) => {
          const cells = withoutEmpty({ ...row });
          dropHiddenCellChoices(rule.columns, cells, rowContext(context, cells, i));
          computeCells(rule.expressions, cells, context, i);
          return cells;
        });
        // Rows survey-core adds up to minRowCount, left empty, are no answer.
        setOrDelete(target, name, rows.every(isEmptyAnswer) ? undefined : rows);
        break;
      }
      case 'multipletext': {
        const items = withoutEmpty({ ...(value as Answers) });
        setOrDelete(target, name, isEmptyAnswer(items) ? undefined : items);
        break;
      }
      case 'paneldynamic': {
        const panels = (value as Answers[]).map((panel, i) => {
          const own = withoutEmpty({ ...panel });
          settleScope(rule.template, own, { ...context, panel: own, panelIndex: i }, dropped, `${prefix}${name}[${i}].`, late);
          return withoutEmpty(own);
        });
        // Panels left empty (as survey-core adds up to minPanelCount) are no answer.
        setOrDelete(target, name, panels.every(isEmptyAnswer) ? undefined : panels);
        break;
      }
    }
  }
  return visible;
}

function computeCells(expressions: { name: string; runner: Runner }[], cells: Answers, context: Answers, row: string | number) {
  if (expressions.length === 0) return;
  const rowContext = {
    ...context,
    row: cells,
    rowIndex: typeof row === 'number' ? row + 1 : undefined,
    rowName: typeof row === 'string' ? row : undefined,
  };
  for (const e of expressions) setOrDelete(cells, e.name, run(e.runner, rowContext));
}

function checkValidators(field: string, validators: ValidatorRule[], value: unknown, context: Answers) {
  for (const v of validators) {
    if (v.kind === 'expression') {
      if (!holds(v.condition, context)) throw invalid(field, `Answer to "${field}" breaks the rule ${v.expression}.`);
      continue;
    }
    if (isEmptyAnswer(value)) continue;
    switch (v.kind) {
      case 'numeric': {
        // survey-core's reading: a text of digits ("89215761507", a phone number) is a number too.
        const number = surveyNumber(value);
        if (Number.isNaN(number)) throw invalid(field, `Answer to "${field}" must be a number.`);
        if (v.min !== undefined && number < v.min) throw invalid(field, `Answer to "${field}" must be at least ${v.min}.`);
        if (v.max !== undefined && number > v.max) throw invalid(field, `Answer to "${field}" must be at most ${v.max}.`);
        break;
      }
      case 'text': {
        const text = String(value);
        if (v.minLength !== undefined && v.minLength > 0 && text.length < v.minLength)
          throw invalid(field, `Answer to "${field}" must be at least ${v.minLength} characters long.`);
        if (v.maxLength !== undefined && v.maxLength > 0 && text.length > v.maxLength)
          throw invalid(field, `Answer to "${field}" must be at most ${v.maxLength} characters long.`);
        // survey-core's own reading of allowDigits: the text must not end in digits.
        if (!v.allowDigits && /\d+$/.test(text)) throw invalid(field, `Answer to "${field}" must not end in digits.`);
        break;
      }
      case 'regex':
        for (const item of Array.isArray(value) ? value : [value]) {
          if (!v.regex.test(String(item))) throw invalid(field, `Answer to "${field}" has the wrong format.`);
        }
        break;
      case 'email':
        if (typeof value !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value))
          throw invalid(field, `Answer to "${field}" must be an e-mail address.`);
        break;
      case 'answercount': {
        const count = Array.isArray(value) ? value.length : 1;
        if (v.min !== undefined && count < v.min) throw invalid(field, `Answer to "${field}" needs at least ${v.min} choices.`);
        if (v.max !== undefined && count > v.max) throw invalid(field, `Answer to "${field}" may have at most ${v.max} choices.`);
        break;
      }
    }
  }
}

/** Requirements and validators of a row's cells; `at` names the row for its cells' conditions (undefined for multiple text items). */
function checkRequiredCells(field: string, cells: CellInfo[], row: Answers, context: Answers, at?: string | number) {
  const own = at === undefined ? { ...context, row } : rowContext(context, row, at);
  for (const cell of cells) {
    // A hidden or disabled cell keeps its value and is neither required nor validated (as survey-core).
    if ((cell.visibleIf && !holds(cell.visibleIf, own)) || (cell.enableIf && !holds(cell.enableIf, own))) continue;
    const value = row[cell.name];
    const isRequired = (cell.required && !cell.conditional) || (cell.requiredIf !== undefined && holds(cell.requiredIf, own));
    if (isRequired && isEmptyAnswer(value)) throw required(`${field}.${cell.name}`, `"${field}.${cell.name}" needs an answer.`);
    if (cell.validators.length) checkValidators(`${field}.${cell.name}`, cell.validators, value, own);
  }
}

/** No two rows with the same value in a column that must be unique (isUnique, keyName), as survey-core checks. */
function checkUniqueCells(field: string, cells: CellInfo[], rows: [string | number, Answers][]) {
  for (const cell of cells) {
    if (!cell.unique) continue;
    const seen = new Set<string>();
    for (const [at, row] of rows) {
      const value = row?.[cell.name];
      if (isEmptyAnswer(value)) continue;
      const key = JSON.stringify(value);
      const where = typeof at === 'number' ? `${field}[${at}].${cell.name}` : `${field}.${at}.${cell.name}`;
      if (seen.has(key)) throw invalid(where, `Answer to "${where}" repeats a value that must differ from row to row.`);
      seen.add(key);
    }
  }
}

/** minValueExpression / maxValueExpression: numbers compare as numbers, dates as days. */
function checkBounds(field: string, question: QuestionInfo, value: unknown, context: Answers) {
  const measure = (v: unknown) =>
    typeof v === 'number'
      ? v
      : v instanceof Date
        ? v.getTime()
        : typeof v === 'string'
          ? question.rule.kind === 'number'
            ? surveyNumber(v)
            : Date.parse(v)
          : NaN;
  const given = measure(value);
  if (Number.isNaN(given)) return;
  if (question.minExpression) {
    const min = run(question.minExpression, context);
    if (!Number.isNaN(measure(min)) && given < measure(min)) throw invalid(field, `Answer to "${field}" must be at least ${String(min)}.`);
  }
  if (question.maxExpression) {
    const max = run(question.maxExpression, context);
    if (!Number.isNaN(measure(max)) && given > measure(max)) throw invalid(field, `Answer to "${field}" must be at most ${String(max)}.`);
  }
}

/** Step 3 over one scope: requirements and validators of its visible, enabled questions. */
function requireScope(scope: Scope, visible: Set<QuestionInfo>, target: Answers, context: Answers, prefix: string) {
  for (const question of scope.order) {
    if (!('rule' in question) || !visible.has(question)) continue;
    if (question.readOnly || !allHold(question.enableIf, context)) continue;
    const field = prefix + question.name;
    const value = target[question.name];
    const rule = question.rule;
    const isRequired = question.required || (question.requiredIf !== undefined && holds(question.requiredIf, context));
    if (isRequired && isEmptyAnswer(value) && rule.kind !== 'expression') throw required(field, `"${field}" needs an answer.`);
    // survey-core holds a shown checkbox to its minSelectedChoices even when it is not required (issue 27).
    if (rule.kind === 'multiple' && rule.min !== undefined && isEmptyAnswer(value))
      throw invalid(field, `Answer to "${field}" needs at least ${rule.min} choices.`);
    if ((question.minExpression || question.maxExpression) && !isEmptyAnswer(value)) checkBounds(field, question, value, context);
    if (rule.kind === 'matrix' && rule.eachRowUnique && value) {
      const answered = rule.rowInfo.filter((r) => rowVisible(r, context) && !isEmptyAnswer((value as Answers)[r.key]));
      const columns = answered.map((r) => (value as Answers)[r.key]);
      const twice = answered.find((_, i) => columns.indexOf(columns[i]) !== i);
      if (twice)
        throw invalid(`${field}.${twice.key}`, `Every row of "${field}" needs a different answer (row "${twice.key}" repeats one).`);
    }
    if (rule.kind === 'matrix' && rule.allRowsRequired) {
      const missing = rule.rowInfo.find((r) => rowVisible(r, context) && isEmptyAnswer((value as Answers | undefined)?.[r.key]));
      if (missing) throw required(`${field}.${missing.key}`, `Every row of "${field}" needs an answer (missing "${missing.key}").`);
    }
    if (rule.kind === 'matrixdropdown') {
      for (const row of rule.rows) {
        if (!rowVisible(row, context)) continue;
        checkRequiredCells(
          `${field}.${row.key}`,
          rule.columns,
          ((value as Answers | undefined)?.[row.key] as Answers) ?? {},
          context,
          row.key,
        );
      }
    }
    if (rule.kind === 'matrixdynamic' && Array.isArray(value)) {
      value.forEach((row, i) => checkRequiredCells(`${field}[${i}]`, rule.columns, row as Answers, context, i));
      checkUniqueCells(
        field,
        rule.columns,
        value.map((row, i) => [i, row as Answers]),
      );
    }
    if (rule.kind === 'matrixdropdown' && value)
      checkUniqueCells(
        field,
        rule.columns,
        Object.entries(value as Answers).map(([key, row]) => [key, row as Answers]),
      );
    if (rule.kind === 'multipletext') checkRequiredCells(field, rule.items, (value as Answers) ?? {}, context);
    if (rule.kind === 'paneldynamic' && Array.isArray(value)) {
      value.forEach((panel, i) => {
        const panelContext = { ...context, panel, panelIndex: i };
        const inner = new Set<QuestionInfo>();
        for (const q of rule.template.questions.values()) if (allHold(q.visibleIf, panelContext)) inner.add(q);
        requireScope(rule.template, inner, panel as Answers, panelContext, `${field}[${i}].`);
      });
    }
    if (question.validators.length) checkValidators(field, question.validators, value, context);
    if (question.commentKey && question.commentOnlyWithOther) {
      const other = value === 'other' || (Array.isArray(value) && value.includes('other'));
      if (other && isEmptyAnswer(target[question.commentKey])) {
        throw required(prefix + question.commentKey, `Answer to "${field}" is "other": describe it in "${prefix}${question.commentKey}".`);
      }
    }
  }
}

const sameValue = (a: unknown, b: unknown) =>
  a === b || (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));

/**
 * setvalue and copyvalue triggers, as survey-core's runTriggers() applies them to a whole answer
 * set: the first round runs every trigger whose expression reads an answer that is there; each
 * later round (at most three in all) only those reading an answer the round before changed. A
 * trigger does not run again for a change that is only its own target's.
 */
function applyTriggers(triggers: TriggerRule[], values: Answers, questions: Map<string, QuestionInfo>) {
  if (triggers.length === 0) return;
  let keys = new Set(Object.keys(values));
  for (let round = 0; round < 3; round++) {
    const changed = new Set<string>();
    for (const trigger of triggers) {
      const considered = new Set([...keys, ...changed]);
      if (considered.size === 1 && considered.has(trigger.setToName)) continue;
      const reads = trigger.reads;
      if (!trigger.callsFunction && reads.length > 0 && !reads.some((name) => considered.has(name))) continue;
      if (trigger.expression ? !holds(trigger.expression, values) : trigger.kind !== 'copyvalue') continue;
      const next = trigger.kind === 'setvalue' ? trigger.setValue : values[trigger.fromName!];
      const name = trigger.setToName;
      if (sameValue(values[name], next) || (isEmptyAnswer(values[name]) && isEmptyAnswer(next))) continue;
      if (isEmptyAnswer(next)) delete values[name];
      else values[name] = typeof next === 'object' ? JSON.parse(JSON.stringify(next)) : next;
      changed.add(name);
      // A copied answer must fit its new question as any answer must (setvalue's was checked at upload).
      const target = questions.get(name)!;
      if (!isEmptyAnswer(values[name])) checkAnswer(name, target.rule, values[name]);
    }
    if (changed.size === 0) return;
    keys = changed;
  }
}

/** Validates an answer set; returns the answers to store, or throws a Problem (nothing is stored). */
/**
 * Number questions answered with text typed the Russian way («1 300», «3,8») get the number it
 * means (numbers.ts, which the respondent's page reads with too); text that could mean a thousand
 * or a decimal («1.300») is refused naming the field. The answers are copied only when one is read.
 */
function withNumbersRead(compiled: CompiledQuestions, input: Answers): Answers {
  let out: Answers | undefined;
  for (const question of compiled.questions.values()) {
    const given = input[question.name];
    if (question.rule.kind !== 'number' || typeof given !== 'string' || given.trim() === '') continue;
    const reading = readNumber(given);
    if (reading && 'ambiguous' in reading)
      throw problem('response.ambiguous_number', { field: question.name, values: { question: question.name, text: given } });
    if (reading) (out ??= { ...input })[question.name] = reading.value;
  }
  return out ?? input;
}

export function validateAnswers(compiled: CompiledQuestions, given: unknown): ValidatedAnswers {
  if (!isObject(given)) {
    throw invalid('answers', 'The answers must be an object mapping question names to answers.');
  }
  const input = withNumbersRead(compiled, given);
  checkScope(compiled, input, '');
  const values: Answers = {};
  for (const key of Object.keys(input)) {
    const value = input[key];
    if (!isEmptyAnswer(value)) values[key] = value;
  }
  applyTriggers(compiled.triggers, values, compiled.questions);
  const dropped: string[] = [];
  const late: (() => void)[] = [];
  // survey-core works out every condition on the answers as given, then clears the hidden ones on
  // completion without working the conditions out again: an answer shown by a hidden one stays.
  const asGiven = { ...values };
  const visible = settleScope(compiled, values, asGiven, dropped, '', late);
  requireScope(compiled, visible, values, asGiven, '');
  for (const clear of late) clear();
  for (const calculated of compiled.calculated) if (!calculated.includeIntoResult) delete values[calculated.name];
  return { answers: values, dropped };
}
