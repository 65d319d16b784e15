// The document check's shortcut (simple-check.ts) must give exactly what mongoose gives (validate()
// then toObject()) for every document it takes, and leave to mongoose every document mongoose would
// cast or refuse: compared on generated documents, for generated schemas and for all of Mera's.
import { equals } from '@jest/expect-utils';
import mongoose from 'mongoose';
import { allCollections } from '../../server/collections';
import { responsesCollection } from '../../server/responses/data';
import { simpleCheckFor } from '../../server/store/simple-check';
import { defineCollection, Mixed } from '../../server/store/port';
// Deterministic (mulberry32), so a failure can be replayed.
import { seededRandom } from '../../seeds/synthetic';

type Plain = Record<string, unknown>;

/** An array with a hole: [1, <empty>, 3]. */
function sparse(): unknown[] {
  const array: unknown[] = [1];
  array[2] = 3;
  return array;
}

class Thing {
  constructor(readonly x = 1) {}
}

function generator(seed: number) {
  const next = seededRandom(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)];
  const mixed = (depth: number): unknown =>
    pick([
      () => Math.floor(next() * 5) - 1,
      () => pick(['x', '', 'parent', '2026-11-23']),
      () => null,
      () => next() < 0.5,
      () => new Date(Date.UTC(2026, 0, 1 + Math.floor(next() * 3))),
      () => (depth > 1 ? 1 : [mixed(depth + 1), 2]),
      () => (depth > 1 ? 'z' : Object.fromEntries(['a', 'b', '0'].filter(() => next() < 0.5).map((k) => [k, mixed(depth + 1)]))),
      () => pick([NaN, Infinity, undefined, new Thing(), new Date(NaN), Object.create(null) as unknown, sparse()]),
    ])();
  const ofType: Record<string, () => unknown> = {
    String: () => pick(['ann', 'bo', '', 'parent', 'teacher', 'pending', 'stored', '2026-11-23', '5', 'true', '2026-11-23T10:00:00Z']),
    Number: () => pick([0, -0, 1, 7, -1, 2.5, 1e6, NaN, Infinity]),
    Boolean: () => next() < 0.5,
    Date: () => pick([new Date(Date.UTC(2026, 10, 23)), new Date(NaN)]),
    Mixed: () => mixed(0),
  };
  /** A value for a field: mostly of the field's own type, some of another (to cast, or refused), some null or undefined. */
  const value = (type: string): unknown => {
    const roll = next();
    if (roll < 0.7 && ofType[type]) return ofType[type]();
    if (roll < 0.8) return pick([null, undefined]);
    return pick(Object.values(ofType))();
  };
  const doc = (fields: string[], types: Record<string, string> = {}): Plain => {
    const out: Plain = {};
    const keys = [...fields, '_id', 'unknown'].sort(() => next() - 0.5);
    for (const key of keys) {
      const roll = next();
      if (key === 'unknown' && roll > 0.05) continue;
      if (key === '_id') {
        if (roll < 0.3) out._id = pick(['5f1d7c3e9a8b4c2d1e0f3a4b', 'x:y:2026', '', 7]);
        continue;
      }
      if (roll < 0.85) out[key] = value(types[key] ?? 'Mixed');
    }
    return out;
  };
  return { doc };
}

/** What mongoose makes of a document: the checked copy, or that it refuses it. */
async function throughMongoose(model: mongoose.Model<unknown>, doc: Plain): Promise<{ ok: true; value: Plain } | { ok: false }> {
  try {
    const instance = new model(doc) as mongoose.Document;
    await instance.validate();
    return { ok: true, value: instance.toObject() as Plain };
  } catch {
    return { ok: false };
  }
}

/** The same document with a generated _id set to a placeholder (each check draws its own). */
function sameIdAs(checked: Plain, reference: Plain): Plain {
  return Object.fromEntries(Object.entries(checked).map(([k, v]) => [k, k === '_id' && typeof v === 'string' ? reference._id : v]));
}

/** Whether two values share an object (the check must hand out a copy of the input). */
function sharesObject(a: unknown, b: unknown): boolean {
  if (a === null || typeof a !== 'object' || b === null || typeof b !== 'object') return false;
  if (a === b) return true;
  return Object.keys(a).some((k) => sharesObject((a as Plain)[k], (b as Plain)[k]));
}

const generated = [
  defineCollection('plain', {
    name: { type: String, required: true, minlength: 2, maxlength: 6 },
    kind: { type: String, enum: ['parent', 'teacher'] },
    day: { type: String, match: /^\d{4}-\d{2}-\d{2}$/ },
    score: { type: Number, min: 0, max: 10 },
    count: { type: Number, required: true },
    active: { type: Boolean },
    at: { type: Date },
    answers: { type: Mixed, required: true },
    extra: { type: Mixed },
  }),
  defineCollection('optional', {
    note: { type: String },
    when: { type: Date, required: true },
    flag: { type: Boolean, required: true },
    state: { type: String, required: true, enum: ['pending', 'stored'] },
  }),
  // Not covered (a default, a nested path, an array, trim): the shortcut never takes these.
  defineCollection('defaults', { name: { type: String, default: 'x' }, n: { type: Number } }),
  defineCollection('nested', { place: { town: { type: String } }, n: { type: Number } }),
  defineCollection('arrays', { tags: [String], n: { type: Number } }),
  defineCollection('trimmed', { name: { type: String, trim: true } }),
];

describe('simpleCheckFor', () => {
  const connection = mongoose.createConnection();
  const specs = [...generated, ...allCollections.filter((spec) => !generated.some((g) => g.name === spec.name))];

  it('on 40 000 generated documents for generated schemas and every Mera collection, gives exactly what mongoose gives, or leaves the document to mongoose', async () => {
    const { doc } = generator(7);
    let taken = 0;
    let compared = 0;
    for (const spec of specs) {
      const model = connection.model(spec.name, spec.schema, spec.name) as unknown as mongoose.Model<unknown>;
      const simple = simpleCheckFor(spec.schema);
      const fields = Object.keys(spec.schema.paths).filter((p) => p !== '_id' && !p.includes('.'));
      const types = Object.fromEntries(fields.map((f) => [f, spec.schema.path(f).instance]));
      const rounds = Math.ceil(40_000 / specs.length);
      for (let i = 0; i < rounds; i++) {
        const input = doc(fields, types);
        const quick = simple(input);
        compared++;
        if (quick === undefined) continue;
        taken++;
        const reference = await throughMongoose(model, input);
        if (!reference.ok) throw new Error(`${spec.name}: the shortcut took what mongoose refuses: ${String(JSON.stringify(input))}`);
        // Same keys in the same order (the _id first when given, last when drawn), same values and types.
        expect(Object.keys(quick)).toEqual(Object.keys(reference.value));
        if (input._id === undefined) expect(quick._id).toMatch(/^[0-9a-f]{24}$/);
        if (!equals(sameIdAs(quick, reference.value), reference.value, [], true)) {
          throw new Error(
            `${spec.name}: ${String(JSON.stringify(input))} gave ${JSON.stringify(quick)}, mongoose ${JSON.stringify(reference.value)}`,
          );
        }
        expect(sharesObject(quick, input)).toBe(false);
      }
    }
    // Enough of the generated documents are simple for the comparison to mean something.
    expect(taken).toBeGreaterThan(compared / 50);
  });

  it('never takes a document for a schema with a default, a nested path, an array or a setter', () => {
    const { doc } = generator(11);
    for (const spec of generated.slice(2)) {
      const simple = simpleCheckFor(spec.schema);
      for (let i = 0; i < 200; i++) expect(simple(doc(['name', 'n', 'tags', 'place']))).toBeUndefined();
      expect(simple({ n: 1 })).toBeUndefined();
    }
  });

  it('takes a response as the submission stores it, in schema order with a new _id', () => {
    const simple = simpleCheckFor(responsesCollection.schema);
    const response = {
      answers: { q1: 3, q2: ['a', 'b'], q3: { row: 'x' } },
      campaignId: 'c1',
      schoolId: 's1',
      instrumentId: 'parent-survey',
      instrumentVersion: 2,
      respondentType: 'parent',
      day: '2026-11-23',
    };
    const checked = simple(response);
    expect(checked).toEqual({ ...response, _id: expect.stringMatching(/^[0-9a-f]{24}$/) });
    expect(Object.keys(checked ?? {})).toEqual([
      'campaignId',
      'schoolId',
      'instrumentId',
      'instrumentVersion',
      'respondentType',
      'day',
      'answers',
      '_id',
    ]);
    expect(simple({ ...response, day: '23.11.2026' })).toBeUndefined();
    expect(simple({ ...response, instrumentVersion: '2' })).toBeUndefined();
  });
});
