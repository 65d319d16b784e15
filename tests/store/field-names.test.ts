// Field names no engine stores ("." inside, "$" first), found at any depth in one linear walk.
import { findBadFieldName } from '../../server/store/field-names';

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
