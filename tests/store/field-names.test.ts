// The embedded engine replaces NeDB's field-name check (exponential in nested arrays) with a
// linear one: it must give NeDB's verdicts, word for word, on every kind of document.
import { findBadFieldName, nedbCheckObject } from '../../server/store/field-names';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- NeDB's lib/model.js has no typings to import with
const nedbModel = require('@seald-io/nedb/lib/model.js') as { checkObject(doc: unknown): void };

const verdict = (check: (doc: unknown) => void, doc: unknown) => {
  try {
    check(doc);
    return 'ok';
  } catch (err) {
    return (err as Error).message;
  }
};

describe('nedbCheckObject', () => {
  it.each([
    ['a plain document', { a: 1, b: 'x', c: null, d: new Date(0), e: [1, [2, [3]]], f: { g: { h: true } } }],
    ['a dotted key at the top', { 'a.b': 1 }],
    ['a dotted key inside arrays of objects', { a: [[{ ok: 1 }, { 'b.c': 2 }]] }],
    ['a $ key deep inside', { a: { b: [{ $c: 1 }] } }],
    ["NeDB's own $$date, $$deleted and $$indexCreated", { $$date: 5, x: { $$deleted: true }, y: { $$indexCreated: { fieldName: 'a' } } }],
    ['$$date that is not a number', { $$date: 'soon' }],
    ['an array at the top', [{ a: 1 }, { 'b.c': 1 }]],
    ['a primitive', 42],
  ])('gives the same verdict as NeDB on %s', (_what, doc) => {
    expect(verdict(nedbCheckObject, doc)).toBe(verdict(nedbModel.checkObject, doc));
  });
});

describe('findBadFieldName', () => {
  it('names the path of the first key with a dot or a leading $, array indexes included, and nothing for a clean document', () => {
    expect(findBadFieldName({ a: [{ b: 1 }, { c: { 'd.e': 1 } }] })).toEqual({ path: 'a.1.c.d.e', key: 'd.e' });
    expect(findBadFieldName({ a: { $gt: 1 } })).toEqual({ path: 'a.$gt', key: '$gt' });
    expect(findBadFieldName({ a: [1, 'x', null, new Date(0), { b: [true] }] })).toBeUndefined();
  });

  it('walks a value nested 100 000 deep without running out of stack', () => {
    let deep: unknown = { 'last.key': 1 };
    for (let i = 0; i < 100_000; i++) deep = i % 2 ? { a: deep } : [deep];
    expect(findBadFieldName(deep)?.key).toBe('last.key');
  });
});
