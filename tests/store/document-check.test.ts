// The embedded engine's fast document check must store exactly what a mongoose Document would,
// and refuse exactly what it refuses: compared here on thousands of generated documents.
import mongoose, { Schema } from 'mongoose';
import { allCollections } from '../../server/collections';
import { checkFor, documentCheck, flatDocumentCheck, incOnlyKeepsValid, isFlatSchema } from '../../server/store/document-check';
import { defineCollection, Mixed } from '../../server/store/port';
import { seededRandom } from '../../seeds/synthetic';

const models = mongoose.createConnection();
let modelCount = 0;
const modelOf = (schema: Schema) => models.model(`m${++modelCount}`, schema) as unknown as mongoose.Model<unknown>;

/** A flat schema using every kind of path and built-in validator the fast check accepts. */
const varied = defineCollection('varied', {
  name: { type: String, required: true, minlength: 2, maxlength: 8 },
  kind: { type: String, enum: ['parent', 'student', 'teacher'] },
  day: { type: String, match: /^\d{4}-\d{2}-\d{2}$/ },
  score: { type: Number, min: 0, max: 100 },
  count: { type: Number, required: true },
  active: { type: Boolean, default: true },
  label: { type: String, default: () => 'from a default function' },
  at: { type: Date },
  answers: { type: Mixed },
  extra: { type: Mixed, required: true },
});

/** Values a path may be given: right, castable, wrong, empty. */
const candidates: unknown[] = [
  undefined,
  null,
  'ab',
  'a',
  'a much too long name',
  'parent',
  'teacher',
  'nobody',
  '2026-11-23',
  '23.11.2026',
  '',
  0,
  -1,
  42,
  101,
  '7',
  'seven',
  Number.NaN,
  true,
  false,
  'true',
  'no',
  new Date('2026-11-23T10:00:00Z'),
  '2026-11-23T10:00:00Z',
  'not a date',
  {},
  { q1: 'a', q2: [1, 2], nested: { deep: true } },
  [],
  ['x', 1],
];

/** A value the path accepts, as given or after a cast. */
function fittingValue(random: () => number, type: mongoose.SchemaType): unknown {
  const pick = (values: unknown[]) => values[Math.floor(random() * values.length)];
  const { enumValues } = type as unknown as { enumValues?: string[] };
  if (enumValues?.length) return pick(enumValues);
  if (type.validators.some((v) => (v as { type?: string }).type === 'regexp')) return '2026-11-23';
  switch (type.instance) {
    case 'String':
      return pick(['ada', 'lovelace', 7]);
    case 'Number':
      return pick([0, 42, 99.5, '7']);
    case 'Boolean':
      return pick([true, false, 'true', 0]);
    case 'Date':
      return pick([new Date('2026-11-23T10:00:00Z'), '2026-11-23T10:00:00Z', 1_790_000_000_000]);
    default:
      return pick([
        {},
        { q1: 'a', q2: [1, 2], nested: { deep: true } },
        'text',
        // What a Document's copy changes: undefined fields dropped (nested too), dates copied.
        { q1: undefined, q2: [1, undefined, { gone: undefined, kept: 0 }], at: new Date('2026-11-23T10:00:00Z'), none: null, empty: {} },
        [{ row: 'a', cols: [1, 2] }, null],
      ]);
  }
}

/** The same object with its keys in a shuffled order (callers do not write keys in schema order). */
function shuffled(random: () => number, doc: Record<string, unknown>): Record<string, unknown> {
  const entries = Object.entries(doc);
  for (let i = entries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [entries[i], entries[j]] = [entries[j], entries[i]];
  }
  return Object.fromEntries(entries);
}

/** Mostly fitting values, some undefined or null, some from the list of wrong, empty and borderline ones, some fields left out. */
function generatedDocument(random: () => number, schema: Schema): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const [path, type] of Object.entries(schema.paths)) {
    const roll = random();
    if (roll < 0.08) continue;
    if (roll < 0.11) doc[path] = undefined;
    else if (roll < 0.15) doc[path] = null;
    else doc[path] = roll < 0.8 ? fittingValue(random, type) : candidates[Math.floor(random() * candidates.length)];
  }
  if (random() < 0.05) doc.ipAddress = '10.0.0.1';
  const mixed = Object.keys(schema.paths).find((p) => schema.paths[p].instance === 'Mixed');
  if (mixed && random() < 0.03) doc[`${mixed}.x`] = 1;
  return shuffled(random, doc);
}

type Outcome = { stored: Record<string, unknown> } | { refused: string; paths: string[] };

async function outcome(
  check: (d: Record<string, unknown>) => Promise<Record<string, unknown>>,
  doc: Record<string, unknown>,
): Promise<Outcome> {
  try {
    return { stored: await check(structuredClone(doc)) };
  } catch (err) {
    if (err instanceof mongoose.Error.ValidationError) return { refused: err.name, paths: Object.keys(err.errors).sort() };
    if (err instanceof mongoose.Error.StrictModeError) return { refused: err.name, paths: [(err as unknown as { path: string }).path] };
    // mongoose throws a TypeError for a dotted key into a Mixed field holding a string.
    return { refused: (err as Error).name, paths: [(err as Error).message] };
  }
}

describe('which schemas take the fast check', () => {
  it('flat schemas do: scalar and Mixed paths, built-in validators, defaults', () => {
    expect(isFlatSchema(varied.schema)).toBe(true);
    const flat = allCollections.filter((c) => isFlatSchema(c.schema)).map((c) => c.name);
    expect(flat).toEqual(expect.arrayContaining(['responses', 'links', 'settings', 'schools', 'instruments']));
  });

  it('arrays, subdocuments, nested paths, setters, custom validators and validate hooks do not', () => {
    const notFlat: Record<string, Schema> = {
      array: new Schema({ tags: [String] }),
      subdocument: new Schema({ mark: new Schema({ value: Number }) }),
      nested: new Schema({ a: { b: String } }),
      setter: new Schema({ name: { type: String, trim: true } }),
      custom: new Schema({ n: { type: Number, validate: (v: number) => v % 2 === 0 } }),
      requiredFunction: new Schema({ n: { type: Number, required: () => true } }),
      hook: new Schema({ n: Number }).pre('validate', () => undefined),
      // The fast check refuses unknown fields and keeps empty objects: only for schemas that do.
      notStrict: new Schema({ _id: String, n: Number }, { strict: true, minimize: false }),
      minimizing: new Schema({ _id: String, n: Number }, { strict: 'throw', minimize: true }),
    };
    for (const [kind, schema] of Object.entries(notFlat)) expect([kind, isFlatSchema(schema)]).toEqual([kind, false]);
    // The same plain fields with defineCollection's options are flat.
    expect(isFlatSchema(new Schema({ _id: String, n: Number }, { strict: 'throw', minimize: false }))).toBe(true);
    expect(isFlatSchema(allCollections.find((c) => c.name === 'campaigns')!.schema)).toBe(false);
  });
});

describe('the fast check agrees with a mongoose Document', () => {
  const specs = [varied, ...allCollections.filter((c) => isFlatSchema(c.schema))];

  it.each(specs.map((s) => [s.name, s] as const))(
    '%s: 1 000 generated documents are stored or refused the same way',
    async (_name, spec) => {
      const model = modelOf(spec.schema);
      const fast = flatDocumentCheck(model);
      const general = documentCheck(model);
      const random = seededRandom(spec.name.length * 7919);
      let stored = 0;
      let refused = 0;
      for (let i = 0; i < 1000; i++) {
        const doc = generatedDocument(random, spec.schema);
        // A default _id is random, so both ways differ there: mostly give one; otherwise compare
        // the rest and where the new _id was put.
        const givenId = doc._id !== undefined;
        const ownId = givenId || random() < 0.7;
        if (ownId && !givenId) doc._id = `id${i}`;
        let [a, b] = [await outcome(fast, doc), await outcome(general, doc)];
        if (!ownId && 'stored' in a && 'stored' in b) {
          for (const stored of [a.stored, b.stored]) expect(stored._id).toMatch(/^[0-9a-f]{24}$/);
          expect(Object.keys(a.stored)).toEqual(Object.keys(b.stored));
          const { _id: _a, ...restA } = a.stored;
          const { _id: _b, ...restB } = b.stored;
          [a, b] = [{ stored: restA }, { stored: restB }];
        }
        // Strict: an undefined field on one side only, or a class instead of a plain object, differs.
        expect({ doc, outcome: a }).toStrictEqual({ doc, outcome: b });
        if ('stored' in a) {
          // Same keys in the same order (schema order), not only equal values.
          expect({ doc, keys: Object.keys(a.stored) }).toEqual({ doc, keys: Object.keys((b as { stored: object }).stored) });
          stored++;
        } else refused++;
      }
      // Both kinds of outcome were exercised often, or the comparison proves little (instruments, with
      // many required fields since versions carry their summary, store about 4 % of random documents).
      expect(stored).toBeGreaterThan(25);
      expect(refused).toBeGreaterThan(25);
    },
  );

  it('takes the fast way for valid documents and leaves only refusals to a mongoose Document', async () => {
    const model = modelOf(varied.schema);
    const documentValidations = jest.spyOn(model.prototype, 'validate');
    const check = flatDocumentCheck(model);
    for (const doc of [
      { name: 'ada', count: 1, extra: {} },
      {
        _id: 'x1',
        name: 'ada',
        kind: 'parent',
        day: '2026-11-23',
        score: 100,
        count: '2',
        active: false,
        at: '2026-11-23',
        answers: { q: 1 },
        extra: [],
        label: null,
      },
      { name: 'ada', kind: null, score: null, count: 0, extra: 'text', label: undefined },
      // Plain data however it was made: parsed JSON (a request body), or copied from another realm.
      JSON.parse('{"name":"ada","count":1,"answers":{"q":[1,{"r":2}]},"extra":{"at":"2026-11-23"}}'),
      structuredClone({ name: 'ada', count: 1, at: new Date(), answers: { q: { r: [new Date()] } }, extra: {} }),
    ]) {
      await check(doc);
    }
    expect(documentValidations).not.toHaveBeenCalled();
    await expect(check({ name: 'a', count: 1, extra: {} })).rejects.toThrow(/shorter than the minimum/);
    expect(documentValidations).toHaveBeenCalledTimes(1);
  });

  it('copies what it is given: a caller changing its answers after the call does not change what is stored', async () => {
    const model = modelOf(varied.schema);
    const at = new Date('2026-11-23T10:00:00Z');
    const doc = { name: 'ada', count: 1, at, answers: { q1: 'a', grid: { row: [1, 2] } }, extra: [{ n: 1 }] };
    const checking = checkFor(model)(doc);
    doc.answers.q1 = 'changed';
    doc.answers.grid.row.push(3);
    doc.extra[0].n = 2;
    at.setFullYear(2000);
    expect(await checking).toMatchObject({
      answers: { q1: 'a', grid: { row: [1, 2] } },
      extra: [{ n: 1 }],
      at: new Date('2026-11-23T10:00:00Z'),
    });
  });

  it('a valid document is stored with its defaults filled in and its values cast', async () => {
    const model = modelOf(varied.schema);
    const stored = await checkFor(model)({ name: 'ada', count: '3', extra: {}, at: '2026-11-23T10:00:00Z' });
    // Keys in a Document's order: given and plain defaults by schema, then default functions' values.
    expect(Object.keys(stored)).toEqual(['name', 'count', 'active', 'at', 'extra', '_id', 'label']);
    expect(stored).toEqual({
      _id: expect.stringMatching(/^[0-9a-f]{24}$/),
      name: 'ada',
      count: 3,
      active: true,
      label: 'from a default function',
      at: new Date('2026-11-23T10:00:00Z'),
      extra: {},
    });
  });
});

describe('an $inc that keeps a stored document valid without a second check', () => {
  const counters = defineCollection('counters', {
    label: { type: String, default: '' },
    respondents: { type: Number },
    bounded: { type: Number, min: 0 },
    questions: { type: Mixed },
  });
  const keepsValid = incOnlyKeepsValid(counters.schema);

  it('holds for numbers added inside a Mixed field and to a plain Number field (the rollup counters)', () => {
    expect(keepsValid({ $inc: { respondents: 1, 'questions.sat.answered': 1, 'questions.sat.byAnswer.5': 1 } })).toBe(true);
  });

  it('does not hold for a text field, a bounded number, a dotted path into a non-Mixed field, an unknown field, or any other operator beside it', () => {
    expect(keepsValid({ $inc: { label: 1 } })).toBe(false);
    expect(keepsValid({ $inc: { bounded: -1 } })).toBe(false);
    expect(keepsValid({ $inc: { 'respondents.x': 1 } })).toBe(false);
    expect(keepsValid({ $inc: { unknown: 1 } })).toBe(false);
    expect(keepsValid({ $inc: { respondents: 1 }, $set: { label: 'x' } })).toBe(false);
    expect(keepsValid({ $set: { respondents: 1 } })).toBe(false);
  });
});
