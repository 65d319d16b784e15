// Differential test: the server's compiled validator against survey-core's Model over a corpus of
// definitions (tests/corpus/*.json) covering every supported question type and feature.
// Answer sets are generated from the raw definition with fast-check, without the validator: valid
// values, values outside a question's domain, answers to hidden questions, missing required ones.
// The oracle is survey-core plus the strict rules it does not apply on a server, written here:
//   STRICT: an answer outside its question's domain (wrong type, not a choice/row/column, outside
//   min/max, wrong format for its input type, a partial ranking, too many/few dynamic rows or
//   panels, more choices than maxSelectedChoices) or a key that is no question is refused, even
//   when the question is hidden.
// Otherwise survey-core decides (after runTriggers(), for setvalue and copyvalue triggers): a set it completes without errors (all visible pages) is
// accepted and stored exactly as survey.data after doComplete() (which clears invisible values);
// a set it finds errors in is refused, naming a question survey-core reported.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { Model } from 'survey-core';
import { checkInstrument } from '../../server/surveys/definition';
import { Problem } from '../../server/errors';
import { validateAnswers } from '../../server/surveys/validator';
import { cleanSurveyHtml } from '../../server/surveys/sanitize';
import { readRealSurvey, realEnvelope, realSurveyFiles, refusedRealSurveys } from '../support/corpus-real';

type Json = Record<string, any>;
type Drawn = { value: unknown; strict: boolean };

const corpusDir = path.join(__dirname, '../corpus');
const builtins = fs
  .readdirSync(path.join(__dirname, '../../surveys'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => `builtin:${f}`);
const corpus = [
  ...fs
    .readdirSync(corpusDir)
    .filter((f) => f.endsWith('.json'))
    .sort(),
  ...builtins,
  // Real definitions written elsewhere (tests/corpus-real/), those Mera takes, uploaded as the screen does.
  ...realSurveyFiles.filter((f) => !(f in refusedRealSurveys)).map((f) => `real:${f}`),
];
/** The committed seed; FUZZ_SEED=<n> runs another (a disagreement found so is added as a fixed test). */
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 11;

const valid = (arb: fc.Arbitrary<unknown>): fc.Arbitrary<Drawn> => arb.map((value) => ({ value, strict: false }));
const wrong = (arb: fc.Arbitrary<unknown>): fc.Arbitrary<Drawn> => arb.map((value) => ({ value, strict: true }));
/** A choice's value: { value, text }, or a bare value, "value|text" read as survey-core reads it. */
const valueOf = (c: any) => (c && typeof c === 'object' ? c.value : typeof c === 'string' && c.includes('|') ? c.split('|')[0] : c);

/** Values of the wrong JSON type for a question whose answers are `kind`. */
function wrongType(kind: 'string' | 'number' | 'array' | 'object' | 'boolean'): fc.Arbitrary<Drawn> {
  const all: Record<string, fc.Arbitrary<unknown>> = {
    string: fc.constant('zz'),
    number: fc.constant(7.5),
    array: fc.constant(['zz']),
    object: fc.constant({ zz: 1 }),
    boolean: fc.constant(true),
  };
  return wrong(
    fc.oneof(
      ...Object.entries(all)
        .filter(([k]) => k !== kind)
        .map(([, a]) => a),
    ),
  );
}

function textDraw(q: Json): fc.Arbitrary<Drawn> {
  const inputType = q.inputType ?? 'text';
  // A numeric or currency mask makes the page keep a number (docs/instruments.md).
  if (inputType === 'number' || inputType === 'range' || q.maskType === 'numeric' || q.maskType === 'currency') {
    const min = q.min ?? -50;
    const max = q.max ?? 50;
    const outside = [...(q.min !== undefined ? [min - 1] : []), ...(q.max !== undefined ? [max + 1] : [])];
    return fc.oneof(
      valid(fc.integer({ min, max })),
      ...(outside.length ? [wrong(fc.constantFrom(...outside))] : []),
      // Text that is no number. A number typed as
      // text («12», «1 300») is read by the server for a number question (issue 25), so it is not wrong there.
      wrong(fc.constant('twelve')),
      wrongType('number'),
    );
  }
  const formats: Record<string, [string[], string[]]> = {
    text: [['abc', 'Иван', 'AB12', 'a1'], []],
    url: [['https://school.example/plan'], ['not a url']],
    date: [
      ['2024-05-01', '2029-12-31'],
      ['2019-12-31', '01.05.2024'],
    ],
    'datetime-local': [['2024-05-01T10:30'], ['2024-05-01 10:30']],
    time: [['10:30'], ['10h30']],
    month: [['2024-05'], ['May 2024']],
    week: [['2024-W18'], ['2024-18']],
    color: [['#1a2b3c'], ['red']],
    tel: [['89215761507', '+7 921 576-15-07', '123'], ['call me']],
    email: [['parent@school.example'], ['parent at school']],
  };
  // An input type survey-core does not check ("search") is text (issue 27).
  const [ok, bad] = formats[inputType] ?? formats.text;
  return fc.oneof(valid(fc.constantFrom(...ok)), ...(bad.length ? [wrong(fc.constantFrom(...bad))] : []), wrongType('string'));
}

function subset<T>(values: T[]): fc.Arbitrary<T[]> {
  if (values.length === 0) return fc.constant([]); // no choices (filled in by page code): nothing to choose
  return fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: values.length });
}

function cellDraw(col: Json, matrix: Json, clean: boolean): fc.Arbitrary<Drawn> | undefined {
  const drawn = cellDrawAny(col, matrix);
  return drawn && (clean ? drawn.filter((d) => !d.strict) : drawn);
}

function cellDrawAny(col: Json, matrix: Json): fc.Arbitrary<Drawn> | undefined {
  const type = col.cellType ?? matrix.cellType ?? 'dropdown';
  const choices = (col.choices ?? matrix.choices ?? []).map(valueOf);
  switch (type) {
    case 'text':
      return textDraw(col);
    case 'comment':
      return fc.oneof(valid(fc.constantFrom('ok', 'fine')), wrongType('string'));
    case 'dropdown':
    case 'radiogroup':
      return fc.oneof(valid(fc.constantFrom(...choices)), wrong(fc.constant('nope')));
    case 'checkbox':
      return fc.oneof(valid(subset(choices)), wrong(fc.constant(['nope'])), wrongType('array'));
    case 'boolean':
      return fc.oneof(valid(fc.boolean()), wrongType('boolean'));
    case 'rating':
      return fc.oneof(valid(fc.integer({ min: 1, max: col.rateMax ?? 5 })), wrong(fc.constant(99)));
    case 'expression':
      return valid(fc.constant(12345)); // the server computes it: a client value is replaced
    default:
      return undefined;
  }
}

/** An object of some of `keys`, each drawn by `draw`; strict when any part is. */
function objectOf(keys: string[], draw: (key: string) => fc.Arbitrary<Drawn> | undefined, presence = 4): fc.Arbitrary<Drawn> {
  const parts = keys.map((k) =>
    fc.option(draw(k) ?? fc.constant({ value: undefined, strict: false }), { nil: undefined, freq: presence }).map((d) => [k, d] as const),
  );
  return fc.tuple(...parts).map((entries) => {
    const value: Json = {};
    let strict = false;
    for (const [k, d] of entries) {
      if (!d || d.value === undefined) continue;
      value[k] = d.value;
      strict ||= d.strict;
    }
    return { value, strict };
  });
}

function arrayOf(item: fc.Arbitrary<Drawn>, min: number, max: number): fc.Arbitrary<Drawn> {
  return fc.array(item, { minLength: 0, maxLength: max + 1 }).map((items) => ({
    value: items.map((d) => d.value),
    strict: items.some((d) => d.strict) || (items.length > 0 && (items.length < min || items.length > max)),
  }));
}

/** A dropdown's choicesMin..choicesMax by choicesStep, which survey-core adds after its choices. */
function numberChoices(q: Json): number[] {
  if (q.type !== 'dropdown' || q.choicesMin === undefined || q.choicesMax === undefined) return [];
  const values: number[] = [];
  for (let v = q.choicesMin; v <= q.choicesMax; v += q.choicesStep ?? 1) values.push(v);
  return values;
}

/** survey-core's alias "questions" for "elements" (survey, pages and panels). */
const elementsOf = (container: Json): Json[] => container.elements ?? container.questions ?? [];

/** A draw for one question's answer, from its definition alone: only valid values when clean. */
function questionDraw(q: Json, clean: boolean): fc.Arbitrary<Drawn> | undefined {
  const drawn = questionDrawAny(q, clean);
  return drawn && (clean ? drawn.filter((d) => !d.strict) : drawn);
}

function questionDrawAny(q: Json, clean: boolean): fc.Arbitrary<Drawn> | undefined {
  const choices: unknown[] = [...(q.choices ?? []).map(valueOf), ...numberChoices(q)];
  switch (q.type) {
    case 'text':
      return textDraw(q);
    case 'comment':
      return fc.oneof(
        valid(fc.constantFrom('no digits here', 'has 1 digit')),
        wrong(fc.constant('x'.repeat((q.maxLength ?? 10000) + 1))),
        wrongType('string'),
      );
    case 'radiogroup':
    case 'dropdown':
    case 'imagepicker': {
      const offered = [...choices, ...(q.showOtherItem ? ['other'] : []), ...(q.showNoneItem ? ['none'] : [])];
      if (q.multiSelect) return fc.oneof(valid(subset(choices)), wrong(fc.constant(['nope'])), wrongType('array'));
      if (offered.length === 0) return clean ? undefined : wrong(fc.constant('nope'));
      return fc.oneof(
        valid(fc.constantFrom(...offered)),
        wrong(fc.constant('nope')),
        wrongType(typeof choices[0] === 'number' ? 'number' : 'string'),
      );
    }
    case 'checkbox':
    case 'tagbox': {
      const max = q.maxSelectedChoices ?? choices.length;
      return fc.oneof(
        subset(choices).map((v) => ({ value: v, strict: v.length > max })),
        ...(q.showNoneItem ? [valid(fc.constant(['none']))] : []),
        wrong(fc.constant([choices[0], choices[0]])),
        wrong(fc.constant(['nope'])),
        wrongType('array'),
      );
    }
    case 'ranking':
      return fc.oneof(
        fc
          .shuffledSubarray(choices, { minLength: 1 })
          .map((v) => ({ value: v, strict: !q.selectToRankEnabled && v.length < choices.length })),
        wrong(fc.constant(['nope'])),
        wrongType('array'),
      );
    case 'rating': {
      const values = q.rateValues
        ? q.rateValues.map(valueOf)
        : Array.from({ length: (q.rateMax ?? 5) - (q.rateMin ?? 1) + 1 }, (_, i) => (q.rateMin ?? 1) + i);
      return fc.oneof(valid(fc.constantFrom(...values)), wrong(fc.constantFrom(-1, 99, 2.5)), wrong(fc.constant(String(values[0]))));
    }
    case 'boolean': {
      const values = [q.valueTrue ?? true, q.valueFalse ?? false];
      return fc.oneof(valid(fc.constantFrom(...values)), wrong(fc.constant('maybe')));
    }
    case 'matrix': {
      const columns = q.columns.map(valueOf);
      const rows = q.rows.map((r: unknown) => String(valueOf(r)));
      return fc.oneof(
        objectOf(rows, () => fc.oneof(valid(fc.constantFrom(...columns)), wrong(fc.constant(99)))),
        wrong(fc.constant({ nope: columns[0] })),
        wrongType('object'),
      );
    }
    case 'matrixdropdown': {
      const rows = q.rows.map((r: unknown) => String(valueOf(r)));
      const row = objectOf(
        q.columns.map((c: Json) => c.name),
        (name) =>
          cellDraw(
            q.columns.find((c: Json) => c.name === name),
            q,
            clean,
          ),
      );
      return fc.oneof(
        objectOf(rows, () => row),
        wrong(fc.constant({ nope: {} })),
        wrongType('object'),
      );
    }
    case 'matrixdynamic': {
      const row = objectOf(
        q.columns.map((c: Json) => c.name),
        (name) =>
          cellDraw(
            q.columns.find((c: Json) => c.name === name),
            q,
            clean,
          ),
      );
      return fc.oneof(arrayOf(row, q.minRowCount ?? 0, q.maxRowCount ?? 1000), wrongType('array'));
    }
    case 'multipletext':
      return fc.oneof(
        objectOf(
          q.items.map((i: Json) => i.name),
          (name) => textDraw(q.items.find((i: Json) => i.name === name)),
        ),
        wrong(fc.constant({ nope: 'x' })),
        wrongType('object'),
      );
    case 'paneldynamic':
      return fc.oneof(
        arrayOf(clean ? answersDraw(q.templateElements, 0) : mutatedDraw(q.templateElements), q.minPanelCount ?? 0, q.maxPanelCount ?? 100),
        wrongType('array'),
      );
    case 'expression':
      return valid(fc.constant(999)); // a client value for a computed question: the server replaces it
    default:
      return undefined;
  }
}

function questionsOf(elements: Json[]): Json[] {
  return elements.flatMap((e) => (e.type === 'panel' ? questionsOf(elementsOf(e)) : e.type === 'html' || e.type === 'image' ? [] : [e]));
}

/** Answers to some of the questions (visible or not), sometimes an "other" comment or an unknown key. */
function answersDraw(elements: Json[], unknownWeight: number, presence = 4): fc.Arbitrary<Drawn> {
  const questions = questionsOf(elements);
  const keys = questions.map((q) => q.name as string);
  const answers = objectOf(
    keys,
    (name) =>
      questionDraw(
        questions.find((q) => q.name === name)!,
        true,
      ),
    presence,
  );
  const comments = questions.filter((q) => q.showOtherItem).map((q) => `${q.name}-Comment`);
  return fc.tuple(answers, fc.subarray(comments), fc.nat(99)).map(([drawn, withComment, roll]) => {
    const value = drawn.value as Json;
    for (const key of withComment) value[key] = 'described';
    if (roll < unknownWeight) return { value: { ...value, not_a_question: 1 }, strict: true };
    return drawn;
  });
}

/** A clean answer set with exactly one answer outside its question's domain. */
function mutatedDraw(elements: Json[], presence = 4): fc.Arbitrary<Drawn> {
  const questions = questionsOf(elements).filter((q) => q.type !== 'expression');
  return fc
    .tuple(
      answersDraw(elements, 0, presence),
      fc.nat(questions.length - 1).chain((i) =>
        questionDraw(questions[i], false)!
          .filter((d) => d.strict)
          .map((d) => [questions[i].name, d] as const),
      ),
    )
    .map(([clean, [name, d]]) => ({ value: { ...(clean.value as Json), [name]: d.value }, strict: true }));
}

/** Mostly clean sets (survey-core decides), a third with one strict violation, a few with an unknown key. */
const answerSets = (elements: Json[], presence: number) =>
  fc.oneof({ arbitrary: answersDraw(elements, 5, presence), weight: 2 }, { arbitrary: mutatedDraw(elements, presence), weight: 1 });

/** A deep copy made in this realm: survey-core refuses objects from another realm (structuredClone's, under jest). */
const copy = (value: unknown): Json => JSON.parse(JSON.stringify(value));
const isEmpty = (v: unknown) =>
  v === undefined ||
  v === null ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);
/** Mera stores no empty answers: empty values inside objects go (list items stay, so row counts keep). */
function stripEmpty(value: unknown): any {
  if (Array.isArray(value)) {
    const items = value.map(stripEmpty);
    return items.every(isEmpty) ? [] : items; // a list of only empty rows is no answer
  }
  if (!value || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    const cleaned = stripEmpty(v);
    if (!isEmpty(cleaned)) out[k] = cleaned;
  }
  return out;
}

/** STRICT: a single choice hidden by its visibleIf, on a question with an "other" item, is refused. */
function hiddenChoiceWithOther(model: Model, answers: Json): boolean {
  return model.getAllQuestions(true).some((q: any) => {
    const value = answers[q.getValueName()];
    if (
      !q.showOtherItem ||
      !['radiogroup', 'dropdown'].includes(q.getType()) ||
      value === undefined ||
      value === 'other' ||
      value === 'none' ||
      !('visibleChoices' in q)
    )
      return false;
    return !q.visibleChoices.some((c: any) => c.value === value);
  });
}

function withoutTotals(data: Json, survey: Json): Json {
  const totals = JSON.stringify(survey).includes('"totalType"');
  return totals ? Object.fromEntries(Object.entries(data).filter(([k]) => !k.endsWith('-total'))) : data;
}

function verdict(compiled: ReturnType<typeof compile>, answers: Json): { ok: true; stored: Json } | { ok: false; problem: Problem } {
  try {
    return { ok: true, stored: validateAnswers(compiled.questions, answers).answers };
  } catch (err) {
    if (err instanceof Problem) return { ok: false, problem: err };
    throw err;
  }
}

/** A corpus file (a bare SurveyJS definition), a built-in instrument (surveys/<id>.json) or a real definition. */
function compile(file: string) {
  if (file.startsWith('real:')) {
    const published = readRealSurvey(file.slice(5));
    const result = checkInstrument({ ...realEnvelope(file.slice(5), cleanSurveyHtml(published)), version: 1 }, { bothLanguages: false });
    if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.problems, null, 1)}`);
    return { ...result.compiled, survey: copy(published) };
  }
  const builtin = file.startsWith('builtin:');
  const raw = JSON.parse(
    fs.readFileSync(builtin ? path.join(__dirname, '../../surveys', file.slice(8)) : path.join(corpusDir, file), 'utf8'),
  );
  const survey = builtin ? raw.survey : raw;
  const result = checkInstrument(
    builtin ? raw : { id: 'corpus', version: 1, respondentType: 'teacher', anonymous: true, collectsContact: true, survey },
    {
      bothLanguages: builtin,
    },
  );
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.problems, null, 1)}`);
  return { ...result.compiled, survey };
}

/** Answer sets compared over the real definitions, reported at the end (issue 27's agreement figures). */
const realTally = { strict: 0, refusedByModel: 0, completed: 0, dropped: 0 };

// survey-core warns on the console about every wrongly typed value the generator makes on purpose.
beforeAll(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));
afterAll(() => {
  jest.restoreAllMocks();
  if (realTally.strict + realTally.completed + realTally.refusedByModel > 0)
    process.stdout.write(`Real definitions, answer sets in agreement: ${JSON.stringify(realTally)}\n`);
});

describe.each(corpus)('corpus %s', (file) => {
  const compiled = compile(file);
  const elements = ((compiled.survey.pages as Json[] | undefined) ?? [compiled.survey]).flatMap(elementsOf);

  test('on random answer sets, the server accepts exactly what survey-core completes (storing its data) and refuses the rest naming a field', () => {
    const seen = { strict: 0, refusedByModel: 0, completed: 0, dropped: 0 };
    fc.assert(
      fc.property(answerSets(elements, file.startsWith('builtin:') ? 40 : 4), ({ value: answers, strict }) => {
        const server = verdict(compiled, copy(answers));
        if (strict) {
          seen.strict++;
          expect(server.ok).toBe(false);
          return;
        }
        const model = new Model(compiled.survey);
        // A dynamic matrix left unanswered: the page shows its rowCount empty rows, and a respondent who
        // removes them (down to minRowCount) sends no answer to it; survey-core given no answer keeps them.
        for (const q of model.getAllQuestions() as any[])
          if (q.getType() === 'matrixdynamic' && isEmpty((answers as Json)[q.getValueName()])) q.rowCount = q.minRowCount ?? 0;
        model.data = copy(answers);
        // What the server applies on submission: setvalue and copyvalue triggers as runTriggers() runs them on the final answers.
        if (compiled.survey.triggers) model.runTriggers();
        if (hiddenChoiceWithOther(model, answers as Json)) {
          seen.strict++;
          expect(server.ok).toBe(false);
          return;
        }
        // A start page (firstPageIsStartPage) is checked when the respondent starts: its answers count too.
        const startPage = model.firstPageIsStartPage && model.pages[0]?.isVisible ? [model.pages[0]] : [];
        const withErrors = [...startPage, ...model.visiblePages].filter((p) => p.hasErrors(false, false));
        if (withErrors.length) {
          seen.refusedByModel++;
          expect(server).toMatchObject({ ok: false });
          const named = model
            .getAllQuestions(false, false, true)
            .filter((q) => q.errors.length > 0)
            .map((q) => q.getValueName());
          const field = (server as { problem: Problem }).problem.field ?? '';
          // The question named, or (a cell's error, such as a repeated key) the cell's own name, or a
          // question survey-core finds errors in without listing them (a bound from minValueExpression).
          const parts = field.split(/[.[\]]+/);
          const owns = (n: string) => field === n || field.startsWith(`${n}.`) || field.startsWith(`${n}[`);
          const own = model.getAllQuestions(false, false, true).find((q) => owns(q.getValueName()));
          if (named.length && !(own && own.errors.length === 0 && own.hasErrors(false)))
            expect(named.filter((n) => owns(n) || parts.includes(n))).not.toEqual([]);
          return;
        }
        // "onHidden" clears an answer as its question hides in the page, so a page never sends one;
        // given a whole answer set at once, survey-core clears them on completion only in "onComplete".
        model.clearInvisibleValues = 'onComplete';
        model.doComplete();
        seen.completed++;
        // Matrix totals ("<name>-total") are worked out from the rows; the server does not keep them.
        const data = withoutTotals(model.data, compiled.survey);
        if (Object.keys(stripEmpty(data)).length < Object.keys(stripEmpty(answers)).length) seen.dropped++;
        expect(server).toEqual({ ok: true, stored: stripEmpty(data) });
      }),
      { numRuns: file.startsWith('builtin:') ? 60 : file.startsWith('real:') ? 15 : 150, seed, endOnFailure: file.startsWith('real:') },
    );
    // The draws reach every branch of the oracle, so the property cannot pass by never comparing.
    // Built-ins with many required, cross-checked numbers (staff-effectiveness) are rarely completed by chance; the corpus files are.
    if (file.startsWith('real:')) {
      // Real definitions are as their authors wrote them: some have nothing required, some much.
      for (const [k, n] of Object.entries(seen)) realTally[k as keyof typeof seen] += n;
      expect(seen.completed + seen.refusedByModel).toBeGreaterThanOrEqual(3);
      expect(seen.strict).toBeGreaterThanOrEqual(3);
      return;
    }
    if (!file.startsWith('builtin:')) expect(seen.completed).toBeGreaterThanOrEqual(5);
    expect(seen.refusedByModel).toBeGreaterThanOrEqual(3);
    expect(seen.strict).toBeGreaterThanOrEqual(5);
  });
});
