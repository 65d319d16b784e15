// The embedded engine's JSON text: dates are found by walks rather than by JSON's replacer and
// reviver (json.ts says why). The text and the documents read back must be exactly those the
// replacer and reviver give, on generated documents and on the odd cases.
import { isDeepStrictEqual } from 'node:util';
import { copyDocument, fromJson, toJson } from '../../server/store/json';
// Deterministic (mulberry32), so a failure can be replayed.
import { seededRandom } from '../../seeds/synthetic';

type Plain = Record<string, unknown>;

const isDate = (value: unknown) => Object.prototype.toString.call(value) === '[object Date]';

/** The way the engine wrote its JSON before: JSON.stringify with a replacer. */
function replacerJson(doc: unknown): string {
  return JSON.stringify(doc, function (this: Plain, key: string, value: unknown) {
    const raw = this[key];
    return isDate(raw) ? { $$date: (raw as Date).getTime() } : value;
  });
}

/** The way the engine read its JSON before: JSON.parse with a reviver. */
function reviverParse(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    const marker = (value as { $$date?: unknown } | null)?.$$date;
    return typeof marker === 'number' && Object.keys(value as object).length === 1 ? new Date(marker) : value;
  });
}

function generator(seed: number) {
  const next = seededRandom(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)];
  const value = (depth: number): unknown =>
    pick([
      () => Math.floor(next() * 100) - 50,
      () => pick(['', 'x', 'строка', '{"$$date":1}']),
      () => null,
      () => next() < 0.5,
      () => new Date(Date.UTC(2026, 0, 1 + Math.floor(next() * 300))),
      () => ({ $$date: Math.floor(next() * 1e12), ...(next() < 0.5 ? { extra: 1 } : {}) }),
      () => (depth > 3 ? 1 : Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1))),
      () => (depth > 3 ? 'leaf' : doc(depth + 1)),
    ])();
  const doc = (depth = 0): Plain => {
    const out: Plain = {};
    for (const key of ['a', 'b', 'day', '0', 'answers']) if (next() < 0.5) out[key] = value(depth);
    return out;
  };
  return doc;
}

describe('the embedded engine JSON text', () => {
  it('on 3 000 generated documents with dates at any depth, writes and reads exactly what the replacer and reviver do', () => {
    const doc = generator(7);
    for (let i = 0; i < 3000; i++) {
      const original = doc();
      const text = toJson(original);
      expect(text).toBe(replacerJson(original));
      const back = fromJson(text);
      if (!isDeepStrictEqual(back, reviverParse(text))) expect(back).toEqual(reviverParse(text));
    }
  });

  it('a date at the top, a Buffer (its own toJSON), a marker with other fields and a "__proto__" field read back as before', () => {
    const cases: unknown[] = [
      new Date(5),
      [new Date(1), { at: new Date(2) }],
      { file: Buffer.from('ab'), at: new Date(3) },
      { file: Buffer.from('ab') },
      { kept: { $$date: 3, other: 1 } },
      JSON.parse('{"__proto__": {"$$date": 4}, "y": 1}'),
    ];
    for (const original of cases) {
      const text = toJson(original);
      expect(text).toBe(replacerJson(original));
      expect(isDeepStrictEqual(fromJson(text), reviverParse(text))).toBe(true);
    }
    const proto = fromJson<Plain>('{"__proto__": {"$$date": 4}}');
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(proto, '__proto__')?.value).toEqual(new Date(4));
  });

  it('reads back dates nested 5 000 levels deep (the walk keeps no call stack)', () => {
    let text = '{"at":{"$$date":1}}';
    for (let i = 0; i < 5000; i++) text = `{"d":${text}}`;
    let node = fromJson<Plain>(text);
    for (let i = 0; i < 5000; i++) node = node.d as Plain;
    expect(node.at).toEqual(new Date(1));
  });

  it('a copy of a document read back is equal to it and shares no object or date with it', () => {
    const doc = generator(11);
    const objects = (value: unknown, into = new Set<unknown>()): Set<unknown> => {
      if (value !== null && typeof value === 'object') {
        into.add(value);
        for (const child of Object.values(value)) objects(child, into);
      }
      return into;
    };
    for (let i = 0; i < 1000; i++) {
      const read = fromJson(toJson(doc()));
      const copy = copyDocument(read);
      if (!isDeepStrictEqual(copy, read)) expect(copy).toEqual(read);
      const shared = [...objects(copy)].filter((o) => objects(read).has(o));
      expect(shared).toEqual([]);
    }
    const proto = copyDocument(fromJson<Plain>('{"__proto__": {"$$date": 4}, "a": [1, {"b": null}]}'));
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(proto, '__proto__')?.value).toEqual(new Date(4));
    expect(proto.a).toEqual([1, { b: null }]);
    expect(copyDocument(null)).toBeNull();
    expect(copyDocument(new Date(9))).toEqual(new Date(9));
  });

  it('copies documents nested 5 000 levels deep', () => {
    let text = '{"at":{"$$date":1}}';
    for (let i = 0; i < 5000; i++) text = `{"d":[${text}]}`;
    let node = copyDocument(fromJson<Plain>(text));
    for (let i = 0; i < 5000; i++) node = (node.d as Plain[])[0];
    expect(node.at).toEqual(new Date(1));
  });
});
