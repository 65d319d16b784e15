// The storage contract: one suite, written once, run against every engine this machine has.
// The embedded engine always runs (a fresh temp data dir per test group); MongoDB runs when
// MONGODB_URI is set (a unique database per run, dropped at the end).
// Result arrays are compared after sorting wherever the port promises no order, so the two
// engines must give identical output for the same data.
import mongoose, { Schema } from 'mongoose';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { databaseFileName, openEmbeddedStore } from '../../server/store/embedded';
import { openMongoStore } from '../../server/store/mongo';
import { setClock } from '../../server/clock';
import { tempDir } from '../support/temp-dir';
import {
  Collection,
  CollectionSpec,
  defineCollection,
  DuplicateKeyError,
  InvalidDocumentError,
  Mixed,
  Store,
  WithId,
} from '../../server/store/port';

// ---------------------------------------------------------------------------------------------
// Test collections

interface Mark {
  subject: string;
  value: number;
}

interface Item {
  _id: string;
  name: string;
  code?: string;
  school?: string;
  score?: number;
  tags?: string[];
  nested?: Record<string, unknown>;
  marks?: Mark[];
  day?: string;
  at?: Date;
}

const items = defineCollection<Item>(
  'items',
  {
    name: { type: String, required: true },
    code: { type: String },
    school: { type: String },
    score: { type: Number, min: 0 },
    tags: [String],
    nested: { type: Mixed },
    marks: [new Schema({ subject: String, value: Number }, { _id: false })],
    day: { type: String },
    at: { type: Date },
  },
  [{ fields: { code: 1 }, unique: true }],
);

interface Enrolment {
  _id: string;
  school: string;
  person: string;
  role?: string;
}

const enrolments = defineCollection<Enrolment>(
  'enrolments',
  { school: { type: String, required: true }, person: { type: String, required: true }, role: { type: String } },
  [{ fields: { school: 1, person: 1 }, unique: true }],
);

/** Passes expire: at their expiresAt, or an hour after they were last touched. */
interface Pass {
  _id: string;
  key: string;
  expiresAt?: Date;
  touchedAt?: Date;
  uses?: number;
}

const passes = defineCollection<Pass>(
  'passes',
  { key: { type: String, required: true }, expiresAt: { type: Date }, touchedAt: { type: Date }, uses: { type: Number } },
  [
    { fields: { key: 1 }, unique: true },
    { fields: { expiresAt: 1 }, expireAfterSeconds: 0 },
    { fields: { touchedAt: 1 }, expireAfterSeconds: 3600 },
  ],
);

const allSpecs = [items, enrolments, passes] as CollectionSpec<unknown>[];

// ---------------------------------------------------------------------------------------------
// Engines

interface Engine {
  name: 'embedded' | 'mongodb';
  open(): Promise<Store>;
  /** Called once after every group of this engine has closed its store. */
  cleanup(): Promise<void>;
}

const tempDirs: string[] = [];

function freshDir(): string {
  const dir = tempDir('mera-store-contract-');
  tempDirs.push(dir);
  return dir;
}

const embeddedEngine: Engine = {
  name: 'embedded',
  open: () => openEmbeddedStore({ dataDir: freshDir(), collections: allSpecs }),
  cleanup: async () => {
    for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  },
};

/**
 * The same URI with its database name replaced (mongodb:// and mongodb+srv://, one host or several).
 * Credentials keep authenticating against the database the URI named (or admin) through authSource.
 */
function withDatabase(uri: string, db: string): string {
  const [base, query = ''] = uri.split('?', 2);
  const scheme = base.indexOf('://') + 3;
  const slash = base.indexOf('/', scheme);
  const authority = slash === -1 ? base : base.slice(0, slash);
  const originalDb = slash === -1 ? '' : base.slice(slash + 1);
  const params = query ? query.split('&') : [];
  if (authority.slice(scheme).includes('@') && !params.some((p) => p.startsWith('authSource='))) {
    params.push(`authSource=${originalDb || 'admin'}`);
  }
  return `${authority}/${db}${params.length ? `?${params.join('&')}` : ''}`;
}

function mongoEngine(uri: string): Engine {
  const dbUri = withDatabase(uri, `mera_contract_${process.pid}_${Date.now().toString(36)}`);
  return {
    name: 'mongodb',
    open: () => openMongoStore({ uri: dbUri, collections: allSpecs }),
    cleanup: async () => {
      const connection = await mongoose.createConnection(dbUri, { serverSelectionTimeoutMS: 10_000 }).asPromise();
      try {
        await connection.dropDatabase();
      } finally {
        await connection.close();
      }
    },
  };
}

const MONGODB_URI = process.env.MONGODB_URI;
/**
 * The MongoDB part is declared whether or not a server is configured, and is skipped (reported as
 * skipped, test by test, never as passed) when MONGODB_URI is unset: no MongoDB server can be
 * installed on these machines. Set MONGODB_URI to run the same suite on MongoDB.
 */
const engines: { engine: Engine; runs: boolean }[] = [
  { engine: embeddedEngine, runs: true },
  { engine: mongoEngine(MONGODB_URI ?? 'mongodb://unset.invalid/mera'), runs: !!MONGODB_URI },
];
if (!MONGODB_URI)
  console.warn('store contract: MONGODB_URI is not set, so the MongoDB part is skipped; set it to run the same suite on MongoDB.');

// ---------------------------------------------------------------------------------------------
// Helpers

const byName = <T extends { name: string }>(docs: T[]) => [...docs].sort((a, b) => a.name.localeCompare(b.name));
const names = (docs: { name: string }[]) => docs.map((d) => d.name).sort();
const orderedNames = (docs: { name: string }[]) => docs.map((d) => d.name);

/** The same five items for every test that needs a varied population (inserted fresh for each test). */
function population(): Omit<Item, '_id'>[] {
  return [
    {
      name: 'ada',
      code: 'c1',
      school: 's1',
      score: 10,
      tags: ['a', 'b'],
      nested: { city: 'Kazan', level: { n: 1 } },
      marks: [{ subject: 'math', value: 5 }],
      day: '2024-01-01',
    },
    {
      name: 'bob',
      code: 'c2',
      school: 's1',
      score: 20,
      tags: ['b'],
      nested: { city: 'Perm', level: { n: 2 } },
      marks: [
        { subject: 'math', value: 3 },
        { subject: 'art', value: 5 },
      ],
      day: '2024-01-02',
    },
    {
      name: 'cat',
      code: 'c3',
      school: 's2',
      score: 30,
      tags: ['c'],
      nested: { city: 'Kazan', level: { n: 3 } },
      marks: [{ subject: 'art', value: 4 }],
      day: '2024-01-02',
    },
    { name: 'dan', code: 'c4', school: 's2', score: 40, tags: [], day: '2024-01-03' },
    { name: 'eve', code: 'c5', score: 0, tags: ['a'], nested: { city: 'Omsk' } },
  ];
}

/**
 * Registers a fresh store for the enclosing describe (opened in beforeAll, closed in afterAll) and
 * empties every collection before each test, so no test depends on another.
 */
function useStore(engine: Engine) {
  const handle = {} as { store: Store; items: Collection<Item>; enrolments: Collection<Enrolment>; passes: Collection<Pass> };
  beforeAll(async () => {
    handle.store = await engine.open();
    handle.items = handle.store.collection(items);
    handle.enrolments = handle.store.collection(enrolments);
    handle.passes = handle.store.collection(passes);
  });
  beforeEach(async () => {
    await handle.items.deleteMany({});
    await handle.enrolments.deleteMany({});
    await handle.passes.deleteMany({});
  });
  afterAll(async () => {
    await handle.store?.close();
  });
  return handle;
}

// ---------------------------------------------------------------------------------------------
// The contract

for (const { engine, runs } of engines)
  (runs ? describe : describe.skip)(`${engine.name} engine`, () => {
    // MongoDB's update validators (mongoose runValidators) check only the values an update sets
    // ($set, $push, ...), not the result of $inc nor a whole upserted document; the embedded engine
    // validates whole documents. These two guarantees are therefore the embedded engine's alone.
    const embeddedOnly = engine.name === 'embedded' ? it : it.skip;
    afterAll(() => engine.cleanup());

    describe('inserting and reading', () => {
      const s = useStore(engine);

      it('insertOne returns the stored document with a string _id', async () => {
        const doc = await s.items.insertOne({ name: 'ada', code: 'c1', score: 3 });
        expect(typeof doc._id).toBe('string');
        expect(doc._id).toMatch(/^[0-9a-f]{24}$/);
        expect(doc).toMatchObject({ name: 'ada', code: 'c1', score: 3 });
      });

      it('inserts made at once are all stored, and each caller gets back its own document', async () => {
        const wanted = Array.from({ length: 40 }, (_, i) => ({ name: `n${i}`, code: `c${i}`, score: i }));
        const returned = await Promise.all(wanted.map((doc) => s.items.insertOne(doc)));
        returned.forEach((doc, i) => expect(doc).toMatchObject(wanted[i]));
        expect(new Set(returned.map((d) => d._id)).size).toBe(40);
        expect(await s.items.countDocuments()).toBe(40);
        for (const doc of returned) expect(await s.items.findOne({ _id: doc._id })).toEqual(doc);
      });

      it('insertOne keeps an _id the caller supplies', async () => {
        const doc = await s.items.insertOne({ _id: 'my-own-id', name: 'ada', code: 'c1' });
        expect(doc._id).toBe('my-own-id');
        expect(await s.items.findOne({ _id: 'my-own-id' })).toMatchObject({ name: 'ada' });
      });

      it('findOne by _id finds the inserted document', async () => {
        const doc = await s.items.insertOne({ name: 'ada', code: 'c1', school: 's1', nested: { city: 'Kazan' } });
        const found = await s.items.findOne({ _id: doc._id });
        expect(found).toEqual(doc);
      });

      it('findOne returns null when nothing matches', async () => {
        await s.items.insertOne({ name: 'ada', code: 'c1' });
        expect(await s.items.findOne({ name: 'nobody' })).toBeNull();
      });

      it('insertMany returns every document with its own string _id', async () => {
        const docs = await s.items.insertMany([
          { name: 'ada', code: 'c1' },
          { name: 'bob', code: 'c2' },
          { name: 'cat', code: 'c3' },
        ]);
        expect(docs).toHaveLength(3);
        expect(new Set(docs.map((d) => d._id)).size).toBe(3);
        for (const d of docs) expect(typeof d._id).toBe('string');
        expect(names(docs)).toEqual(['ada', 'bob', 'cat']);
      });

      it('insertMany of an empty list inserts nothing and returns an empty list', async () => {
        expect(await s.items.insertMany([])).toEqual([]);
        expect(await s.items.countDocuments()).toBe(0);
      });

      it('find with an empty filter returns every document, equal to what was inserted', async () => {
        const inserted = await s.items.insertMany(population());
        const found = await s.items.find({});
        expect(byName(found)).toEqual(byName(inserted));
      });

      it('a Date is stored and read back as an equal Date, and filters and sorts as a date', async () => {
        const early = new Date('2024-01-02T03:04:05.678Z');
        const late = new Date('2024-06-01T00:00:00.000Z');
        await s.items.insertMany([
          { name: 'late', code: 'c2', at: late },
          { name: 'early', code: 'c1', at: early },
        ]);
        const found = await s.items.find({}, { sort: { at: 1 } });
        expect(found.map((d) => d.name)).toEqual(['early', 'late']);
        expect(found[0].at).toBeInstanceOf(Date);
        expect(found[0].at?.getTime()).toBe(early.getTime());
        expect(names(await s.items.find({ at: { $gte: new Date('2024-03-01') } }))).toEqual(['late']);
      });

      it('documents returned are copies: changing one does not change the store', async () => {
        const inserted = await s.items.insertOne({ name: 'ada', code: 'c1', tags: ['a'], nested: { city: 'Kazan' } });
        inserted.name = 'changed';
        const found = (await s.items.findOne({ _id: inserted._id }))!;
        expect(found.name).toBe('ada');
        found.tags!.push('b');
        (found.nested as { city: string }).city = 'Perm';
        expect(await s.items.findOne({ _id: inserted._id })).toMatchObject({ name: 'ada', tags: ['a'], nested: { city: 'Kazan' } });
      });

      it('an array field left out is stored as an empty array, and a Mixed field keeps its nested shape', async () => {
        const doc = await s.items.insertOne({ name: 'ada', code: 'c1', nested: { a: { b: [1, 2, { c: 'x' }] } } });
        const found = await s.items.findOne({ _id: doc._id });
        expect(found?.tags).toEqual([]);
        expect(found?.nested).toEqual({ a: { b: [1, 2, { c: 'x' }] } });
      });
    });

    describe("a document found is the caller's own copy, and always the current one", () => {
      // The embedded engine keeps the answers of point lookups parsed between writes: none of this
      // may show through.
      const s = useStore(engine);

      it('changing a found document (nested objects, arrays, dates) changes nothing stored or found later', async () => {
        const at = new Date('2026-11-30T09:00:00Z');
        const doc = await s.items.insertOne({ name: 'ada', code: 'c1', tags: ['a'], nested: { city: 'Kazan', level: { n: 1 } }, at });
        const first = (await s.items.findOne({ _id: doc._id }))!;
        first.name = 'changed';
        first.tags!.push('b');
        (first.nested as { level: { n: number } }).level.n = 99;
        first.at!.setFullYear(1999);
        const byCode = (await s.items.findOne({ code: 'c1' }))!;
        byCode.tags!.length = 0;
        expect(await s.items.findOne({ _id: doc._id })).toEqual(doc);
        expect(await s.items.findOne({ code: 'c1' })).toEqual(doc);
        expect((await s.items.findOne({ code: 'c1' }))!.at).toEqual(at);
      });

      it('a lookup that found nothing finds the document inserted after it', async () => {
        expect(await s.items.findOne({ code: 'later' })).toBeNull();
        expect(await s.items.findOne({ _id: 'later-id' })).toBeNull();
        await s.items.insertOne({ _id: 'later-id', name: 'late', code: 'later' });
        expect(await s.items.findOne({ code: 'later' })).toMatchObject({ name: 'late' });
        expect(await s.items.findOne({ _id: 'later-id' })).toMatchObject({ name: 'late' });
      });

      it('each kind of write shows in the next lookup: update, bulk update, findOneAndUpdate, delete', async () => {
        const doc = await s.items.insertOne({ name: 'ada', code: 'c1', score: 1 });
        expect(await s.items.findOne({ code: 'c1' })).toMatchObject({ score: 1 });
        await s.items.updateOne({ _id: doc._id }, { $inc: { score: 1 } });
        expect(await s.items.findOne({ code: 'c1' })).toMatchObject({ score: 2 });
        await s.items.bulkUpdate([{ filter: { _id: doc._id }, update: { $inc: { score: 10 } } }]);
        expect(await s.items.findOne({ _id: doc._id })).toMatchObject({ score: 12 });
        await s.items.findOneAndUpdate({ code: 'c1' }, { $set: { name: 'bea' } });
        expect(await s.items.findOne({ code: 'c1' })).toMatchObject({ name: 'bea', score: 12 });
        await s.items.deleteOne({ _id: doc._id });
        expect(await s.items.findOne({ code: 'c1' })).toBeNull();
      });

      it('a bulk update that changes the same document twice applies both', async () => {
        // Counters without a bound (passes.uses) and with one (items.score, checked again): both ways.
        const pass = await s.passes.insertOne({ key: 'k', uses: 1 });
        const item = await s.items.insertOne({ name: 'ada', code: 'c1', score: 1 });
        await s.passes.findOne({ _id: pass._id });
        await s.items.findOne({ _id: item._id });
        const twice = (_id: string, field: string) => [
          { filter: { _id }, update: { $inc: { [field]: 2 } } },
          { filter: { _id }, update: { $inc: { [field]: 3 } } },
        ];
        await s.passes.bulkUpdate(twice(pass._id, 'uses'));
        await s.items.bulkUpdate(twice(item._id, 'score'));
        expect(await s.passes.findOne({ _id: pass._id })).toMatchObject({ uses: 6 });
        expect(await s.items.findOne({ _id: item._id })).toMatchObject({ score: 6 });
      });

      it('a refused write leaves the lookups showing what is stored', async () => {
        await s.items.insertOne({ name: 'ada', code: 'c1' });
        const bob = await s.items.insertOne({ name: 'bob', code: 'c2' });
        expect(await s.items.findOne({ _id: bob._id })).toMatchObject({ code: 'c2' });
        await expect(s.items.updateOne({ _id: bob._id }, { $set: { code: 'c1' } })).rejects.toThrow();
        await expect(s.items.updateOne({ _id: bob._id }, { $set: { score: -1 } })).rejects.toThrow();
        expect(await s.items.findOne({ _id: bob._id })).toEqual(bob);
      });

      it('a document found before its expiry is not found after it, with no write in between', async () => {
        const restore = setClock('2026-12-01T10:00:00Z', { frozen: true });
        try {
          await s.passes.insertOne({ key: 'k', expiresAt: new Date('2026-12-01T10:05:00Z') });
          expect(await s.passes.findOne({ key: 'k' })).toMatchObject({ key: 'k' });
          setClock('2026-12-01T10:06:00Z', { frozen: true });
          expect(await s.passes.findOne({ key: 'k' })).toBeNull();
        } finally {
          restore();
        }
      });
    });

    describe('filters', () => {
      const s = useStore(engine);
      beforeEach(async () => {
        await s.items.insertMany(population());
      });
      const match = async (filter: Record<string, unknown>) => names(await s.items.find(filter));

      it('equality on a field matches the documents with that value', async () => {
        expect(await match({ school: 's1' })).toEqual(['ada', 'bob']);
        expect(await match({ score: 30 })).toEqual(['cat']);
      });

      it('equality on two fields, one of them uniquely indexed, matches only documents with both', async () => {
        expect(await match({ code: 'c3', school: 's2' })).toEqual(['cat']);
        expect(await match({ code: 'c3', school: 's1' })).toEqual([]);
      });

      it('an indexed equality combined with an operator applies both', async () => {
        expect(await match({ code: 'c3', score: { $gt: 100 } })).toEqual([]);
        expect(await match({ code: { $in: ['c1', 'c3'] }, school: 's2' })).toEqual(['cat']);
      });

      it('$in on an indexed field alone (ids a batch at a time) finds each listed document once, skipping unknown and repeated values', async () => {
        const all = await s.items.find({});
        const [first, second] = all;
        const found = await s.items.find({ _id: { $in: [second._id, 'no-such-id', first._id, second._id] } });
        expect(found.map((d) => d._id).sort()).toEqual([first._id, second._id].sort());
        expect(await match({ code: { $in: ['c3', 'c1', 'c404'] } })).toEqual(['ada', 'cat']);
        expect(await match({ code: { $in: [] } })).toEqual([]);
      });

      it('$in matches any of the listed values, and $nin also matches documents missing the field', async () => {
        expect(await match({ school: { $in: ['s2', 's9'] } })).toEqual(['cat', 'dan']);
        expect(await match({ school: { $nin: ['s1'] } })).toEqual(['cat', 'dan', 'eve']);
      });

      it('$gt, $gte, $lt and $lte compare numbers', async () => {
        expect(await match({ score: { $gt: 20 } })).toEqual(['cat', 'dan']);
        expect(await match({ score: { $gte: 20 } })).toEqual(['bob', 'cat', 'dan']);
        expect(await match({ score: { $lt: 10 } })).toEqual(['eve']);
        expect(await match({ score: { $lte: 10 } })).toEqual(['ada', 'eve']);
        expect(await match({ score: { $gt: 5, $lt: 35 } })).toEqual(['ada', 'bob', 'cat']);
      });

      it('$gt and $lte compare ISO day strings', async () => {
        expect(await match({ day: { $gt: '2024-01-01', $lte: '2024-01-02' } })).toEqual(['bob', 'cat']);
      });

      it('$ne excludes the value and matches documents missing the field', async () => {
        expect(await match({ school: { $ne: 's1' } })).toEqual(['cat', 'dan', 'eve']);
      });

      it('$exists tells present fields from missing ones, and equality with null matches a missing field', async () => {
        expect(await match({ school: { $exists: false } })).toEqual(['eve']);
        expect(await match({ school: null })).toEqual(['eve']);
        expect(await match({ nested: { $exists: true } })).toEqual(['ada', 'bob', 'cat', 'eve']);
      });

      it('$or matches either branch and $and requires both', async () => {
        expect(await match({ $or: [{ school: 's2' }, { score: 0 }] })).toEqual(['cat', 'dan', 'eve']);
        expect(await match({ $and: [{ score: { $gte: 10 } }, { score: { $lte: 30 } }] })).toEqual(['ada', 'bob', 'cat']);
        expect(await match({ school: 's1', $or: [{ score: 10 }, { score: 40 }] })).toEqual(['ada']);
      });

      it('dotted paths reach into nested objects', async () => {
        expect(await match({ 'nested.city': 'Kazan' })).toEqual(['ada', 'cat']);
        expect(await match({ 'nested.level.n': { $gte: 2 } })).toEqual(['bob', 'cat']);
      });

      it('a dotted path reaches into an array of subdocuments', async () => {
        expect(await match({ 'marks.subject': 'art' })).toEqual(['bob', 'cat']);
      });

      it('equality with a scalar on an array field matches arrays containing it', async () => {
        expect(await match({ tags: 'a' })).toEqual(['ada', 'eve']);
        expect(await match({ tags: { $in: ['c', 'zz'] } })).toEqual(['cat']);
      });

      it('equality with an array on an array field matches that exact array only', async () => {
        expect(await match({ tags: ['a', 'b'] })).toEqual(['ada']);
        expect(await match({ tags: ['b', 'a'] })).toEqual([]);
        expect(await match({ tags: [] })).toEqual(['dan']);
        expect(await match({ tags: { $size: 1 } })).toEqual(['bob', 'cat', 'eve']);
      });

      it('$elemMatch needs one array element to satisfy every condition', async () => {
        // bob has math 3 and art 5: matched by the path conditions separately, not by $elemMatch.
        expect(await match({ marks: { $elemMatch: { subject: 'math', value: { $gte: 4 } } } })).toEqual(['ada']);
        expect(await match({ 'marks.subject': 'math', 'marks.value': { $gte: 5 } })).toEqual(['ada', 'bob']);
      });

      it('$regex matches strings, with options and as a RegExp', async () => {
        expect(await match({ name: { $regex: '^[a-c]' } })).toEqual(['ada', 'bob', 'cat']);
        expect(await match({ name: { $regex: 'A', $options: 'i' } })).toEqual(['ada', 'cat', 'dan']);
        expect(await match({ name: /E$/i })).toEqual(['eve']);
      });

      it('a filter matching nothing returns an empty list', async () => {
        expect(await s.items.find({ school: 's9' })).toEqual([]);
      });
    });

    describe('sort, skip, limit and projection', () => {
      const s = useStore(engine);
      beforeEach(async () => {
        await s.items.insertMany(population());
      });

      it('sort ascending and descending on one key orders the results', async () => {
        expect(orderedNames(await s.items.find({}, { sort: { score: 1 } }))).toEqual(['eve', 'ada', 'bob', 'cat', 'dan']);
        expect(orderedNames(await s.items.find({}, { sort: { score: -1 } }))).toEqual(['dan', 'cat', 'bob', 'ada', 'eve']);
      });

      it('sort on two keys orders by the first, then the second; a missing field sorts first ascending', async () => {
        expect(orderedNames(await s.items.find({}, { sort: { school: 1, score: -1 } }))).toEqual(['eve', 'bob', 'ada', 'dan', 'cat']);
        expect(orderedNames(await s.items.find({}, { sort: { day: -1, name: 1 } }))).toEqual(['dan', 'bob', 'cat', 'ada', 'eve']);
      });

      it('skip and limit page through the sorted results', async () => {
        expect(orderedNames(await s.items.find({}, { sort: { score: 1 }, skip: 1, limit: 2 }))).toEqual(['ada', 'bob']);
        expect(orderedNames(await s.items.find({}, { sort: { score: 1 }, skip: 4, limit: 2 }))).toEqual(['dan']);
        expect(await s.items.find({}, { sort: { score: 1 }, skip: 5 })).toEqual([]);
        expect(await s.items.find({}, { limit: 3 })).toHaveLength(3);
      });

      it('findOne with a sort returns the first document in that order', async () => {
        expect((await s.items.findOne({ school: 's2' }, { sort: { score: -1 } }))?.name).toBe('dan');
        expect((await s.items.findOne({}, { sort: { score: 1 } }))?.name).toBe('eve');
      });

      it('an inclusion projection returns only the named fields and _id', async () => {
        const found = await s.items.find({ school: 's1' }, { projection: { name: 1, score: 1 }, sort: { name: 1 } });
        expect(found.map((d) => Object.keys(d).sort())).toEqual([
          ['_id', 'name', 'score'],
          ['_id', 'name', 'score'],
        ]);
        expect(found.map(({ name, score }) => ({ name, score }))).toEqual([
          { name: 'ada', score: 10 },
          { name: 'bob', score: 20 },
        ]);
      });

      it('an inclusion projection can leave out _id and reach a nested field', async () => {
        const found = await s.items.find({ code: 'c1' }, { projection: { _id: 0, name: 1, 'nested.city': 1 } });
        expect(found).toEqual([{ name: 'ada', nested: { city: 'Kazan' } }]);
      });

      it('an exclusion projection returns every field but the named ones', async () => {
        const found = await s.items.find({ code: 'c1' }, { projection: { nested: 0, marks: 0, tags: 0 } });
        expect(found).toHaveLength(1);
        expect(Object.keys(found[0]).sort()).toEqual(['_id', 'code', 'day', 'name', 'school', 'score']);
      });
    });

    describe('countDocuments', () => {
      const s = useStore(engine);

      it('counts every document without a filter and only matching ones with a filter', async () => {
        expect(await s.items.countDocuments()).toBe(0);
        await s.items.insertMany(population());
        expect(await s.items.countDocuments()).toBe(5);
        expect(await s.items.countDocuments({})).toBe(5);
        expect(await s.items.countDocuments({ school: 's1' })).toBe(2);
        expect(await s.items.countDocuments({ score: { $gte: 30 }, tags: { $size: 0 } })).toBe(1);
      });
    });

    describe('updates', () => {
      const s = useStore(engine);
      let ada: WithId<Item>;
      beforeEach(async () => {
        [ada] = await s.items.insertMany(population());
      });

      it('updateOne with $set changes the fields, including a dotted path, and reports 1 matched, 1 modified', async () => {
        const result = await s.items.updateOne({ code: 'c1' }, { $set: { score: 15, 'nested.city': 'Ufa' } });
        expect(result).toEqual({ matched: 1, modified: 1 });
        expect(await s.items.findOne({ _id: ada._id })).toMatchObject({ score: 15, nested: { city: 'Ufa', level: { n: 1 } } });
      });

      it('updateOne with $set to the values already stored reports 1 matched, 0 modified', async () => {
        expect(await s.items.updateOne({ code: 'c1' }, { $set: { score: 10 } })).toEqual({ matched: 1, modified: 0 });
      });

      it('updateOne with $inc adds to a number', async () => {
        expect(await s.items.updateOne({ code: 'c1' }, { $inc: { score: 5 } })).toEqual({ matched: 1, modified: 1 });
        expect((await s.items.findOne({ code: 'c1' }))?.score).toBe(15);
      });

      it('updateOne with $inc on a missing field starts from zero', async () => {
        await s.items.updateOne({ code: 'c1' }, { $unset: { score: '' } });
        await s.items.updateOne({ code: 'c1' }, { $inc: { score: 2 } });
        expect((await s.items.findOne({ code: 'c1' }))?.score).toBe(2);
      });

      it('updateOne with $push appends to an array, duplicates included', async () => {
        expect(await s.items.updateOne({ code: 'c1' }, { $push: { tags: 'b' } })).toEqual({ matched: 1, modified: 1 });
        expect((await s.items.findOne({ code: 'c1' }))?.tags).toEqual(['a', 'b', 'b']);
      });

      it('updateOne with $push of a subdocument appends it to the subdocument array', async () => {
        await s.items.updateOne({ code: 'c1' }, { $push: { marks: { subject: 'art', value: 2 } } });
        expect((await s.items.findOne({ code: 'c1' }))?.marks).toEqual([
          { subject: 'math', value: 5 },
          { subject: 'art', value: 2 },
        ]);
      });

      it('updateOne with $addToSet adds a new value once and leaves an existing one alone (0 modified)', async () => {
        expect(await s.items.updateOne({ code: 'c1' }, { $addToSet: { tags: 'a' } })).toEqual({ matched: 1, modified: 0 });
        expect((await s.items.findOne({ code: 'c1' }))?.tags).toEqual(['a', 'b']);
        expect(await s.items.updateOne({ code: 'c1' }, { $addToSet: { tags: 'q' } })).toEqual({ matched: 1, modified: 1 });
        expect(await s.items.updateOne({ code: 'c1' }, { $addToSet: { tags: 'q' } })).toEqual({ matched: 1, modified: 0 });
        expect((await s.items.findOne({ code: 'c1' }))?.tags).toEqual(['a', 'b', 'q']);
      });

      it('updateOne with $unset removes the field', async () => {
        expect(await s.items.updateOne({ code: 'c1' }, { $unset: { school: '' } })).toEqual({ matched: 1, modified: 1 });
        const found = await s.items.findOne({ code: 'c1' });
        expect(found).not.toHaveProperty('school');
        expect(found).toMatchObject({ name: 'ada', score: 10 });
      });

      it('updateOne changes only the first matching document', async () => {
        expect(await s.items.updateOne({ school: 's1' }, { $set: { day: '2030-01-01' } })).toEqual({ matched: 1, modified: 1 });
        expect(await s.items.countDocuments({ day: '2030-01-01' })).toBe(1);
      });

      it('updateOne with no matching document reports 0 matched, 0 modified and inserts nothing', async () => {
        const result = await s.items.updateOne({ code: 'nope' }, { $set: { score: 1 } });
        expect(result).toEqual({ matched: 0, modified: 0 });
        expect(result.upsertedId).toBeUndefined();
        expect(await s.items.countDocuments()).toBe(5);
      });

      it('updateMany changes every matching document and reports the counts', async () => {
        expect(await s.items.updateMany({ school: 's1' }, { $inc: { score: 1 } })).toEqual({ matched: 2, modified: 2 });
        expect((await s.items.find({ school: 's1' }, { sort: { name: 1 } })).map((d) => d.score)).toEqual([11, 21]);
        expect((await s.items.find({ school: 's2' }, { sort: { name: 1 } })).map((d) => d.score)).toEqual([30, 40]);
      });

      it('updateMany counts matched documents that the update leaves unchanged as not modified', async () => {
        expect(await s.items.updateMany({ tags: 'b' }, { $addToSet: { tags: 'a' } })).toEqual({ matched: 2, modified: 1 });
        expect(await s.items.updateMany({ code: 'none' }, { $set: { score: 1 } })).toEqual({ matched: 0, modified: 0 });
      });

      it('updateMany with an empty filter changes every document', async () => {
        expect(await s.items.updateMany({}, { $set: { day: '2025-05-05' } })).toEqual({ matched: 5, modified: 5 });
        expect(await s.items.countDocuments({ day: '2025-05-05' })).toBe(5);
      });
    });

    describe('order of writes in flight at once', () => {
      const s = useStore(engine);

      // MongoDB promises no order between operations sent at once; the embedded engine applies
      // writes in the order they were asked for, batching or not.
      embeddedOnly('an update asked for before an insert does not touch it; one asked for after does', async () => {
        await s.items.insertOne({ name: 'old', code: 'o1' });
        const before = s.items.updateMany({}, { $set: { school: 'sX' } });
        const inserted = s.items.insertOne({ name: 'new', code: 'n1' });
        const after = s.items.updateMany({ code: 'n1' }, { $set: { score: 7 } });
        await Promise.all([before, inserted, after]);
        expect(await s.items.findOne({ code: 'o1' })).toMatchObject({ school: 'sX' });
        const fresh = await s.items.findOne({ code: 'n1' });
        expect(fresh).toMatchObject({ score: 7 });
        expect(fresh).not.toHaveProperty('school');
      });
    });

    describe('upserts', () => {
      const s = useStore(engine);

      it('upsert with no match inserts a document built from the filter equalities, $set and $setOnInsert, and returns upsertedId', async () => {
        const result = await s.items.updateOne(
          { code: 'u1', school: 's1', score: { $gte: 0 } },
          { $set: { day: '2024-03-01' }, $setOnInsert: { name: 'new', tags: ['t'] } },
          { upsert: true },
        );
        expect(result.matched).toBe(0);
        expect(result.modified).toBe(0);
        expect(typeof result.upsertedId).toBe('string');
        const doc = await s.items.findOne({ _id: result.upsertedId! });
        expect(doc).toMatchObject({ _id: result.upsertedId, code: 'u1', school: 's1', day: '2024-03-01', name: 'new', tags: ['t'] });
        // An operator condition in the filter is not an equality: it does not become a field.
        expect(doc).not.toHaveProperty('score');
        expect(await s.items.countDocuments()).toBe(1);
      });

      it('upsert copies $eq conditions and dotted equalities of the filter into the new document', async () => {
        const result = await s.items.updateOne(
          { code: { $eq: 'u2' }, 'nested.city': 'Kazan' },
          { $setOnInsert: { name: 'n2' } },
          { upsert: true },
        );
        expect(await s.items.findOne({ _id: result.upsertedId! })).toMatchObject({ code: 'u2', name: 'n2', nested: { city: 'Kazan' } });
      });

      it('upsert with an _id in the filter inserts the document under that _id', async () => {
        const result = await s.items.updateOne({ _id: 'chosen-id' }, { $set: { name: 'n', code: 'u3' } }, { upsert: true });
        expect(result.upsertedId).toBe('chosen-id');
        expect(await s.items.findOne({ _id: 'chosen-id' })).toMatchObject({ name: 'n', code: 'u3' });
      });

      it('upsert with $inc on no match starts the field from zero', async () => {
        const result = await s.items.updateOne({ code: 'u4' }, { $inc: { score: 3 }, $setOnInsert: { name: 'n' } }, { upsert: true });
        expect(await s.items.findOne({ _id: result.upsertedId! })).toMatchObject({ code: 'u4', score: 3 });
      });

      it('a second identical upsert matches the document it inserted and inserts nothing', async () => {
        const update = { $set: { score: 5 }, $setOnInsert: { name: 'new' } };
        const first = await s.items.updateOne({ code: 'u1' }, update, { upsert: true });
        const second = await s.items.updateOne({ code: 'u1' }, update, { upsert: true });
        expect(first.upsertedId).toBeDefined();
        expect(second).toEqual({ matched: 1, modified: 0 });
        expect(second.upsertedId).toBeUndefined();
        expect(await s.items.countDocuments()).toBe(1);
      });

      it('an upsert that matches modifies the document instead of inserting', async () => {
        const first = await s.items.updateOne({ code: 'u1' }, { $set: { score: 5 }, $setOnInsert: { name: 'new' } }, { upsert: true });
        const second = await s.items.updateOne({ code: 'u1' }, { $set: { score: 6 }, $setOnInsert: { name: 'new' } }, { upsert: true });
        expect(second).toEqual({ matched: 1, modified: 1 });
        expect(await s.items.countDocuments()).toBe(1);
        expect(await s.items.findOne({ code: 'u1' })).toMatchObject({ _id: first.upsertedId, score: 6 });
      });

      it('$setOnInsert is ignored when the document exists', async () => {
        const existing = await s.items.insertOne({ name: 'old', code: 'u1', school: 's1' });
        const result = await s.items.updateOne(
          { code: 'u1' },
          { $set: { score: 7 }, $setOnInsert: { name: 'other', school: 's9' } },
          { upsert: true },
        );
        expect(result).toEqual({ matched: 1, modified: 1 });
        expect(await s.items.findOne({ code: 'u1' })).toMatchObject({ _id: existing._id, name: 'old', school: 's1', score: 7 });
      });

      it('an upsert with only $setOnInsert on an existing document matches it and changes nothing', async () => {
        await s.items.insertOne({ name: 'old', code: 'u1' });
        expect(await s.items.updateOne({ code: 'u1' }, { $setOnInsert: { name: 'other' } }, { upsert: true })).toEqual({
          matched: 1,
          modified: 0,
        });
        expect((await s.items.findOne({ code: 'u1' }))?.name).toBe('old');
      });

      it('concurrent upserts of the same key end with one document', async () => {
        const results = await Promise.all(
          Array.from({ length: 5 }, (_, i) =>
            s.items
              .updateOne({ code: 'race' }, { $set: { score: i }, $setOnInsert: { name: 'r' } }, { upsert: true })
              .catch((e: unknown) => e),
          ),
        );
        // MongoDB may answer a losing concurrent upsert with a duplicate key error; never with a second document.
        for (const r of results) if (r instanceof Error) expect(r).toBeInstanceOf(DuplicateKeyError);
        expect(await s.items.countDocuments({ code: 'race' })).toBe(1);
      });
    });

    describe('findOneAndUpdate', () => {
      const s = useStore(engine);
      beforeEach(async () => {
        await s.items.insertMany(population());
      });

      it('returns the document after the update by default, and the change is stored', async () => {
        const after = await s.items.findOneAndUpdate({ code: 'c1' }, { $inc: { score: 5 }, $push: { tags: 'z' } });
        expect(after).toMatchObject({ name: 'ada', score: 15, tags: ['a', 'b', 'z'] });
        expect(await s.items.findOne({ code: 'c1' })).toEqual(after);
      });

      it('with returnDocument "before" returns the document as it was, and the change is stored', async () => {
        const before = await s.items.findOneAndUpdate({ code: 'c1' }, { $set: { score: 99 } }, { returnDocument: 'before' });
        expect(before).toMatchObject({ name: 'ada', score: 10 });
        expect((await s.items.findOne({ code: 'c1' }))?.score).toBe(99);
      });

      it('returns null and changes nothing when nothing matches and there is no upsert', async () => {
        expect(await s.items.findOneAndUpdate({ code: 'nope' }, { $set: { score: 1 } })).toBeNull();
        expect(await s.items.countDocuments()).toBe(5);
        expect(await s.items.countDocuments({ score: 1 })).toBe(0);
      });

      it('with a sort updates the first match in that order only', async () => {
        const top = await s.items.findOneAndUpdate(
          { school: { $in: ['s1', 's2'] } },
          { $set: { day: 'claimed' } },
          { sort: { score: -1 } },
        );
        expect(top?.name).toBe('dan');
        const low = await s.items.findOneAndUpdate(
          { day: { $ne: 'claimed' } },
          { $set: { day: 'claimed' } },
          { sort: { score: 1 }, returnDocument: 'before' },
        );
        expect(low?.name).toBe('eve');
        expect(names(await s.items.find({ day: 'claimed' }))).toEqual(['dan', 'eve']);
      });

      it('claims each job once when claims run at once: every caller gets a different document', async () => {
        await s.items.updateMany({}, { $set: { day: 'open' } });
        const claims = await Promise.all(
          Array.from({ length: 7 }, () => s.items.findOneAndUpdate({ day: 'open' }, { $set: { day: 'taken' } }, { sort: { score: 1 } })),
        );
        const claimed = claims.filter((c) => c !== null).map((c) => c!.name);
        expect(claimed.sort()).toEqual(['ada', 'bob', 'cat', 'dan', 'eve']);
        expect(claims.filter((c) => c === null)).toHaveLength(2);
      });

      it('with upsert and no match inserts from the filter equalities, $setOnInsert and the update, and returns it', async () => {
        const created = await s.items.findOneAndUpdate(
          { code: 'u1' },
          { $inc: { score: 1 }, $setOnInsert: { name: 'counter' } },
          { upsert: true },
        );
        expect(created).toMatchObject({ code: 'u1', name: 'counter', score: 1 });
        expect(typeof created?._id).toBe('string');
        const again = await s.items.findOneAndUpdate(
          { code: 'u1' },
          { $inc: { score: 1 }, $setOnInsert: { name: 'counter' } },
          { upsert: true },
        );
        expect(again).toMatchObject({ _id: created!._id, score: 2 });
        expect(await s.items.countDocuments({ code: 'u1' })).toBe(1);
      });

      it('with upsert and returnDocument "before" returns null when it inserted', async () => {
        expect(
          await s.items.findOneAndUpdate({ code: 'u2' }, { $setOnInsert: { name: 'n' } }, { upsert: true, returnDocument: 'before' }),
        ).toBeNull();
        expect(await s.items.findOne({ code: 'u2' })).toMatchObject({ name: 'n' });
      });

      it('an update the schema refuses throws InvalidDocumentError and changes nothing', async () => {
        await expect(s.items.findOneAndUpdate({ code: 'c1' }, { $set: { score: -1 } })).rejects.toBeInstanceOf(InvalidDocumentError);
        expect((await s.items.findOne({ code: 'c1' }))?.score).toBe(10);
      });

      it('an update that would duplicate a unique code throws DuplicateKeyError and changes nothing', async () => {
        await expect(s.items.findOneAndUpdate({ code: 'c2' }, { $set: { code: 'c1' } })).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await s.items.countDocuments({ code: 'c1' })).toBe(1);
        expect(await s.items.countDocuments({ code: 'c2' })).toBe(1);
      });
    });

    describe('bulkUpdate', () => {
      const s = useStore(engine);

      it('applies $inc rollup counters with upsert in order: new counters start from zero, existing ones add up', async () => {
        await s.items.insertOne({ name: 'counter', code: 'r1', score: 10 });
        const result = await s.items.bulkUpdate([
          { filter: { code: 'r1' }, update: { $inc: { score: 1 } }, upsert: true },
          { filter: { code: 'r2' }, update: { $inc: { score: 2 }, $setOnInsert: { name: 'counter' } }, upsert: true },
          { filter: { code: 'r2' }, update: { $inc: { score: 3 }, $setOnInsert: { name: 'counter' } }, upsert: true },
          { filter: { code: 'r1' }, update: { $inc: { score: 4 } } },
        ]);
        expect(result).toEqual({ matched: 3, modified: 3, upserted: 1 });
        expect((await s.items.findOne({ code: 'r1' }))?.score).toBe(15);
        expect((await s.items.findOne({ code: 'r2' }))?.score).toBe(5);
        expect(await s.items.countDocuments()).toBe(2);
      });

      it('an operation matching nothing without upsert counts nothing and inserts nothing', async () => {
        expect(await s.items.bulkUpdate([{ filter: { code: 'none' }, update: { $inc: { score: 1 } } }])).toEqual({
          matched: 0,
          modified: 0,
          upserted: 0,
        });
        expect(await s.items.countDocuments()).toBe(0);
      });

      it('each operation updates only the first match, as updateOne does', async () => {
        await s.items.insertMany([
          { name: 'a', code: 'k1', school: 's1', score: 1 },
          { name: 'b', code: 'k2', school: 's1', score: 1 },
        ]);
        expect(await s.items.bulkUpdate([{ filter: { school: 's1' }, update: { $inc: { score: 1 } } }])).toEqual({
          matched: 1,
          modified: 1,
          upserted: 0,
        });
        expect((await s.items.find({ school: 's1' })).map((d) => d.score).sort()).toEqual([1, 2]);
      });

      it('an empty list changes nothing and reports zeros', async () => {
        expect(await s.items.bulkUpdate([])).toEqual({ matched: 0, modified: 0, upserted: 0 });
      });

      it('an operation that would duplicate a unique code throws DuplicateKeyError; the ones before it stay applied, the ones after are not', async () => {
        await s.items.insertMany([
          { name: 'a', code: 'k1', score: 0 },
          { name: 'b', code: 'k2', score: 0 },
        ]);
        const err = await s.items
          .bulkUpdate([
            { filter: { code: 'k1' }, update: { $inc: { score: 1 } } },
            { filter: { code: 'k2' }, update: { $set: { code: 'k1' } } },
            { filter: { code: 'k2' }, update: { $inc: { score: 1 } } },
          ])
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(DuplicateKeyError);
        expect(await s.items.findOne({ name: 'a' })).toMatchObject({ code: 'k1', score: 1 });
        expect(await s.items.findOne({ name: 'b' })).toMatchObject({ code: 'k2', score: 0 });
      });

      it('an operation the schema refuses throws InvalidDocumentError and the operations after it are not applied', async () => {
        await s.items.insertOne({ name: 'a', code: 'k1', score: 0 });
        const err = await s.items
          .bulkUpdate([
            { filter: { code: 'k1' }, update: { $set: { userAgent: 'x' } } },
            { filter: { code: 'k1' }, update: { $inc: { score: 1 } } },
          ])
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(InvalidDocumentError);
        expect(await s.items.findOne({ code: 'k1' })).toMatchObject({ score: 0 });
        expect(await s.items.findOne({ code: 'k1' })).not.toHaveProperty('userAgent');
      });
    });

    describe('stream', () => {
      const s = useStore(engine);
      const collect = async <D>(iterable: AsyncIterable<D>) => {
        const out: D[] = [];
        for await (const doc of iterable) out.push(doc);
        return out;
      };

      it('yields every matching document once, across many batches, equal to what find returns', async () => {
        await s.items.insertMany(
          Array.from({ length: 1234 }, (_, i) => ({ name: `n${i}`, code: `c${i}`, score: i % 7, school: i % 2 ? 's1' : 's2' })),
        );
        const streamed = await collect(s.items.stream({ school: 's1' }, { batchSize: 100 }));
        expect(streamed).toHaveLength(617);
        expect(new Set(streamed.map((d) => d._id)).size).toBe(617);
        expect(byName(streamed)).toEqual(byName(await s.items.find({ school: 's1' })));
      });

      it('keeps the sort, skip, limit and projection asked for', async () => {
        await s.items.insertMany(population());
        const streamed = await collect(
          s.items.stream({}, { sort: { score: -1 }, skip: 1, limit: 3, projection: { _id: 0, name: 1 }, batchSize: 2 }),
        );
        expect(streamed).toEqual([{ name: 'cat' }, { name: 'bob' }, { name: 'ada' }]);
      });

      it('yields copies: changing a streamed document changes nothing stored', async () => {
        await s.items.insertMany(population());
        for await (const doc of s.items.stream({}, { batchSize: 2 })) {
          (doc as { name: string }).name = 'changed';
          (doc as { score: number }).score = -1;
        }
        expect(byName(await s.items.find({}))).toEqual(byName(population()).map((p) => expect.objectContaining(p)));
      });

      it('yields nothing when nothing matches', async () => {
        expect(await collect(s.items.stream({ school: 's9' }))).toEqual([]);
      });

      it('can be left early with break', async () => {
        await s.items.insertMany(population());
        const seen: string[] = [];
        for await (const doc of s.items.stream({}, { sort: { name: 1 }, batchSize: 1 })) {
          seen.push(doc.name);
          if (seen.length === 2) break;
        }
        expect(seen).toEqual(['ada', 'bob']);
        expect(await s.items.countDocuments()).toBe(5);
      });

      it('leaves out expired documents', async () => {
        await s.passes.insertMany([
          { key: 'old', expiresAt: new Date(Date.now() - 1000) },
          { key: 'new', expiresAt: new Date(Date.now() + 3_600_000) },
        ]);
        expect((await collect(s.passes.stream({}))).map((p) => p.key)).toEqual(['new']);
      });
    });

    describe('expiry (expireAfterSeconds)', () => {
      const s = useStore(engine);
      const past = () => new Date(Date.now() - 60_000);
      const future = () => new Date(Date.now() + 3_600_000);

      it('an expired document is never returned, counted or aggregated, even before it is removed', async () => {
        await s.passes.insertMany([
          { key: 'old', expiresAt: past() },
          { key: 'new', expiresAt: future() },
          { key: 'stale', touchedAt: new Date(Date.now() - 2 * 3_600_000) },
          { key: 'fresh', touchedAt: new Date(Date.now() - 60_000) },
          { key: 'forever' },
        ]);
        const keys = (docs: { key: string }[]) => docs.map((d) => d.key).sort();
        expect(keys(await s.passes.find({}))).toEqual(['forever', 'fresh', 'new']);
        expect(await s.passes.findOne({ key: 'old' })).toBeNull();
        expect(await s.passes.findOne({ key: 'stale' })).toBeNull();
        expect(await s.passes.countDocuments()).toBe(3);
        expect(await s.passes.countDocuments({ key: { $in: ['old', 'new'] } })).toBe(1);
        expect(await s.passes.aggregate([{ $group: { _id: null, n: { $sum: 1 } } }])).toEqual([{ _id: null, n: 3 }]);
        expect(await s.passes.aggregate([{ $match: { key: 'old' } }])).toEqual([]);
      });

      it('findOneAndUpdate and updateOne do not match an expired document', async () => {
        await s.passes.insertOne({ key: 'old', expiresAt: past(), uses: 0 });
        expect(await s.passes.findOneAndUpdate({ key: 'old' }, { $inc: { uses: 1 } })).toBeNull();
        expect(await s.passes.updateOne({ key: 'old' }, { $inc: { uses: 1 } })).toEqual({ matched: 0, modified: 0 });
        expect(await s.passes.countDocuments()).toBe(0);
      });

      it('an upsert on the unique key of an expired document inserts a fresh one instead of failing', async () => {
        await s.passes.insertOne({ key: 'k', expiresAt: past(), uses: 7 });
        const fresh = await s.passes.findOneAndUpdate(
          { key: 'k' },
          { $inc: { uses: 1 }, $setOnInsert: { expiresAt: future() } },
          { upsert: true },
        );
        expect(fresh).toMatchObject({ key: 'k', uses: 1 });
        await expect(s.passes.insertOne({ key: 'k2', expiresAt: past() })).resolves.toMatchObject({ key: 'k2' });
        await expect(s.passes.insertOne({ key: 'k2', expiresAt: future() })).resolves.toMatchObject({ key: 'k2' });
        expect(await s.passes.countDocuments()).toBe(2);
      });

      it("moving a document's date into the future keeps it; into the past expires it", async () => {
        await s.passes.insertOne({ key: 'k', expiresAt: future() });
        expect(await s.passes.findOne({ key: 'k' })).not.toBeNull();
        await s.passes.updateOne({ key: 'k' }, { $set: { expiresAt: past() } });
        expect(await s.passes.findOne({ key: 'k' })).toBeNull();
      });
    });

    describe('unique indexes', () => {
      const s = useStore(engine);

      it('inserting a duplicate code throws DuplicateKeyError and the store keeps exactly one', async () => {
        await s.items.insertOne({ name: 'first', code: 'dup' });
        await expect(s.items.insertOne({ name: 'second', code: 'dup' })).rejects.toBeInstanceOf(DuplicateKeyError);
        const left = await s.items.find({ code: 'dup' });
        expect(left.map((d) => d.name)).toEqual(['first']);
      });

      it('among inserts made at once, only one of two with the same code fails; all the others are stored', async () => {
        const docs = Array.from({ length: 12 }, (_, i) => ({ name: `n${i}`, code: i === 7 ? 'c3' : `c${i}` }));
        const settled = await Promise.allSettled(docs.map((doc) => s.items.insertOne(doc)));
        const failed = settled.flatMap((r, i) => (r.status === 'rejected' ? [{ i, reason: r.reason as unknown }] : []));
        expect(failed).toHaveLength(1);
        expect([3, 7]).toContain(failed[0].i);
        expect(failed[0].reason).toBeInstanceOf(DuplicateKeyError);
        expect(await s.items.countDocuments()).toBe(11);
        expect(await s.items.countDocuments({ code: 'c3' })).toBe(1);
      });

      it('among inserts made at once, one reusing a stored _id fails alone; the others are stored', async () => {
        const existing = await s.items.insertOne({ name: 'first', code: 'e1' });
        const docs = [
          { name: 'a', code: 'a1' },
          { _id: existing._id, name: 'again', code: 'a2' },
          { name: 'b', code: 'b1' },
        ];
        const settled = await Promise.allSettled(docs.map((doc) => s.items.insertOne(doc)));
        expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
        expect((settled[1] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateKeyError);
        expect(names(await s.items.find({}))).toEqual(['a', 'b', 'first']);
      });

      it('the DuplicateKeyError names the collection and the fields of the violated index', async () => {
        await s.items.insertOne({ name: 'first', code: 'dup' });
        const err = await s.items.insertOne({ name: 'second', code: 'dup' }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(DuplicateKeyError);
        expect((err as DuplicateKeyError).collection).toBe('items');
        expect((err as DuplicateKeyError).fields).toEqual(['code']);
        expect((err as DuplicateKeyError).storedBefore).toBeUndefined();
      });

      it('the DuplicateKeyError names both fields of a compound index, and _id for a reused _id', async () => {
        await s.enrolments.insertOne({ _id: 'e1', school: 's1', person: 'p1' });
        const pair = await s.enrolments.insertOne({ school: 's1', person: 'p1' }).catch((e: unknown) => e);
        expect((pair as DuplicateKeyError).fields).toEqual(['school', 'person']);
        const id = await s.enrolments.insertOne({ _id: 'e1', school: 's2', person: 'p2' }).catch((e: unknown) => e);
        expect((id as DuplicateKeyError).fields).toEqual(['_id']);
      });

      it('the DuplicateKeyError of an update, an upsert, findOneAndUpdate and bulkUpdate names the fields too', async () => {
        await s.items.insertMany([
          { name: 'a', code: 'k1' },
          { name: 'b', code: 'k2' },
        ]);
        const errors = await Promise.all([
          s.items.updateOne({ code: 'k2' }, { $set: { code: 'k1' } }).catch((e: unknown) => e),
          s.items.updateOne({ name: 'c' }, { $set: { code: 'k1' } }, { upsert: true }).catch((e: unknown) => e),
          s.items.findOneAndUpdate({ code: 'k2' }, { $set: { code: 'k1' } }).catch((e: unknown) => e),
          s.items.bulkUpdate([{ filter: { code: 'k2' }, update: { $set: { code: 'k1' } } }]).catch((e: unknown) => e),
        ]);
        for (const err of errors) {
          expect(err).toBeInstanceOf(DuplicateKeyError);
          expect((err as DuplicateKeyError).fields).toEqual(['code']);
        }
      });

      it('insertMany with a duplicate stores the documents before it, not it nor the ones after, and says how many it stored', async () => {
        await s.items.insertOne({ name: 'old', code: 'k3' });
        const err = await s.items
          .insertMany([
            { name: 'a', code: 'k1' },
            { name: 'b', code: 'k2' },
            { name: 'c', code: 'k3' },
            { name: 'd', code: 'k4' },
          ])
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(DuplicateKeyError);
        expect((err as DuplicateKeyError).fields).toEqual(['code']);
        expect((err as DuplicateKeyError).storedBefore).toBe(2);
        expect(names(await s.items.find({}))).toEqual(['a', 'b', 'old']);
      });

      it('insertMany with two documents duplicating each other stores the first and stops at the second', async () => {
        const err = await s.items
          .insertMany([
            { name: 'a', code: 'k1' },
            { name: 'b', code: 'k1' },
            { name: 'c', code: 'k2' },
          ])
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(DuplicateKeyError);
        expect((err as DuplicateKeyError).storedBefore).toBe(1);
        expect(names(await s.items.find({}))).toEqual(['a']);
      });

      it('an update that would duplicate a unique code throws DuplicateKeyError and changes nothing', async () => {
        await s.items.insertMany([
          { name: 'a', code: 'k1' },
          { name: 'b', code: 'k2' },
        ]);
        await expect(s.items.updateOne({ code: 'k2' }, { $set: { code: 'k1', score: 9 } })).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(names(await s.items.find({ code: 'k1' }))).toEqual(['a']);
        expect(await s.items.findOne({ name: 'b' })).toMatchObject({ code: 'k2' });
        expect(await s.items.findOne({ name: 'b' })).not.toHaveProperty('score');
      });

      it('an upsert that would insert a duplicate code throws DuplicateKeyError', async () => {
        await s.items.insertOne({ name: 'a', code: 'k1' });
        await expect(s.items.updateOne({ name: 'b' }, { $set: { code: 'k1' } }, { upsert: true })).rejects.toBeInstanceOf(
          DuplicateKeyError,
        );
        expect(await s.items.countDocuments()).toBe(1);
      });

      it('a unique index treats a missing field as one value: a second document without code is a duplicate', async () => {
        await s.items.insertOne({ name: 'no-code-1' });
        await expect(s.items.insertOne({ name: 'no-code-2' })).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await s.items.countDocuments()).toBe(1);
      });

      it('a code freed by a delete can be used again', async () => {
        await s.items.insertOne({ name: 'a', code: 'k1' });
        await s.items.deleteOne({ code: 'k1' });
        await expect(s.items.insertOne({ name: 'b', code: 'k1' })).resolves.toMatchObject({ code: 'k1' });
      });

      it('the compound unique index allows the same first field with a different second', async () => {
        await s.enrolments.insertOne({ school: 's1', person: 'p1' });
        await s.enrolments.insertOne({ school: 's1', person: 'p2' });
        await s.enrolments.insertOne({ school: 's2', person: 'p1' });
        expect(await s.enrolments.countDocuments()).toBe(3);
      });

      it('the compound unique index rejects the same pair with DuplicateKeyError', async () => {
        await s.enrolments.insertOne({ school: 's1', person: 'p1', role: 'teacher' });
        await expect(s.enrolments.insertOne({ school: 's1', person: 'p1', role: 'head' })).rejects.toBeInstanceOf(DuplicateKeyError);
        expect(await s.enrolments.find({})).toEqual([expect.objectContaining({ school: 's1', person: 'p1', role: 'teacher' })]);
      });
    });

    describe('validation', () => {
      const s = useStore(engine);

      it('inserting a document missing a required field throws InvalidDocumentError naming the path, and stores nothing', async () => {
        const err = await s.items.insertOne({ code: 'c1', score: 1 } as Omit<Item, '_id'>).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(InvalidDocumentError);
        expect((err as InvalidDocumentError).path).toBe('name');
        expect((err as InvalidDocumentError).collection).toBe('items');
        expect(await s.items.countDocuments()).toBe(0);
      });

      it('inserting a document with a field the schema does not know throws InvalidDocumentError and stores nothing', async () => {
        const doc = { name: 'ada', code: 'c1', ipAddress: '10.0.0.1' } as Omit<Item, '_id'>;
        await expect(s.items.insertOne(doc)).rejects.toBeInstanceOf(InvalidDocumentError);
        expect(await s.items.countDocuments()).toBe(0);
      });

      it('inserting a negative score (min 0) throws InvalidDocumentError and stores nothing', async () => {
        await expect(s.items.insertOne({ name: 'ada', code: 'c1', score: -1 })).rejects.toBeInstanceOf(InvalidDocumentError);
        expect(await s.items.countDocuments()).toBe(0);
      });

      it('inserting a value that cannot be cast to the field type throws InvalidDocumentError', async () => {
        const doc = { name: 'ada', code: 'c1', score: 'many' } as unknown as Omit<Item, '_id'>;
        await expect(s.items.insertOne(doc)).rejects.toBeInstanceOf(InvalidDocumentError);
        expect(await s.items.countDocuments()).toBe(0);
      });

      it('insertMany with one invalid document throws InvalidDocumentError and stores none of them', async () => {
        const docs = [{ name: 'ok', code: 'c1' }, { code: 'c2' }] as Omit<Item, '_id'>[];
        await expect(s.items.insertMany(docs)).rejects.toBeInstanceOf(InvalidDocumentError);
        expect(await s.items.countDocuments()).toBe(0);
      });

      it('an update that $sets score negative (min 0) throws InvalidDocumentError and changes nothing', async () => {
        await s.items.insertOne({ name: 'ada', code: 'c1', score: 3 });
        await expect(s.items.updateOne({ code: 'c1' }, { $set: { score: -5 } })).rejects.toBeInstanceOf(InvalidDocumentError);
        expect((await s.items.findOne({ code: 'c1' }))?.score).toBe(3);
      });

      it('a collection of plain fields (enrolments) refuses a missing required field and an unknown one, naming them', async () => {
        const missing = await s.enrolments.insertOne({ school: 's1' } as Omit<Enrolment, '_id'>).catch((e: unknown) => e);
        expect(missing).toBeInstanceOf(InvalidDocumentError);
        expect((missing as InvalidDocumentError).path).toBe('person');
        const unknown = await s.enrolments
          .insertOne({ school: 's1', person: 'p1', ipAddress: '10.0.0.1' } as Omit<Enrolment, '_id'>)
          .catch((e: unknown) => e);
        expect(unknown).toBeInstanceOf(InvalidDocumentError);
        expect((unknown as InvalidDocumentError).path).toBe('ipAddress');
        expect(await s.enrolments.insertOne({ school: 7, person: 'p1' } as unknown as Omit<Enrolment, '_id'>)).toMatchObject({
          school: '7',
        });
        expect(await s.enrolments.countDocuments()).toBe(1);
      });

      embeddedOnly('an update that $incs score below zero (min 0) throws InvalidDocumentError and changes nothing', async () => {
        await s.items.insertOne({ name: 'ada', code: 'c1', score: 3 });
        await expect(s.items.updateOne({ code: 'c1' }, { $inc: { score: -5 } })).rejects.toBeInstanceOf(InvalidDocumentError);
        expect((await s.items.findOne({ code: 'c1' }))?.score).toBe(3);
      });

      it('$inc counters inside a Mixed field, numeric names included, add up as a rollup keeps them', async () => {
        const before = await s.items.insertOne({ name: 'ada', nested: { sat: { byAnswer: { '4': 2 } } } });
        await s.items.bulkUpdate([
          {
            filter: { _id: before._id },
            update: { $inc: { 'nested.sat.byAnswer.4': 1, 'nested.sat.byAnswer.5': 1, 'nested.other.answered': 2 } },
          },
          { filter: { _id: before._id }, update: { $inc: { 'nested.sat.byAnswer.5': 1 } } },
        ]);
        expect((await s.items.findOne({ _id: before._id }))?.nested).toEqual({
          sat: { byAnswer: { '4': 3, '5': 2 } },
          other: { answered: 2 },
        });
      });

      it('an update that $sets a field the schema does not know throws InvalidDocumentError and changes nothing', async () => {
        const before = await s.items.insertOne({ name: 'ada', code: 'c1' });
        await expect(s.items.updateOne({ code: 'c1' }, { $set: { userAgent: 'x' } })).rejects.toBeInstanceOf(InvalidDocumentError);
        expect(await s.items.findOne({ code: 'c1' })).toEqual(before);
      });

      it('an update that $unsets a required field throws InvalidDocumentError and changes nothing', async () => {
        await s.items.insertOne({ name: 'ada', code: 'c1' });
        await expect(s.items.updateOne({ code: 'c1' }, { $unset: { name: '' } })).rejects.toBeInstanceOf(InvalidDocumentError);
        expect((await s.items.findOne({ code: 'c1' }))?.name).toBe('ada');
      });

      embeddedOnly(
        'an upsert that would insert a document missing a required field throws InvalidDocumentError and inserts nothing',
        async () => {
          await expect(s.items.updateOne({ code: 'u1' }, { $set: { score: 1 } }, { upsert: true })).rejects.toBeInstanceOf(
            InvalidDocumentError,
          );
          expect(await s.items.countDocuments()).toBe(0);
        },
      );

      it('updateMany that would make one of the documents invalid throws and changes none of them', async () => {
        await s.items.insertMany([
          { name: 'a', code: 'c1', score: 10 },
          { name: 'b', code: 'c2', score: 2 },
        ]);
        await expect(s.items.updateMany({}, { $set: { score: -1 } })).rejects.toBeInstanceOf(InvalidDocumentError);
        expect((await s.items.find({}, { sort: { name: 1 } })).map((d) => d.score)).toEqual([10, 2]);
      });
    });

    describe('field names and deep nesting inside Mixed values', () => {
      const s = useStore(engine);

      it.each([
        ['a dotted key', { 'a.b': 1 }, 'nested.a.b'],
        ['a key starting with $', { $where: 'x' }, 'nested.$where'],
        ['a dotted key deep inside arrays (a matrix row)', { rows: [{ cells: { 'row.1': 'x' } }] }, 'nested.rows.0.cells.row.1'],
      ])(
        'inserting a document with %s in a Mixed value throws InvalidDocumentError naming its path and stores nothing',
        async (_what, nested, path) => {
          const err = await s.items.insertOne({ name: 'ada', code: 'c1', nested }).catch((e: unknown) => e);
          expect(err).toBeInstanceOf(InvalidDocumentError);
          expect((err as InvalidDocumentError).path).toBe(path);
          expect(await s.items.countDocuments()).toBe(0);
        },
      );

      it('insertMany with one such document throws InvalidDocumentError and stores none', async () => {
        const docs = [
          { name: 'a', code: 'c1' },
          { name: 'b', code: 'c2', nested: { 'x.y': 1 } },
        ];
        await expect(s.items.insertMany(docs)).rejects.toBeInstanceOf(InvalidDocumentError);
        expect(await s.items.countDocuments()).toBe(0);
      });

      it('an update writing such a key inside a value throws InvalidDocumentError and changes nothing; a dotted path as the $set key is fine', async () => {
        const before = await s.items.insertOne({ name: 'a', code: 'c1', nested: { city: 'Kazan' } });
        const err = await s.items.updateOne({ code: 'c1' }, { $set: { nested: { 'x.y': 1 } } }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(InvalidDocumentError);
        expect((err as InvalidDocumentError).path).toBe('nested.x.y');
        await expect(s.items.findOneAndUpdate({ code: 'c1' }, { $set: { 'nested.deep': { $bad: 1 } } })).rejects.toBeInstanceOf(
          InvalidDocumentError,
        );
        expect(await s.items.findOne({ code: 'c1' })).toEqual(before);
        await s.items.updateOne({ code: 'c1' }, { $set: { 'nested.level.n': 2 } });
        expect((await s.items.findOne({ code: 'c1' }))?.nested).toEqual({ city: 'Kazan', level: { n: 2 } });
      });

      it('a Mixed value of panels nested 200 deep (arrays in objects in arrays) is inserted, read back and updated whole', async () => {
        // NeDB's own field-name check walks each array twice: 2^200 steps. This completes only if the engine avoids it.
        let panel: Record<string, unknown> = { type: 'text', name: 'q' };
        for (let depth = 0; depth < 200; depth++) panel = { type: 'panel', name: `p${depth}`, elements: [panel] };
        const doc = await s.items.insertOne({ name: 'deep', code: 'd1', nested: panel });
        expect(await s.items.findOne({ _id: doc._id })).toEqual(doc);
        expect(await s.items.updateOne({ code: 'd1' }, { $set: { score: 1 } })).toEqual({ matched: 1, modified: 1 });
        expect((await s.items.findOne({ code: 'd1' }))?.nested).toEqual(panel);
      });
    });

    describe('deletes', () => {
      const s = useStore(engine);
      beforeEach(async () => {
        await s.items.insertMany(population());
      });

      it('deleteOne removes one matching document and returns 1', async () => {
        expect(await s.items.deleteOne({ school: 's1' })).toBe(1);
        expect(await s.items.countDocuments({ school: 's1' })).toBe(1);
        expect(await s.items.countDocuments()).toBe(4);
      });

      it('deleteOne with no match returns 0 and removes nothing', async () => {
        expect(await s.items.deleteOne({ school: 's9' })).toBe(0);
        expect(await s.items.countDocuments()).toBe(5);
      });

      it('deleteMany removes every matching document and returns their count', async () => {
        expect(await s.items.deleteMany({ score: { $gte: 20 } })).toBe(3);
        expect(names(await s.items.find({}))).toEqual(['ada', 'eve']);
        expect(await s.items.deleteMany({ score: { $gte: 20 } })).toBe(0);
      });

      it('deleteMany with an empty filter empties the collection', async () => {
        expect(await s.items.deleteMany({})).toBe(5);
        expect(await s.items.countDocuments()).toBe(0);
      });
    });

    describe('aggregate', () => {
      const s = useStore(engine);
      beforeEach(async () => {
        await s.items.insertMany([
          { name: 'a', code: 'g1', school: 's1', score: 10, tags: ['x', 'y'], day: '2024-01-01' },
          { name: 'b', code: 'g2', school: 's1', score: 20, tags: ['x'], day: '2024-01-01' },
          { name: 'c', code: 'g3', school: 's2', score: 30, tags: ['y', 'z'], day: '2024-01-02' },
          { name: 'd', code: 'g4', school: 's2', score: 50, tags: [], day: '2024-01-02' },
          { name: 'e', code: 'g5', school: 's3', score: 5, tags: ['x'], day: '2024-01-03' },
        ]);
      });

      it('[$match, $group with $sum/$avg by school, $sort] gives the per-school totals and means', async () => {
        const out = await s.items.aggregate([
          { $match: { score: { $gte: 10 } } },
          { $group: { _id: '$school', total: { $sum: '$score' }, mean: { $avg: '$score' }, n: { $sum: 1 } } },
          { $sort: { _id: 1 } },
        ]);
        expect(out).toEqual([
          { _id: 's1', total: 30, mean: 15, n: 2 },
          { _id: 's2', total: 80, mean: 40, n: 2 },
        ]);
      });

      it('[$match, $unwind tags, $group count, $sort] counts each tag once per document carrying it', async () => {
        const out = await s.items.aggregate([
          { $match: { school: { $in: ['s1', 's2'] } } },
          { $unwind: '$tags' },
          { $group: { _id: '$tags', count: { $sum: 1 } } },
          { $sort: { count: -1, _id: 1 } },
        ]);
        expect(out).toEqual([
          { _id: 'x', count: 2 },
          { _id: 'y', count: 2 },
          { _id: 'z', count: 1 },
        ]);
      });

      it('[$match, $project, $limit] returns the projected shape, at most limit of them', async () => {
        const out = await s.items.aggregate<{ name: string; score: number }>([
          { $match: { school: 's1' } },
          { $project: { _id: 0, name: 1, score: 1 } },
          { $limit: 5 },
        ]);
        expect([...out].sort((p, q) => p.name.localeCompare(q.name))).toEqual([
          { name: 'a', score: 10 },
          { name: 'b', score: 20 },
        ]);
        const one = await s.items.aggregate([{ $match: { school: 's1' } }, { $project: { _id: 0, name: 1 } }, { $limit: 1 }]);
        expect(one).toHaveLength(1);
        expect(['a', 'b']).toContain(one[0].name);
      });

      it('[$match, $sort, $project, $limit] returns the top documents in order', async () => {
        const out = await s.items.aggregate([
          { $match: { score: { $gt: 0 } } },
          { $sort: { score: -1 } },
          { $project: { _id: 0, name: 1 } },
          { $limit: 2 },
        ]);
        expect(out).toEqual([{ name: 'd' }, { name: 'c' }]);
      });

      it('a pipeline not starting with $match runs over the whole collection', async () => {
        const out = await s.items.aggregate([{ $group: { _id: null, total: { $sum: '$score' }, n: { $sum: 1 } } }]);
        expect(out).toEqual([{ _id: null, total: 115, n: 5 }]);
      });

      it('a $match after the first stage filters the intermediate results', async () => {
        const out = await s.items.aggregate([
          { $group: { _id: '$day', n: { $sum: 1 } } },
          { $match: { n: { $gte: 2 } } },
          { $sort: { _id: 1 } },
        ]);
        expect(out).toEqual([
          { _id: '2024-01-01', n: 2 },
          { _id: '2024-01-02', n: 2 },
        ]);
      });

      it('$group by two keys with $min/$max and $sort on the compound _id', async () => {
        const out = await s.items.aggregate([
          { $match: {} },
          { $group: { _id: { school: '$school', day: '$day' }, low: { $min: '$score' }, high: { $max: '$score' } } },
          { $sort: { '_id.school': 1, '_id.day': 1 } },
        ]);
        expect(out).toEqual([
          { _id: { school: 's1', day: '2024-01-01' }, low: 10, high: 20 },
          { _id: { school: 's2', day: '2024-01-02' }, low: 30, high: 50 },
          { _id: { school: 's3', day: '2024-01-03' }, low: 5, high: 5 },
        ]);
      });

      it('[$match, $count] counts the matching documents under the given name', async () => {
        expect(await s.items.aggregate([{ $match: { score: { $gte: 20 } } }, { $count: 'n' }])).toEqual([{ n: 3 }]);
      });

      it('[$sort, $skip, $limit, $project] pages through the sorted documents', async () => {
        const out = await s.items.aggregate([
          { $sort: { score: 1 } },
          { $skip: 1 },
          { $limit: 2 },
          { $project: { _id: 0, name: 1, score: 1 } },
        ]);
        expect(out).toEqual([
          { name: 'a', score: 10 },
          { name: 'b', score: 20 },
        ]);
      });

      it('$project computes fields with expressions', async () => {
        const out = await s.items.aggregate([
          { $match: { code: 'g3' } },
          { $project: { _id: 0, name: 1, double: { $multiply: ['$score', 2] }, tagCount: { $size: '$tags' } } },
        ]);
        expect(out).toEqual([{ name: 'c', double: 60, tagCount: 2 }]);
      });

      it('$unwind with preserveNullAndEmptyArrays keeps a document whose array is empty', async () => {
        const out = await s.items.aggregate([
          { $match: { school: 's2' } },
          { $unwind: { path: '$tags', preserveNullAndEmptyArrays: true } },
          { $project: { _id: 0, name: 1, tags: 1 } },
          { $sort: { name: 1, tags: 1 } },
        ]);
        expect(out).toEqual([{ name: 'c', tags: 'y' }, { name: 'c', tags: 'z' }, { name: 'd' }]);
      });

      it('$facet runs several pipelines over the same input in one call', async () => {
        const [out] = await s.items.aggregate<{ total: { n: number }[]; bySchool: { _id: string; mean: number }[] }>([
          { $match: { score: { $gte: 10 } } },
          {
            $facet: {
              total: [{ $count: 'n' }],
              bySchool: [{ $group: { _id: '$school', mean: { $avg: '$score' } } }, { $sort: { _id: 1 } }],
            },
          },
        ]);
        expect(out).toEqual({
          total: [{ n: 4 }],
          bySchool: [
            { _id: 's1', mean: 15 },
            { _id: 's2', mean: 40 },
          ],
        });
      });

      it('a stage the port does not support ($lookup, $out, $merge, also inside $facet) is refused on every engine', async () => {
        for (const stage of [
          { $lookup: { from: 'enrolments', localField: 'school', foreignField: 'school', as: 'people' } },
          { $out: 'copy' },
          { $merge: { into: 'copy' } },
          { $facet: { inner: [{ $lookup: { from: 'enrolments', localField: 'school', foreignField: 'school', as: 'people' } }] } },
        ]) {
          await expect(s.items.aggregate([{ $match: {} }, stage])).rejects.toThrow(/not supported by the storage port/);
        }
      });

      it('a $match matching nothing gives an empty result', async () => {
        expect(await s.items.aggregate([{ $match: { school: 's9' } }, { $group: { _id: '$school', n: { $sum: 1 } } }])).toEqual([]);
      });
    });

    describe('status', () => {
      const s = useStore(engine);

      it('reports the engine as reachable while open', async () => {
        expect(s.store.engine).toBe(engine.name);
        expect(await s.store.status()).toMatchObject({ engine: engine.name, reachable: true });
      });

      it('refuses a collection that was not declared when the store was opened', () => {
        const undeclared = defineCollection('undeclared', { x: String });
        expect(() => s.store.collection(undeclared)).toThrow(/not declared/);
      });
    });
  });

// ---------------------------------------------------------------------------------------------
// Embedded engine only: the files on disk.

describe('embedded engine persistence', () => {
  const dirs: string[] = [];
  const open: Store[] = [];
  const dir = () => {
    const d = tempDir('mera-store-persist-');
    dirs.push(d);
    return d;
  };
  const openAt = async (dataDir: string, log?: (m: string) => void) => {
    const store = await openEmbeddedStore({ dataDir, collections: allSpecs, log });
    open.push(store);
    return store;
  };
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('data written, store closed and reopened on the same dir: everything is there', async () => {
    const dataDir = dir();
    const first = await openAt(dataDir);
    const col = first.collection(items);
    const inserted = await col.insertMany(population());
    await col.updateOne({ code: 'c1' }, { $set: { score: 11 }, $push: { tags: 'z' } });
    await col.deleteOne({ code: 'c5' });
    await col.updateOne({ code: 'c9' }, { $setOnInsert: { name: 'up', at: new Date('2024-05-06T07:08:09Z') } }, { upsert: true });
    await first.collection(enrolments).insertOne({ school: 's1', person: 'p1' });
    const before = byName(await col.find({}));
    await first.close();
    expect(fs.existsSync(path.join(dataDir, 'mera.lock'))).toBe(false);

    const second = await openAt(dataDir);
    const after = byName(await second.collection(items).find({}));
    expect(after).toEqual(before);
    expect(after).toHaveLength(inserted.length - 1 + 1); // one deleted, one upserted
    expect(after.find((d) => d.code === 'c1')).toMatchObject({ score: 11, tags: ['a', 'b', 'z'] });
    expect(after.find((d) => d.code === 'c5')).toBeUndefined();
    expect(after.find((d) => d.code === 'c9')?.at).toEqual(new Date('2024-05-06T07:08:09Z'));
    expect(await second.collection(enrolments).countDocuments()).toBe(1);
  });

  it('unique indexes still hold after a reopen', async () => {
    const dataDir = dir();
    const first = await openAt(dataDir);
    await first.collection(items).insertOne({ name: 'a', code: 'k1' });
    await first.collection(enrolments).insertOne({ school: 's1', person: 'p1' });
    await first.close();

    const second = await openAt(dataDir);
    await expect(second.collection(items).insertOne({ name: 'b', code: 'k1' })).rejects.toBeInstanceOf(DuplicateKeyError);
    await expect(second.collection(enrolments).insertOne({ school: 's1', person: 'p1' })).rejects.toBeInstanceOf(DuplicateKeyError);
  });

  it('writes issued just before close are all on disk after the reopen', async () => {
    const dataDir = dir();
    const first = await openAt(dataDir);
    const col = first.collection(items);
    const pending = Array.from({ length: 50 }, (_, i) => col.insertOne({ name: `n${i}`, code: `k${i}` }));
    await Promise.all(pending);
    await first.close();
    const second = await openAt(dataDir);
    expect(await second.collection(items).countDocuments()).toBe(50);
  });

  it('writes asked for before close() but not yet done when it is called still finish, and are on disk', async () => {
    const dataDir = dir();
    const first = await openEmbeddedStore({ dataDir, collections: allSpecs });
    const col = first.collection(items);
    const pending = Array.from({ length: 20 }, (_, i) => col.insertOne({ name: `n${i}`, code: `k${i}` }));
    const update = col.updateMany({}, { $set: { score: 1 } });
    await first.close();
    expect(await Promise.all(pending)).toHaveLength(20);
    await expect(update).resolves.toMatchObject({ matched: 20 });
    await expect(col.insertOne({ name: 'late', code: 'late' })).rejects.toThrow(/closed/);
    const second = await openAt(dataDir);
    expect(await second.collection(items).countDocuments({ score: 1 })).toBe(20);
  });

  it('opening the same data dir twice while the first is open throws an error mentioning "in use"', async () => {
    const dataDir = dir();
    await openAt(dataDir);
    await expect(openEmbeddedStore({ dataDir, collections: allSpecs })).rejects.toThrow(/in use/);
  });

  it('the data dir can be opened again once the first store is closed', async () => {
    const dataDir = dir();
    const first = await openAt(dataDir);
    await first.close();
    const second = await openAt(dataDir);
    expect(await second.status()).toMatchObject({ reachable: true });
  });

  it('a stale lock file left by a process that no longer runs is taken over', async () => {
    const dataDir = dir();
    // A pid that cannot be running: above the kernel's pid_max (at most 2^22).
    fs.writeFileSync(path.join(dataDir, 'mera.lock'), String(2 ** 22 + 12345));
    const store = await openAt(dataDir);
    expect(fs.readFileSync(path.join(dataDir, 'mera.lock'), 'utf8')).toBe(String(process.pid));
    expect(await store.status()).toMatchObject({ reachable: true });
  });

  it('housekeeping removes expired documents from the database without any write asking for it', async () => {
    const dataDir = dir();
    const store = await openEmbeddedStore({ dataDir, collections: allSpecs, housekeepingIntervalMs: 20 });
    open.push(store);
    const gone = await store.collection(passes).insertOne({ key: 'old', expiresAt: new Date(Date.now() + 150) });
    await store.collection(passes).insertOne({ key: 'kept', expiresAt: new Date(Date.now() + 3_600_000) });
    // A second connection, read-only, sees what is in the file (WAL included).
    const reader = new Database(path.join(dataDir, databaseFileName), { readonly: true });
    try {
      const rowOf = reader.prepare('SELECT count(*) FROM passes WHERE _id = ?').pluck();
      expect(rowOf.get(gone._id)).toBe(1);
      // Eventually, not timed (bounded by jest's time-out).
      while (rowOf.get(gone._id) !== 0) await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      reader.close();
    }
    expect((await store.collection(passes).find({})).map((p) => p.key)).toEqual(['kept']);
  });

  it('housekeeping empties the WAL, and a deleted document is then in neither file', async () => {
    const dataDir = dir();
    const store = await openEmbeddedStore({ dataDir, collections: allSpecs, housekeepingIntervalMs: 20 });
    open.push(store);
    const wal = path.join(dataDir, `${databaseFileName}-wal`);
    const marker = 'draft-that-was-deleted-7f3a';
    const doc = await store.collection(items).insertOne({ name: marker, code: 'c1' });
    for (let i = 0; i < 20; i++) await store.collection(items).insertOne({ name: `n${i}`, code: `k${i}` });
    expect(fs.readFileSync(wal).includes(marker)).toBe(true);
    await store.collection(items).deleteOne({ _id: doc._id });
    // Eventually, not timed (bounded by jest's time-out).
    while (fs.existsSync(wal) && fs.statSync(wal).size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fs.readFileSync(path.join(dataDir, databaseFileName)).includes(marker)).toBe(false);
    expect(await store.collection(items).countDocuments()).toBe(20);
  });

  it('housekeeping waits for no reader of the WAL (a backup): requests go on, and the WAL is emptied once it leaves', async () => {
    const dataDir = dir();
    const store = await openEmbeddedStore({ dataDir, collections: allSpecs, housekeepingIntervalMs: 20 });
    open.push(store);
    const wal = path.join(dataDir, `${databaseFileName}-wal`);
    for (let i = 0; i < 20; i++) await store.collection(items).insertOne({ name: `n${i}`, code: `k${i}` });
    const reader = new Database(path.join(dataDir, databaseFileName), { readonly: true });
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM items').get();
    try {
      await store.collection(items).insertOne({ name: 'late', code: 'late' });
      // Housekeeping runs every 20 ms meanwhile. Waiting for the reader, it would hold the event
      // loop for SQLite's busy time-out (5 s) each time.
      let longestGapMs = 0;
      for (let i = 0; i < 15; i++) {
        const before = performance.now();
        await new Promise((resolve) => setTimeout(resolve, 20));
        longestGapMs = Math.max(longestGapMs, performance.now() - before);
      }
      expect(longestGapMs).toBeLessThan(2500);
      expect(fs.statSync(wal).size).toBeGreaterThan(0);
    } finally {
      reader.exec('COMMIT');
      reader.close();
    }
    while (fs.statSync(wal).size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await store.collection(items).countDocuments()).toBe(21);
  });

  it('rows lie in the order of their random ids, not in the order they were written', async () => {
    const dataDir = dir();
    const store = await openAt(dataDir);
    const written: string[] = [];
    for (let i = 0; i < 30; i++) written.push((await store.collection(items).insertOne({ name: `n${i}`, code: `k${i}` }))._id);
    const reader = new Database(path.join(dataDir, databaseFileName), { readonly: true });
    try {
      // The table itself, read front to back (with doc, so no index can answer instead).
      const stored = (reader.prepare('SELECT _id, doc FROM items').all() as { _id: string }[]).map((row) => row._id);
      expect(stored).toEqual([...written].sort());
      expect(stored).not.toEqual(written);
    } finally {
      reader.close();
    }
  });

  it('a closed store reports itself not reachable', async () => {
    const store = await openAt(dir());
    await store.close();
    expect(await store.status()).toMatchObject({ engine: 'embedded', reachable: false });
  });
});
