// Strict server-side validation of answer sets: what survey-core lets through on a server
// must be refused here (see shared/notes/surveyjs-on-the-server.md).
import { ConditionRunner } from 'survey-core';
import { checkInstrument } from '../../server/surveys/definition';
import { Problem } from '../../server/errors';
import { validateAnswers } from '../../server/surveys/validator';
import { validParentAnswers } from '../support/answers';
import { builtinInstruments } from '../support/instruments';

const parent = builtinInstruments.find((c) => c.instrument.id === 'parent-survey')!;

function refusal(answers: unknown): Problem {
  try {
    validateAnswers(parent.questions, answers);
  } catch (err) {
    if (err instanceof Problem) return err;
    throw err;
  }
  throw new Error('the answers were accepted');
}

/** A small instrument to exercise rules the built-in ones do not use. */
function compiledFrom(elements: unknown[]) {
  const l = (s: string) => ({ default: s, en: s });
  const result = checkInstrument({
    id: 'rules',
    version: 1,
    respondentType: 'parent',
    anonymous: true,
    title: l('Правила'),
    survey: { pages: [{ name: 'p1', elements }] },
  });
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.compiled.questions;
}

describe('validating a parent-survey answer set', () => {
  test('a complete valid answer set is accepted unchanged', () => {
    expect(validateAnswers(parent.questions, validParentAnswers())).toEqual({ answers: validParentAnswers(), dropped: [] });
  });

  test.each([
    ['a rating above its scale', { sat_overall: 9 }, 'sat_overall'],
    ['a rating given as text', { sat_overall: '5' }, 'sat_overall'],
    ['a choice that is not offered', { aware_procedures: 'maybe' }, 'aware_procedures'],
    ['a checkbox answered with a string', { preferred_channels: 'ediary' }, 'preferred_channels'],
    ['a checkbox with a value that is no choice', { preferred_channels: ['z'] }, 'preferred_channels'],
    ['a checkbox listing a choice twice', { preferred_channels: ['ediary', 'ediary'] }, 'preferred_channels'],
    ['a comment that is not text', { suggestions: 42 }, 'suggestions'],
    ['a comment longer than its limit', { suggestions: 'я'.repeat(5000) }, 'suggestions'],
  ])('%s is refused with 400 naming the question', (_what, change, field) => {
    const problem = refusal({ ...validParentAnswers(), ...change });
    expect(problem).toMatchObject({ status: 400, code: 'response.invalid', field });
  });

  test('a key that is no question of the survey is refused as unknown', () => {
    expect(refusal({ ...validParentAnswers(), zzz: 1 })).toMatchObject({ status: 400, code: 'response.unknown_question', field: 'zzz' });
  });

  test('answers that are not an object are refused', () => {
    expect(refusal([1, 2])).toMatchObject({ status: 400, field: 'answers' });
    expect(refusal('yes')).toMatchObject({ status: 400, field: 'answers' });
  });

  test('a required question left out is refused as required', () => {
    const { sat_overall: _, ...answers } = validParentAnswers();
    expect(refusal(answers)).toMatchObject({ status: 400, code: 'response.required', field: 'sat_overall' });
  });

  test('an answer to a question hidden by visibleIf is dropped, not stored', () => {
    const answers = { ...validParentAnswers(), online_tests: 'no' };
    const result = validateAnswers(parent.questions, answers);
    expect(result.dropped).toEqual(['online_tests_opinion']);
    expect(result.answers).not.toHaveProperty('online_tests_opinion');
  });

  test('"other" needs its description; the description without "other" is dropped', () => {
    expect(refusal({ ...validParentAnswers(), preferred_channels: ['other'] })).toMatchObject({
      code: 'response.required',
      field: 'preferred_channels-Comment',
    });
    const kept = validateAnswers(parent.questions, {
      ...validParentAnswers(),
      preferred_channels: ['other'],
      'preferred_channels-Comment': 'Телеграм-канал школы',
    });
    expect(kept.answers['preferred_channels-Comment']).toBe('Телеграм-канал школы');
    const dropped = validateAnswers(parent.questions, { ...validParentAnswers(), 'preferred_channels-Comment': 'x' });
    expect(dropped.answers).not.toHaveProperty('preferred_channels-Comment');
  });
});

describe('rules for other question kinds', () => {
  const questions = compiledFrom([
    { type: 'text', name: 'pupils', inputType: 'number', min: 0, max: 2000, title: { default: 'Число', en: 'Number' } },
    { type: 'boolean', name: 'has_plan', title: { default: 'План', en: 'Plan' } },
    { type: 'text', name: 'plan_url', inputType: 'url', visibleIf: '{has_plan} = true', title: { default: 'Ссылка', en: 'Link' } },
    { type: 'text', name: 'plan_note', visibleIf: '{plan_url} notempty', isRequired: true, title: { default: 'Заметка', en: 'Note' } },
    {
      type: 'matrix',
      name: 'grid',
      isRequired: true,
      isAllRowRequired: true,
      title: { default: 'Сетка', en: 'Grid' },
      rows: [
        { value: 'a', text: { default: 'А', en: 'A' } },
        { value: 'b', text: { default: 'Б', en: 'B' } },
      ],
      columns: [
        { value: 1, text: { default: '1', en: '1' } },
        { value: 2, text: { default: '2', en: '2' } },
      ],
    },
  ]);
  const base = { pupils: 10, has_plan: false, grid: { a: 1, b: 2 } };

  test('a number question answered with text or out of bounds is refused', () => {
    expect(() => validateAnswers(questions, { ...base, pupils: 'abc' })).toThrow(/must be a number/);
    expect(() => validateAnswers(questions, { ...base, pupils: -1 })).toThrow(/at least 0/);
    expect(() => validateAnswers(questions, { ...base, pupils: 2001 })).toThrow(/at most 2000/);
  });

  test('a hidden question loses its answer; one shown by that answer keeps its own, as survey-core keeps it on completion (issue 27)', () => {
    // survey-core works out every condition on the answers as given, then clears hidden answers without working them out again.
    const result = validateAnswers(questions, { ...base, plan_url: 'https://school.example/plan', plan_note: 'см. сайт' });
    expect(result.dropped).toEqual(['plan_url']);
    expect(result.answers).toMatchObject({ plan_note: 'см. сайт' });
  });

  test('a matrix needs every row when all rows are required, and only its own rows and columns', () => {
    expect(() => validateAnswers(questions, { ...base, grid: { a: 1 } })).toThrow(/Every row of "grid"/);
    expect(() => validateAnswers(questions, { ...base, grid: { a: 1, b: 3 } })).toThrow(/row "b" must be one of/);
    expect(() => validateAnswers(questions, { ...base, grid: { a: 1, b: 2, c: 1 } })).toThrow(/"c" is not a row/);
  });

  test('a boolean answered with a string is refused', () => {
    expect(() => validateAnswers(questions, { ...base, has_plan: 'yes' })).toThrow(/true or false/);
  });
});

/** An upload-style instrument (one language allowed) from bare SurveyJS elements. */
function uploaded(elements: unknown[], extra: Record<string, unknown> = {}) {
  const result = checkInstrument(
    {
      id: 'rules',
      version: 1,
      respondentType: 'parent',
      anonymous: false,
      survey: { title: 'Правила', ...extra, pages: [{ name: 'p1', elements }] },
    },
    { bothLanguages: false },
  );
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.compiled.questions;
}

describe('rules found missing in the review (issue 11)', () => {
  test('a matrix with isAllRowRequired but not isRequired, answered with a row missing, is refused naming the row', () => {
    const questions = uploaded([{ type: 'matrix', name: 'grid', isAllRowRequired: true, rows: ['a', 'b'], columns: [1, 2] }]);
    expect(() => validateAnswers(questions, { grid: { a: 1 } })).toThrow(/Every row of "grid" needs an answer \(missing "b"\)/);
    expect(validateAnswers(questions, { grid: { a: 1, b: 2 } }).answers).toEqual({ grid: { a: 1, b: 2 } });
  });

  test('an expression question stores the value the server computes, never the one the client sent', () => {
    const questions = uploaded([
      { type: 'text', name: 'a', inputType: 'number' },
      { type: 'expression', name: 'double', expression: '{a} * 2' },
    ]);
    expect(validateAnswers(questions, { a: 4, double: 1000 }).answers).toEqual({ a: 4, double: 8 });
  });

  test('a cross-field expression validator (winners at most participants) refuses a set that breaks it, naming the question', () => {
    const questions = uploaded([
      { type: 'text', name: 'participants', inputType: 'number' },
      {
        type: 'text',
        name: 'winners',
        inputType: 'number',
        validators: [{ type: 'expression', expression: '{winners} <= {participants}' }],
      },
    ]);
    expect(() => validateAnswers(questions, { participants: 3, winners: 5 })).toThrow(expect.objectContaining({ field: 'winners' }));
    expect(validateAnswers(questions, { participants: 5, winners: 3 }).answers).toEqual({ participants: 5, winners: 3 });
  });

  test('"__proto__" as an answer key is refused as unknown, not silently dropped', () => {
    const questions = uploaded([{ type: 'text', name: 'a' }]);
    expect(() => validateAnswers(questions, JSON.parse('{"a":"x","__proto__":{"polluted":1}}'))).toThrow(
      expect.objectContaining({ code: 'response.unknown_question', field: '__proto__' }),
    );
  });

  test('a 700-question visibleIf chain is settled in one pass: each condition is run once per submission', () => {
    const elements = Array.from({ length: 700 }, (_, i) => ({
      type: 'text',
      name: `q${i}`,
      ...(i ? { visibleIf: `{q${i - 1}} notempty` } : {}),
    }));
    const questions = uploaded(elements);
    const answers = Object.fromEntries(elements.map((e) => [e.name, 'x']));
    answers.q0 = '';
    const runs = jest.spyOn(ConditionRunner.prototype, 'runValues'); // counts calls; the real method runs
    try {
      const result = validateAnswers(questions, answers);
      // Only q1 is hidden (by the empty q0): the others are shown by the answers as given.
      expect(Object.keys(result.answers)).toHaveLength(698);
      expect(result.dropped).toEqual(['q1']);
      expect(runs.mock.calls.length).toBeLessThanOrEqual(699);
    } finally {
      runs.mockRestore();
    }
  });
});

describe('triggers and conditions inside matrices (issue 11)', () => {
  const upload = (survey: Record<string, unknown>) =>
    checkInstrument(
      { id: 'upload', version: 1, respondentType: 'teacher', anonymous: false, title: { default: 'Т', en: 'T' }, survey },
      { bothLanguages: false },
    );
  const problemsOf = (survey: Record<string, unknown>) => {
    const result = upload(survey);
    return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
  };
  const two = [
    { type: 'text', name: 'a', inputType: 'number' },
    { type: 'dropdown', name: 'b', choices: ['x', 'y'] },
  ];

  test('a setvalue trigger sets its question when its expression holds, and clears it when it gives no value', () => {
    const result = upload({
      pages: [{ name: 'p', elements: two }],
      triggers: [
        { type: 'setvalue', expression: '{a} > 5', setToName: 'b', setValue: 'y' },
        { type: 'setvalue', expression: '{a} = 0', setToName: 'b' },
      ],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(validateAnswers(result.compiled.questions, { a: 7, b: 'x' }).answers).toEqual({ a: 7, b: 'y' });
    expect(validateAnswers(result.compiled.questions, { a: 3, b: 'x' }).answers).toEqual({ a: 3, b: 'x' });
    expect(validateAnswers(result.compiled.questions, { a: 0, b: 'x' }).answers).toEqual({ a: 0 });
  });

  test.each([
    [
      'a setvalue whose value the question does not take',
      { triggers: [{ type: 'setvalue', expression: '{a} > 1', setToName: 'b', setValue: 'z' }] },
      /triggers\[0\]\.setValue: .*not an answer that question takes/,
    ],
    [
      'a copyvalue between questions that take different answers',
      { triggers: [{ type: 'copyvalue', expression: '{a} > 1', setToName: 'b', fromName: 'a' }] },
      /triggers\[0\]\.fromName: .*takes different answers/,
    ],
    [
      'a condition reading a survey variable that a trigger sets (the page keeps it, the server does not)',
      {
        triggers: [{ type: 'setvalue', expression: '{a} > 1', setToName: 'v', setValue: 1, isVariable: true }],
        pages: [{ name: 'p', elements: [...two, { type: 'text', name: 'c', visibleIf: '{v} = 1' }] }],
      },
      /refers to "\{v\}", which is no question/,
    ],
    [
      'a trigger reading a calculated value',
      {
        calculatedValues: [{ name: 'c', expression: '{a} * 2' }],
        triggers: [{ type: 'setvalue', expression: '{c} > 1', setToName: 'b', setValue: 'x' }],
      },
      /triggers\[0\]\.expression: .*reads "\{c\}".*answers only/,
    ],
    [
      'a complete trigger',
      { triggers: [{ type: 'complete', expression: '{a} > 1' }] },
      /triggers\[0\]: The complete trigger cannot be enforced: .*order the answers were given/,
    ],
  ])('%s is refused with the reason', (_what, extra, reason) => {
    expect(problemsOf({ pages: [{ name: 'p', elements: two }], ...extra }).join('\n')).toMatch(reason);
  });

  test('choice conditions on a ranking and "other" items in matrix cells stay refused, naming why', () => {
    const problems = problemsOf({
      pages: [
        {
          name: 'p',
          elements: [
            { type: 'ranking', name: 'r', choices: ['a', 'b'], choicesVisibleIf: "{item} != 'a'" },
            { type: 'matrixdynamic', name: 'm', columns: [{ name: 'c', cellType: 'dropdown', choices: [1, 2], showOtherItem: true }] },
          ],
        },
      ],
    }).join('\n');
    expect(problems).toMatch(
      /elements\[0\]\.choices: Choice conditions cannot be enforced on the ranking question "r": survey-core 3\.0\.0 clears a ranking/,
    );
    expect(problems).toMatch(/elements\[1\]\.columns\[0\]: "Other" items are not supported in the column "c"/);
  });

  test('a matrix row hidden by rowsVisibleIf loses its answer and is not required; a row answered with a hidden column loses it after the requirement is met', () => {
    const result = upload({
      pages: [
        {
          name: 'p',
          elements: [
            { type: 'text', name: 'a', inputType: 'number' },
            {
              type: 'matrix',
              name: 'm',
              isAllRowRequired: true,
              rows: ['r1', 'r2'],
              rowsVisibleIf: "{item} = 'r1' or {a} > 1",
              columns: [1, { value: 2, visibleIf: '{a} > 2' }],
            },
          ],
        },
      ],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(validateAnswers(result.compiled.questions, { a: 1, m: { r1: 1, r2: 1 } }).answers).toEqual({ a: 1, m: { r1: 1 } });
    expect(validateAnswers(result.compiled.questions, { a: 2, m: { r1: 2, r2: 1 } }).answers).toEqual({ a: 2, m: { r2: 1 } });
    expect(() => validateAnswers(result.compiled.questions, { a: 2, m: { r1: 1 } })).toThrow(
      /Every row of "m" needs an answer \(missing "r2"\)/,
    );
  });
});
