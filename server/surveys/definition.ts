// Checks an instrument before Mera will use it: the envelope's shape, SurveyJS's own reading
// of the definition, what the server can enforce, both languages complete, and every question
// named by scoring or indicators present. A checked instrument comes back compiled.
import { Model, Serializer, surveyLocalization } from 'survey-core';
import { compileQuestions, CompiledQuestions, QuestionInfo } from './questions';
import { Instrument, instrumentSchema } from './instrument';
import { ItemRange, scoringItems } from './scoring';

surveyLocalization.defaultLocale = 'ru';

export interface CompiledInstrument {
  instrument: Instrument;
  questions: CompiledQuestions;
  scoringItems?: Map<string, ItemRange[]>;
}

export type CheckResult = { ok: true; compiled: CompiledInstrument } | { ok: false; problems: string[] };

type Json = Record<string, unknown>;

function isLocalized(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Json;
  return typeof v.default === 'string' && v.default.trim() !== '' && typeof v.en === 'string' && v.en.trim() !== '';
}

/** Every localizable property (as survey-core's Serializer knows them) must hold Russian ("default") and English. */
function checkLocales(obj: Json, className: string, where: string, problems: string[]) {
  for (const [key, value] of Object.entries(obj)) {
    const property = Serializer.findProperty(className, key);
    if (!property) continue;
    if (property.isLocalizable) {
      if (!isLocalized(value)) problems.push(`${where}: "${key}" must have both Russian ("default") and English ("en") text`);
      continue;
    }
    if (!Array.isArray(value)) continue;
    const itemClass = key === 'pages' ? 'page' : property.className;
    value.forEach((item, i) => {
      if (!item || typeof item !== 'object') {
        // A bare value as a choice shows the value itself: text must be given for non-numbers.
        if (itemClass && typeof item === 'string') problems.push(`${where}: ${key}[${i}] "${item}" needs a text in both languages`);
        return;
      }
      const child = item as Json;
      const childClass = key === 'elements' || key === 'questions' ? String(child.type ?? '') : itemClass;
      if (!childClass) return;
      const label = typeof child.name === 'string' ? child.name : typeof child.value !== 'undefined' ? `${key}[${String(child.value)}]` : `${key}[${i}]`;
      checkLocales(child, childClass, `${where} > ${label}`, problems);
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
      return [true, false];
    case 'matrix':
      return rule.columns;
    default:
      return undefined;
  }
}

function checkIndicators(instrument: Instrument, questions: CompiledQuestions, problems: string[]) {
  const ids = new Set<string>();
  const areas = new Set(instrument.scoring?.areas.map((a) => a.id) ?? []);
  for (const indicator of instrument.indicators) {
    const where = `indicator ${indicator.id}`;
    if (ids.has(indicator.id)) problems.push(`${where}: the id is used twice`);
    ids.add(indicator.id);
    for (const name of indicator.questions) {
      const question = questions.questions.get(name);
      if (!question) {
        problems.push(`${where}: "${name}" is no question of the survey`);
        continue;
      }
      const allowed = answerValuesOf(question);
      for (const value of indicator.positive ?? []) {
        if (!allowed || !allowed.includes(value)) problems.push(`${where}: ${JSON.stringify(value)} is not an answer of "${name}"`);
      }
    }
    if (indicator.kind === 'deficit-area' && (!indicator.area || !areas.has(indicator.area))) {
      problems.push(`${where}: a deficit-area indicator must name a scoring area`);
    }
  }
}

/** Checks raw instrument JSON. Problems are sentences a person can act on, without the file name (the caller adds it). */
export function checkInstrument(raw: unknown): CheckResult {
  const parsed = instrumentSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
  }
  const instrument = parsed.data;
  const problems: string[] = [];

  let model: Model | undefined;
  try {
    model = new Model(instrument.survey);
  } catch (err) {
    problems.push(`survey: SurveyJS cannot read the definition (${(err as Error).message})`);
  }
  for (const jsonError of model?.jsonErrors ?? []) problems.push(`survey: ${jsonError.message}`);
  if (model && model.getAllQuestions().length === 0) problems.push('survey: it has no questions');

  const questions = compileQuestions(instrument.survey);
  problems.push(...questions.problems.map((p) => `survey: ${p}`));
  checkLocales(instrument.survey, 'survey', 'survey', problems);
  checkIndicators(instrument, questions, problems);

  let items: Map<string, ItemRange[]> | undefined;
  if (instrument.scoring) {
    const scoring = scoringItems(instrument.scoring, questions.questions);
    problems.push(...scoring.problems);
    items = scoring.areas;
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, compiled: { instrument, questions, scoringItems: items } };
}
