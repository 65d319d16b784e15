// Checks an instrument before Mera will use it: the envelope's shape, the definition's size
// limits, SurveyJS's own reading of the definition, what the server can enforce, the texts (both
// languages for built-ins, any locale keys for uploads), contact questions of anonymous surveys,
// and every question named by scoring or indicators. A checked instrument comes back compiled.
import { Model, Serializer, surveyLocalization } from 'survey-core';
import {
  compileQuestions,
  CompiledQuestions,
  DefinitionProblem,
  ParsedExpressions,
  parseExpressionsInSlices,
  QuestionInfo,
} from './questions';
import { Instrument, instrumentSchema, LocalizedText } from './instrument';
import { definitionLimits, jsonDepth } from './limits';
import { ItemRange, scoringItems } from './scoring';
import { answerFits } from './validator';

surveyLocalization.defaultLocale = 'ru';

export interface CompiledInstrument {
  instrument: Instrument;
  questions: CompiledQuestions;
  scoringItems?: Map<string, ItemRange[]>;
}

export type CheckResult = { ok: true; compiled: CompiledInstrument } | { ok: false; problems: DefinitionProblem[] };

export interface CheckOptions {
  /**
   * Built-in instruments must carry every text in Russian ("default") and English ("en"); an
   * upload may be in one language and may use any locale keys ({ ru, en }, { default, en }, plain text).
   */
  bothLanguages?: boolean;
  /** Expressions already parsed (see checkInstrumentInSlices). */
  parsed?: ParsedExpressions;
  /** A version read back from the store: it passed every check when it was stored, survey-core's Model included. */
  stored?: boolean;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

function isLocalized(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof value.default === 'string' &&
    value.default.trim() !== '' &&
    typeof value.en === 'string' &&
    value.en.trim() !== ''
  );
}

function isAnyText(value: unknown): boolean {
  if (typeof value === 'string') return true;
  return (
    isObject(value) &&
    Object.values(value).every((v) => typeof v === 'string') &&
    Object.values(value).some((v) => (v as string).trim() !== '')
  );
}

/** A text in any locale keys as Mera's { default (Russian), en }: a missing language takes the other's text. */
function normalizedText(value: unknown): LocalizedText | undefined {
  if (typeof value === 'string') return value.trim() ? { default: value, en: value } : undefined;
  if (!isObject(value)) return undefined;
  const strings = Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '');
  if (strings.length === 0) return undefined;
  const pick = (key: string) => strings.find(([k]) => k === key)?.[1];
  const russian = pick('default') ?? pick('ru') ?? strings[0][1];
  return { default: russian, en: pick('en') ?? russian };
}

/**
 * survey-core's Serializer.findProperty walks the class hierarchy and builds lists on every call
 * (about 50 µs): a large definition asks it tens of thousands of times, so answers are kept by class.
 */
const propertyCache = new Map<string, Map<string, { isLocalizable: boolean; className?: string } | null>>();
function findProperty(className: string, key: string) {
  let byKey = propertyCache.get(className);
  if (!byKey) propertyCache.set(className, (byKey = new Map()));
  let property = byKey.get(key);
  if (property === undefined) {
    const found = Serializer.findProperty(className, key);
    property = found ? { isLocalizable: found.isLocalizable, className: found.className } : null;
    byKey.set(key, property);
  }
  return property;
}

/** Every localizable property (as survey-core's Serializer knows them) must hold text, in both languages for built-ins. */
function checkLocales(obj: Json, className: string, path: string, bothLanguages: boolean, problems: DefinitionProblem[]) {
  for (const [key, value] of Object.entries(obj)) {
    const property = findProperty(className, key);
    if (!property) continue;
    if (property.isLocalizable) {
      if (bothLanguages && !isLocalized(value))
        problems.push({ path: `${path}.${key}`, message: `"${key}" must have both Russian ("default") and English ("en") text.` });
      else if (!bothLanguages && !isAnyText(value))
        problems.push({
          path: `${path}.${key}`,
          message: `"${key}" must be a text, or an object of texts by locale such as { "ru": "…", "en": "…" }.`,
        });
      continue;
    }
    if (!Array.isArray(value)) continue;
    const itemClass = key === 'pages' ? 'page' : key === 'templateElements' ? undefined : property.className;
    value.forEach((item, i) => {
      if (!item || typeof item !== 'object') {
        // A bare value as a choice shows the value itself: built-ins must give a text for non-numbers.
        if (bothLanguages && itemClass && typeof item === 'string')
          problems.push({ path: `${path}.${key}[${i}]`, message: `The choice "${item}" needs a text in both languages.` });
        return;
      }
      const child = item as Json;
      const childClass = key === 'elements' || key === 'questions' || key === 'templateElements' ? String(child.type ?? '') : itemClass;
      if (!childClass) return;
      checkLocales(child, childClass, `${path}.${key}[${i}]`, bothLanguages, problems);
    });
  }
}

function answerValuesOf(question: QuestionInfo): unknown[] | undefined {
  const rule = question.rule;
  switch (rule.kind) {
    case 'single':
    case 'multiple':
      return [...rule.choices.values, ...(rule.choices.other ? ['other'] : []), ...(rule.choices.none ? ['none'] : [])];
    case 'rating':
      return rule.values;
    case 'boolean':
      return rule.values;
    case 'matrix':
      return rule.columns;
    default:
      return undefined;
  }
}

function checkIndicators(instrument: Instrument, questions: CompiledQuestions, problems: DefinitionProblem[]) {
  const ids = new Set<string>();
  const areas = new Set(instrument.scoring?.areas.map((a) => a.id) ?? []);
  instrument.indicators.forEach((indicator, i) => {
    const path = `indicators[${i}]`;
    const where = `indicator ${indicator.id}`;
    if (ids.has(indicator.id)) problems.push({ path: `${path}.id`, message: `${where}: the id is used twice.` });
    ids.add(indicator.id);
    for (const name of indicator.questions) {
      const question = questions.questions.get(name);
      if (!question) {
        problems.push({ path: `${path}.questions`, message: `${where}: "${name}" is no question of the survey.` });
        continue;
      }
      const allowed = answerValuesOf(question);
      for (const value of indicator.positive ?? []) {
        if (!allowed || !allowed.includes(value))
          problems.push({ path: `${path}.positive`, message: `${where}: ${JSON.stringify(value)} is not an answer of "${name}".` });
      }
    }
    if (indicator.kind === 'deficit-area' && (!indicator.area || !areas.has(indicator.area))) {
      problems.push({ path: `${path}.area`, message: `${where}: a deficit-area indicator must name a scoring area.` });
    }
  });
}

/** A zod issue as a sentence a person can act on. */
function envelopeProblem(issue: {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  expected?: unknown;
}): DefinitionProblem {
  const path = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('') || '(body)';
  const name = issue.path.length ? `"${String(issue.path[issue.path.length - 1])}"` : 'The instrument';
  switch (issue.code) {
    case 'unrecognized_keys':
      return {
        path,
        message: `${(issue.keys ?? []).map((k) => `"${k}"`).join(', ')} ${issue.keys?.length === 1 ? 'is' : 'are'} not part of an instrument.`,
      };
    case 'invalid_type':
      return {
        path,
        message: issue.message.includes('received undefined')
          ? `${name} is missing.`
          : `${name} must be ${issue.expected === 'object' ? 'an object' : issue.expected === 'array' ? 'a list' : `a ${String(issue.expected)}`}.`,
      };
    case 'invalid_value':
      return { path, message: `${name} has a value that is not allowed (${issue.message.replace(/^Invalid option: /, '')}).` };
    default:
      return { path, message: `${name}: ${issue.message}.` };
  }
}

/** Problems of the envelope before it is parsed: size, and the title taken from the survey. */
function prepared(raw: unknown, options: CheckOptions): { body?: Json; problems: DefinitionProblem[] } {
  if (!isObject(raw))
    return { problems: [{ path: '(body)', message: 'The instrument must be an object: { id, respondentType, anonymous, survey }.' }] };
  // The envelope's other fields have a fixed shape (zod stops at the first level too deep).
  if (surveyTooDeep(raw))
    return {
      problems: [{ path: 'survey', message: `The definition nests objects and lists more than ${definitionLimits.jsonDepth} deep.` }],
    };
  if (options.bothLanguages) return { body: raw, problems: [] };
  const body = { ...raw };
  const survey = isObject(body.survey) ? body.survey : undefined;
  // A survey without a title (SurveyJS needs none) takes the envelope's, or else its id.
  const title = normalizedText(body.title ?? survey?.title) ?? (typeof body.id === 'string' ? normalizedText(body.id) : undefined);
  if (title) body.title = title;
  if (body.description !== undefined || survey?.description !== undefined) {
    const description = normalizedText(body.description ?? survey?.description);
    if (description) body.description = description;
  }
  if (body.contactPurpose !== undefined) {
    const purpose = normalizedText(body.contactPurpose);
    if (purpose) body.contactPurpose = purpose;
    else delete body.contactPurpose;
  }
  if (title === undefined)
    return { body, problems: [{ path: 'title', message: 'The survey needs a title ("title" in the envelope or the survey) or an id.' }] };
  return { body, problems: [] };
}

/** The survey nests deeper than the limit (a body's survey is one level below the body). */
function surveyTooDeep(raw: Json): boolean {
  return jsonDepth(raw.survey, definitionLimits.jsonDepth + 1) > definitionLimits.jsonDepth + 1;
}

/** Checks raw instrument JSON. Problems carry their JSON path and a sentence a person can act on. */
export function checkInstrument(raw: unknown, options: CheckOptions = { bothLanguages: true }): CheckResult {
  const phases = checkPhases(raw, options);
  for (;;) {
    const step = phases.next();
    if (step.done) return step.value;
  }
}

/**
 * The checks in phases (each a few milliseconds of a core for the largest definition the limits
 * allow): checkInstrument runs them at once, checkInstrumentInSlices lets other requests in between.
 */
function* checkPhases(raw: unknown, options: CheckOptions): Generator<void, CheckResult> {
  const ready = prepared(raw, options);
  if (!ready.body || ready.problems.length) return { ok: false, problems: ready.problems };
  const parsed = instrumentSchema.safeParse(ready.body);
  if (!parsed.success)
    return { ok: false, problems: parsed.error.issues.map((i) => envelopeProblem(i as Parameters<typeof envelopeProblem>[0])) };
  const instrument = parsed.data;
  const problems: DefinitionProblem[] = [];
  yield;

  // The server's own reading first: it enforces the limits before survey-core parses anything.
  const questions = compileQuestions(instrument.survey, 'survey', options.parsed);
  problems.push(...questions.problems);
  yield;
  // survey-core's own reading of built-in files (trusted, small), when they are read at start-up.
  // Uploads and stored versions are not given to a Model: building one costs seconds for a long
  // visibleIf chain, and the compiler above already accepts only the types and properties it
  // knows and parses every expression with survey-core's parser.
  if (problems.length === 0 && options.bothLanguages && !options.stored) {
    let model: Model | undefined;
    try {
      model = new Model(instrument.survey);
    } catch (err) {
      problems.push({ path: 'survey', message: `SurveyJS cannot read the definition (${(err as Error).message}).` });
    }
    for (const jsonError of model?.jsonErrors ?? []) problems.push({ path: 'survey', message: `SurveyJS: ${jsonError.message}` });
    if (model && model.getAllQuestions().length === 0) problems.push({ path: 'survey', message: 'The survey has no questions.' });
    model?.dispose();
  }
  checkLocales(instrument.survey, 'survey', 'survey', options.bothLanguages === true, problems);
  for (const trigger of questions.triggers) {
    const target = questions.questions.get(trigger.setToName);
    if (trigger.kind === 'setvalue' && target && !answerFits(target.rule, trigger.setValue)) {
      problems.push({
        path: `${trigger.path}.setValue`,
        message: `The setvalue trigger sets "${trigger.setToName}" to ${JSON.stringify(trigger.setValue)}, which is not an answer that question takes.`,
      });
    }
  }
  yield;
  checkIndicators(instrument, questions, problems);
  const contactNames = questions.contactQuestions.map((n) => `"${n}"`).join(', ');
  if (
    instrument.anonymous &&
    !instrument.collectsContact &&
    questions.contactQuestions.length &&
    uploadLeavesContactOpen(ready.body, options)
  ) {
    // An upload that does not say (most SurveyJS surveys ask for an e-mail) is kept as collecting contact, which the catalogue,
    // the poster and the page then say instead of promising anonymity; "collectsContact": false is a promise and is refused.
    instrument.collectsContact = true;
    questions.ignored.push({
      path: 'collectsContact',
      message: `The survey asks for contact details or a name (${contactNames}): it is kept as collecting contact ("collectsContact": true), so the catalogue and the survey page say so instead of promising anonymity.`,
    });
  } else if (instrument.anonymous && !instrument.collectsContact && questions.contactQuestions.length) {
    problems.push({
      path: 'collectsContact',
      message: `The survey is anonymous but asks for contact details or a name (${contactNames}); remove them, or declare "collectsContact": true so the catalogue shows it.`,
    });
  }

  let items: Map<string, ItemRange[]> | undefined;
  if (instrument.scoring) {
    const scoring = scoringItems(instrument.scoring, questions.questions);
    problems.push(...scoring.problems.map((message) => ({ path: 'scoring', message })));
    items = scoring.areas;
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, compiled: { instrument, questions, scoringItems: items } };
}

/** An upload (not a built-in file) that does not declare "collectsContact" either way. */
const uploadLeavesContactOpen = (body: Json, options: CheckOptions) =>
  !options.bothLanguages && !options.stored && body.collectsContact === undefined;

/** A problem as one line: "path: message". */
export const problemLine = (p: DefinitionProblem) => `${p.path}: ${p.message}`;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The same checks without keeping other requests waiting: the expressions are parsed in slices
 * that yield to the event loop, then each phase of the checks runs in a turn of its own.
 */
export async function checkInstrumentInSlices(raw: unknown, options: CheckOptions): Promise<CheckResult> {
  const parsed = isObject(raw) && !surveyTooDeep(raw) ? await parseExpressionsInSlices(raw.survey) : undefined;
  await nextTurn();
  const phases = checkPhases(raw, { ...options, parsed });
  for (;;) {
    const step = phases.next();
    if (step.done) return step.value;
    await nextTurn();
  }
}

/** An upload: any locale keys, checked in slices. */
export const checkUploadedInstrument = (raw: unknown) => checkInstrumentInSlices(raw, { bothLanguages: false });
