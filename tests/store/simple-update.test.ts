// The embedded engine's $set/$inc shortcut must change documents exactly as mingo's updater does
// (which the contract suite holds to MongoDB's behaviour), and leave alone whatever it does not take.
import { update as mingoUpdate } from 'mingo/updater';
import { equals } from '@jest/expect-utils';
import { applySimpleUpdate } from '../../server/store/simple-update';
// Deterministic (mulberry32), so a failure can be replayed.
import { seededRandom } from '../../seeds/synthetic';

type Plain = Record<string, unknown>;

function generator(seed: number) {
  const next = seededRandom(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)];
  const keys = ['a', 'b', 'c', 'n', '0'];
  const value = (depth: number): unknown =>
    pick([
      () => Math.floor(next() * 5),
      () => pick(['x', 'y', '']),
      () => null,
      () => next() < 0.5,
      () => new Date(Date.UTC(2024, 0, 1 + Math.floor(next() * 3))),
      () => (depth > 1 ? 1 : [value(depth + 1), 2]),
      () => (depth > 1 ? 'z' : doc(depth + 1)),
    ])();
  const doc = (depth = 0): Plain => {
    const out: Plain = {};
    for (const key of keys) if (next() < 0.4) out[key] = value(depth);
    return out;
  };
  const path = () => Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(keys)).join('.');
  const update = (): Plain => {
    const out: Plain = {};
    for (const op of ['$set', '$inc', ...(next() < 0.1 ? ['$unset'] : [])]) {
      if (next() < 0.3) continue;
      const fields: Plain = {};
      for (let i = 0; i < 1 + Math.floor(next() * 2); i++) {
        fields[path()] = op === '$inc' ? pick([1, -2, 0, 0.5, 'x']) : op === '$unset' ? '' : value(1);
      }
      out[op] = fields;
    }
    return Object.keys(out).length ? out : { $set: { a: 1 } };
  };
  return { doc, update };
}

describe('applySimpleUpdate', () => {
  it('on 3 000 generated documents and $set/$inc updates, changes each document exactly as mingo does, or leaves it untouched for mingo', () => {
    const { doc, update } = generator(42);
    let taken = 0;
    for (let i = 0; i < 3000; i++) {
      const original = doc();
      const change = update();
      const mine = structuredClone(original);
      const changed = applySimpleUpdate(mine, change);
      if (changed === undefined) {
        expect(mine).toEqual(original);
        continue;
      }
      taken++;
      const theirs = structuredClone(original);
      try {
        mingoUpdate(theirs, change as never, undefined, undefined, { cloneMode: 'deep' });
      } catch (err) {
        throw new Error(
          `mingo refused ${JSON.stringify(change)} on ${JSON.stringify(original)} that the shortcut took: ${(err as Error).message}`,
          { cause: err },
        );
      }
      // "Changed" as MongoDB counts it (nModified): the document differs. mingo also counts a $set
      // of an equal Date as a change.
      const expected = { change, original, doc: theirs, changed: !equals(original, theirs) };
      const actual = { change, original, doc: mine, changed };
      if (!equals(actual, expected)) expect(actual).toEqual(expected);
    }
    // The shortcut must actually take the common cases, or it saves nothing.
    expect(taken).toBeGreaterThan(600);
  });

  it('does not take $inc on a string, a path through an array, overlapping paths, or other operators', () => {
    const cases: [Plain, Plain][] = [
      [{ n: 'x' }, { $inc: { n: 1 } }],
      [{ a: [{ b: 1 }] }, { $inc: { 'a.b': 1 } }],
      [{ a: { b: 1 } }, { $set: { a: 1 }, $inc: { 'a.b': 1 } }],
      [{ a: 1 }, { $push: { t: 1 } }],
      [{ a: 1 }, { $set: { 'a.0': 1 } }],
      [{ a: [5] }, { $inc: { 'a.0': 1 } }],
      [{ a: 1 }, { $set: { b: { c: 1 } } }],
    ];
    for (const [doc, change] of cases) {
      const copy = structuredClone(doc);
      expect(applySimpleUpdate(copy, change)).toBeUndefined();
      expect(copy).toEqual(doc);
    }
  });

  it('takes a numeric field name inside objects, as a rollup counts a rating\'s answers ("5"), creating the objects on the way as MongoDB does', () => {
    const doc: Plain = { respondents: 2, questions: { sat: { answered: 2, byAnswer: { '4': 2 } } } };
    const change = { $inc: { respondents: 1, 'questions.sat.answered': 1, 'questions.sat.byAnswer.5': 1, 'questions.new.byAnswer.1': 1 } };
    const theirs = structuredClone(doc);
    mingoUpdate(theirs, change as never, undefined, undefined, { cloneMode: 'deep' });
    expect(applySimpleUpdate(doc, change)).toBe(true);
    expect(doc).toEqual({
      respondents: 3,
      questions: { sat: { answered: 3, byAnswer: { '4': 2, '5': 1 } }, new: { byAnswer: { '1': 1 } } },
    });
    expect(doc).toEqual(theirs);
  });
});
