// The embedded engine: one SQLite database file (mera.sqlite) in the data dir, through better-sqlite3.
//
// - Each collection is a table keyed by the document's random _id (WITHOUT ROWID), the document as
//   JSON text (json.ts): rows lie in the order of their random ids, never in the order they came.
// - Declared indexes are expression indexes on json_extract; unique ones are enforced by SQLite.
// - Filters, updates and pipelines keep MongoDB's meaning: mingo runs them over the candidate rows.
//   SQL narrows the candidates only where it provably means the same (sqlFor below).
// - Writes to a collection take turns (a queue), in the order they were asked for: nothing else
//   writes to it between a write's reads and its changes. Each write's changes are one transaction;
//   inserts arriving together share one, and so do a bulkUpdate's counter $incs.
// - WAL mode. synchronous=NORMAL (default): a committed write is in the WAL file before the caller
//   hears of it, so it survives the process being killed; FULL also waits for the disk (power cut).
//   The WAL is copied back into the database every 10 000 pages (openEmbeddedStore says why).
// - A write SQLite cannot save (disk full, I/O error) is rolled back, refused to its caller as
//   StoreUnavailableError (503) and reported by status() until a write succeeds again.
import Database from 'better-sqlite3';
import { Aggregator, Query } from 'mingo';
import { update as applyUpdate } from 'mingo/updater';
import mongoose from 'mongoose';
import fs from 'node:fs';
import path from 'node:path';
import { nowMs } from '../clock';
import { checkFor, incOnlyKeepsValid, type DocumentCheck } from './document-check';
import { cutoff, expiriesOf, isExpired, type Expiry } from './expiry';
import { findBadFieldName } from './field-names';
import { copyDocument, fromJson, toJson } from './json';
import { acquireLock } from './lock';
import { createTable, importNedb, quoteName } from './nedb-import';
import { applySimpleUpdate } from './simple-update';
import {
  assertSupportedPipeline,
  badFieldName,
  BulkUpdate,
  BulkUpdateResult,
  Collection,
  CollectionSpec,
  DuplicateKeyError,
  Filter,
  FindOneAndUpdateOptions,
  FindOptions,
  IndexSpec,
  invalidDocument,
  NewDocument,
  Pipeline,
  Sort,
  Store,
  StoreUnavailableError,
  StreamOptions,
  Update,
  UpdateOptions,
  UpdateResult,
  WithId,
} from './port';

/** The database's name inside the data dir. */
export const databaseFileName = 'mera.sqlite';

type Doc = Record<string, unknown> & { _id: string };

/** A top-level field's value as SQL sees it, in the one form both indexes and queries use. */
function fieldKey(field: string): string {
  return `json_quote(json_extract(doc, '$."${field.replace(/'/g, "''")}"'))`;
}

/** An expiring field's Date, in milliseconds (NULL for anything that is not a Date). */
function dateMillis(field: string): string {
  return `json_extract(doc, '$."${field.replace(/'/g, "''")}"."$$date"')`;
}

/** The field's JSON type ('array', 'object', 'text'...): finds the arrays of dates an expiring field may hold. */
function jsonType(field: string): string {
  return `json_type(doc, '$."${field.replace(/'/g, "''")}"')`;
}

/** SQL errors that mean the write could not be saved: the disk, not the request, is at fault. */
const storageFailureCodes = /^SQLITE_(FULL|IOERR|CANTOPEN|READONLY|CORRUPT|NOTADB|PROTOCOL|NOLFS)/;

/** A write that could not be saved: the whole transaction is to be rolled back, not committed in part. */
const isStorageFailure = (err: unknown) => storageFailureCodes.test(String((err as { code?: unknown })?.code));

/** Equality fields of a filter, which an upsert copies into the new document (as MongoDB does). */
function equalityFields(filter: Filter): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (key.startsWith('$')) continue;
    const isOperatorObject =
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      !(value instanceof Date) &&
      Object.keys(value).some((k) => k.startsWith('$'));
    if (!isOperatorObject) fields[key] = value;
    else if ('$eq' in (value as object)) fields[key] = (value as { $eq: unknown }).$eq;
  }
  return fields;
}

/** Applies an update to doc in place (the shortcut for simple $set/$inc, else mingo's updater); true if doc changed. */
function applyUpdateInPlace(doc: Record<string, unknown>, update: Update): boolean {
  return applySimpleUpdate(doc, update) ?? applyUpdate(doc, update as never, undefined, undefined, { cloneMode: 'deep' }).length > 0;
}

function assertOperators(update: Update) {
  const keys = Object.keys(update);
  if (keys.length === 0 || !keys.every((k) => k.startsWith('$'))) {
    throw new Error('An update must use update operators ($set, $inc, ...), not a replacement document.');
  }
}

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string');

/** Runs tasks one after another; a failed task does not stop the ones after it. */
class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  run<R>(task: () => Promise<R>): Promise<R> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** What one insert of a batch came to: the stored document, or why it was refused. */
type InsertOutcome = { stored: Doc } | { error: unknown };

/** Tells the store whether the last write could be saved (for status()). */
interface WriteHealth {
  failure?: Error;
}

/** How many pages of 4 KiB the WAL takes before a write copies it into the database, and the most its file keeps. */
const walPages = 10_000;

/** The size of a WAL file holding this many pages: its header, then each frame's header and page. */
const walBytes = (pages: number) => 32 + pages * (24 + 4096);

/** How many point lookups a collection keeps parsed between its writes (links, campaigns: a few hundred). */
const maxRecentLookups = 1000;

class EmbeddedCollection<T> implements Collection<T> {
  private readonly table: string;
  private readonly check: DocumentCheck;
  /** Whether an update keeps a stored document valid without checking it again (numbers $inc'ed). */
  private readonly keepsValid: (update: Update) => boolean;
  /** Top-level fields the schema declares as String: only strings are ever stored there. */
  private readonly stringFields: Set<string>;
  /** Unique index names → their fields, to name them in a DuplicateKeyError. */
  private readonly uniqueFields = new Map<string, string[]>();
  private readonly statements = new Map<string, Database.Statement>();
  private readonly queue = new SerialQueue();
  /**
   * The answers of recent point lookups (a findOne by _id or by a string field, in a collection
   * without expiry), kept parsed until the collection's next write: this engine is its database's
   * only writer (lock.ts), so nothing else can change them meanwhile. Each read gets its own copy.
   * A respondent's submission reads its link and campaign this way; through SQLite and JSON.parse
   * they took a tenth of its CPU.
   */
  private readonly recentLookups = new Map<string, Doc[]>();
  /** While a write's transaction runs, reads go to SQLite (they must see its own changes). */
  private writing = false;
  /** The inserts still waiting for their turn, which new inserts may join. */
  private openBatch?: { pending: Promise<Doc>[]; outcomes: Promise<InsertOutcome[]> };
  /** Set by the store's close(). */
  closed = false;

  constructor(
    private readonly db: Database.Database,
    private readonly name: string,
    spec: CollectionSpec<unknown>,
    model: mongoose.Model<unknown>,
    private readonly health: WriteHealth,
    /** The collection's expiring indexes: their expired documents are never returned. */
    readonly expiries: Expiry[],
  ) {
    this.table = quoteName(name);
    this.check = checkFor(model);
    this.keepsValid = incOnlyKeepsValid(spec.schema);
    this.stringFields = new Set(
      Object.keys(spec.schema.paths).filter((p) => !p.includes('.') && spec.schema.path(p) instanceof mongoose.Schema.Types.String),
    );
    createTable(db, name);
    this.declareIndexes(spec.indexes);
  }

  /** The declared indexes are the truth: each is created if missing, and any other index of the table dropped. */
  private declareIndexes(indexes: IndexSpec[]) {
    const wanted = new Map<string, string>();
    for (const index of indexes) {
      const fields = Object.keys(index.fields);
      if (index.expireAfterSeconds !== undefined) {
        // Expiry finds what to remove by the date's milliseconds, and arrays (earliest date counts) by type.
        wanted.set(`${this.name}:${fields[0]}:expiry`, `(${dateMillis(fields[0])})`);
        wanted.set(`${this.name}:${fields[0]}:type`, `(${jsonType(fields[0])})`);
        continue;
      }
      const name = `${this.name}:${fields.join(',')}${index.unique ? ':unique' : ''}`;
      wanted.set(name, `(${fields.map(fieldKey).join(', ')})`);
      if (index.unique) this.uniqueFields.set(name, fields);
    }
    const existing = this.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL")
      .pluck()
      .all(this.name) as string[];
    for (const name of existing) if (!wanted.has(name)) this.db.exec(`DROP INDEX ${quoteName(name)}`);
    for (const [name, columns] of wanted) {
      const unique = this.uniqueFields.has(name) ? 'UNIQUE ' : '';
      this.db.exec(`CREATE ${unique}INDEX IF NOT EXISTS ${quoteName(name)} ON ${this.table} ${columns}`);
    }
  }

  /** A prepared statement, kept for reuse (the cache starts over past 200: $in lists of every length each make one). */
  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= 200) this.statements.clear();
      this.statements.set(sql, (statement = this.db.prepare(sql)));
    }
    return statement;
  }

  /**
   * The part of a filter SQL can answer with the same meaning as MongoDB: _id, or a top-level field
   * the schema declares as String (so never an array, which MongoDB would search), equal to a
   * string, or $in a list of strings. `exact` when that is the whole filter.
   */
  private sqlFor(filter: Filter): { where: string; params: string[]; exact: boolean } {
    const conditions: string[] = [];
    const params: string[] = [];
    let exact = true;
    for (const [field, value] of Object.entries(filter)) {
      const column = field === '_id' ? '_id' : this.stringFields.has(field) ? fieldKey(field) : undefined;
      const asParam = field === '_id' ? '?' : 'json_quote(?)';
      const only = value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
      const inList = only.length === 1 && only[0] === '$in' ? (value as { $in: unknown }).$in : undefined;
      const equal = only.length === 1 && only[0] === '$eq' ? (value as { $eq: unknown }).$eq : value;
      if (column && typeof equal === 'string') {
        conditions.push(`${column} = ${asParam}`);
        params.push(equal);
      } else if (column && isStringList(inList)) {
        conditions.push(`${column} IN (${inList.map(() => asParam).join(', ')})`);
        params.push(...inList);
      } else exact = false;
    }
    return { where: conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '', params, exact };
  }

  /** The documents that have not expired (all of them when the collection has no expiring index). */
  private live(docs: Doc[]): Doc[] {
    if (this.expiries.length === 0) return docs;
    const now = nowMs();
    return docs.filter((doc) => !isExpired(doc, this.expiries, now));
  }

  /** The matching documents, fresh objects the caller may change; `limit` only when no sort is to follow. */
  private matching(filter: Filter, limit?: number): Doc[] {
    const { where, params, exact } = this.sqlFor(filter);
    const direct = exact && this.expiries.length === 0 && limit !== undefined;
    const sql = `SELECT doc FROM ${this.table}${where}${direct ? ` LIMIT ${limit}` : ''}`;
    const read = () =>
      (
        this.statement(sql)
          .pluck()
          .all(...params) as string[]
      ).map((row) => fromJson<Doc>(row));
    // Only a lookup SQLite answers whole (LIMIT, no expiry) is kept: at most `limit` documents.
    const lookup = direct && !this.writing;
    const docs = this.live(lookup ? this.recentLookup(JSON.stringify([sql, params]), read).map(copyDocument) : read());
    if (exact) return docs;
    const query = new Query(filter);
    return docs.filter((doc) => query.test(doc));
  }

  /** A point lookup's documents as last read (never handed out: callers get copies). */
  private recentLookup(key: string, read: () => Doc[]): Doc[] {
    let docs = this.recentLookups.get(key);
    if (!docs) {
      // Bounded: a lookup of every link in turn must not grow it without end.
      if (this.recentLookups.size >= maxRecentLookups) this.recentLookups.clear();
      this.recentLookups.set(key, (docs = read()));
    }
    return docs;
  }

  private shape(docs: Doc[], options: FindOptions = {}): Doc[] {
    if (!options.sort && !options.skip && !options.projection) return options.limit ? docs.slice(0, options.limit) : docs;
    const stages: Record<string, unknown>[] = [];
    if (options.sort && Object.keys(options.sort).length) stages.push({ $sort: options.sort });
    if (options.skip) stages.push({ $skip: options.skip });
    if (options.limit) stages.push({ $limit: options.limit });
    if (options.projection) stages.push({ $project: options.projection });
    return stages.length ? (new Aggregator(stages).run(docs) as Doc[]) : docs;
  }

  /** Casts and validates a whole document against the collection's schema; returns the plain document. */
  private async validated(doc: Record<string, unknown>): Promise<Doc> {
    let checked: Doc;
    try {
      checked = (await this.check(doc)) as Doc;
    } catch (err) {
      throw invalidDocument(this.name, err as Error);
    }
    const bad = findBadFieldName(checked);
    if (bad) throw badFieldName(this.name, bad);
    return checked;
  }

  /**
   * Removes the expired documents, found through the expiring field's indexes (isExpired decides
   * for arrays, which expire by their earliest date). Runs first in each write's transaction and
   * on the store's expiry timer.
   */
  private removeExpired(): void {
    if (this.expiries.length === 0) return;
    const now = nowMs();
    for (const expiry of this.expiries) {
      this.statement(`DELETE FROM ${this.table} WHERE ${dateMillis(expiry.field)} <= ?`).run(cutoff(expiry, now).getTime());
      const arrays = this.statement(`SELECT doc FROM ${this.table} WHERE ${jsonType(expiry.field)} = 'array'`)
        .pluck()
        .all() as string[];
      for (const row of arrays) {
        const doc = fromJson<Doc>(row);
        if (isExpired(doc, [expiry], now)) this.deleteRow(doc._id);
      }
    }
  }

  /** The expiry timer's work: a write that does nothing but remove what has expired. */
  sweepExpired(): Promise<void> {
    return this.closed ? Promise.resolve() : this.write(async () => this.transaction(() => undefined));
  }

  /**
   * Runs changes as one SQLite transaction, expired documents removed first (so an upsert or a
   * unique insert never meets one); a write SQLite could not save is remembered for status().
   */
  private transaction<R>(changes: () => R): R {
    // Kept lookups end with any write, committed or not (before, and after for what it read).
    this.recentLookups.clear();
    this.writing = true;
    try {
      const result = this.db.transaction(() => {
        this.removeExpired();
        return changes();
      })();
      this.health.failure = undefined;
      return result;
    } catch (err) {
      if (isStorageFailure(err)) this.health.failure = err as Error;
      throw err;
    } finally {
      this.writing = false;
      this.recentLookups.clear();
    }
  }

  /** A write's turn in the queue, expired documents removed first; SQLite's errors become the port's. */
  private async write<R>(task: () => Promise<R>): Promise<R> {
    if (this.closed) throw new Error(`The store is closed: cannot write to ${this.name}.`);
    // Writes keep the order they were asked in: an insert asked for after this write goes after it.
    this.openBatch = undefined;
    try {
      // A write already queued when the store starts closing still runs: close() waits for it.
      return await this.queue.run(task);
    } catch (err) {
      throw this.storeError(err);
    }
  }

  private storeError(err: unknown, storedBefore?: number): unknown {
    const code = (err as { code?: unknown })?.code;
    if (typeof code !== 'string') return err;
    if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') {
      const index = /index '([^']+)'/.exec((err as Error).message)?.[1];
      const fields = code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ? ['_id'] : (this.uniqueFields.get(index ?? '') ?? []);
      const stored =
        storedBefore === undefined ? '' : `; the ${storedBefore} document(s) before it were stored, it and the ones after it were not`;
      return new DuplicateKeyError(
        this.name,
        `${this.name}: duplicate key (unique index on ${fields.join(', ')})${stored}`,
        fields,
        storedBefore,
      );
    }
    if (isStorageFailure(err)) return new StoreUnavailableError(this.name, err);
    return err;
  }

  private insertRow(doc: Doc): void {
    this.statement(`INSERT INTO ${this.table} (_id, doc) VALUES (?, ?)`).run(doc._id, toJson(doc));
  }

  private updateRow(doc: Doc): void {
    this.statement(`UPDATE ${this.table} SET doc = ? WHERE _id = ?`).run(toJson(doc), doc._id);
  }

  private deleteRow(id: string): void {
    this.statement(`DELETE FROM ${this.table} WHERE _id = ?`).run(id);
  }

  /**
   * Validated at once; stored in its turn among the writes, the turn it was asked for. Under load,
   * inserts asked for while an earlier write is under way wait together and are committed as one
   * transaction (one commit for many submissions); each is answered once that commit is done, and
   * a duplicate fails alone.
   */
  insertOne(doc: NewDocument<T>): Promise<WithId<T>> {
    const clean = this.validated(doc as Record<string, unknown>);
    clean.catch(() => undefined);
    let batch = this.openBatch;
    if (!batch) {
      const pending: Promise<Doc>[] = [];
      const outcomes = this.write(async () => {
        // Let the requests read in the same turn of the event loop join before the batch closes.
        await new Promise((resolve) => setImmediate(resolve));
        // From here on the batch is being written: later inserts start the next one.
        if (this.openBatch?.pending === pending) this.openBatch = undefined;
        return this.insertBatch(await Promise.allSettled(pending));
      });
      batch = this.openBatch = { pending, outcomes };
    }
    const position = batch.pending.push(clean) - 1;
    return batch.outcomes.then((all) => {
      const outcome = all[position];
      if ('error' in outcome) throw this.storeError(outcome.error);
      return outcome.stored as unknown as WithId<T>;
    });
  }

  /** One transaction for the valid documents of a batch; a unique violation refuses that document only. */
  private insertBatch(checked: PromiseSettledResult<Doc>[]): InsertOutcome[] {
    const outcomes: InsertOutcome[] = checked.map((c) => (c.status === 'rejected' ? { error: c.reason } : { stored: c.value }));
    this.transaction(() => {
      for (const [i, outcome] of outcomes.entries()) {
        if (!('stored' in outcome)) continue;
        try {
          this.insertRow(outcome.stored);
        } catch (err) {
          // SQLite undoes the one statement; the others stay in the transaction. A failed write fails them all.
          if (isStorageFailure(err)) throw err;
          outcomes[i] = { error: err };
        }
      }
    });
    return outcomes;
  }

  /** All documents are validated first (one invalid: none stored); a duplicate stops it, the ones before it stored. */
  insertMany(docs: NewDocument<T>[]): Promise<WithId<T>[]> {
    const clean = Promise.all(docs.map((d) => this.validated(d as Record<string, unknown>)));
    clean.catch(() => undefined);
    return this.write(async () => this.insertInOrder(await clean));
  }

  private insertInOrder(valid: Doc[]): WithId<T>[] {
    let failure: { err: unknown; storedBefore: number } | undefined;
    this.transaction(() => {
      for (const [i, doc] of valid.entries()) {
        try {
          this.insertRow(doc);
        } catch (err) {
          if (isStorageFailure(err)) throw err;
          // The ones before it stay: the transaction commits them (MongoDB's ordered insert).
          failure = { err, storedBefore: i };
          return;
        }
      }
    });
    if (failure) throw this.storeError(failure.err, failure.storedBefore);
    return valid as unknown as WithId<T>[];
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<WithId<T>[]> {
    const plainLimit = !options.sort && !options.skip && !options.projection ? options.limit : undefined;
    return this.shape(this.matching(filter, plainLimit), options) as unknown as WithId<T>[];
  }

  async findOne(filter: Filter, options?: FindOptions): Promise<WithId<T> | null> {
    const [first] = await this.find(filter, { ...options, limit: 1 });
    return first ?? null;
  }

  async countDocuments(filter: Filter = {}): Promise<number> {
    const { where, params, exact } = this.sqlFor(filter);
    if (exact && this.expiries.length === 0) {
      return this.statement(`SELECT count(*) FROM ${this.table}${where}`)
        .pluck()
        .get(...params) as number;
    }
    return this.matching(filter).length;
  }

  /** doc with the update applied (a copy), validated unless unchanged or a counter's $inc. */
  private async updatedCopy(doc: Doc, update: Update): Promise<{ next: Doc; changed: boolean }> {
    const next = structuredClone(doc);
    const simple = applySimpleUpdate(next, update);
    const changed = simple ?? applyUpdate(next, update as never, undefined, undefined, { cloneMode: 'deep' }).length > 0;
    if (!changed) return { next: doc, changed: false };
    if (simple !== undefined && this.keepsValid(update)) return { next, changed: true };
    const checked = await this.validated(next);
    if (checked._id !== doc._id) throw new Error(`${this.name}: an update cannot change a document's _id.`);
    return { next: checked, changed: true };
  }

  /**
   * updateOne's work, inside a write: the first match (by sort, if given) updated, or a new
   * document upserted. Also gives the document before and after, for findOneAndUpdate.
   */
  private async updateFirst(
    filter: Filter,
    update: Update,
    options: { upsert?: boolean; sort?: Sort },
  ): Promise<{ result: UpdateResult; before: Doc | null; after: Doc | null }> {
    const matches = this.matching(filter, options.sort ? undefined : 1);
    const [doc] = options.sort && matches.length > 1 ? this.shape(matches, { sort: options.sort, limit: 1 }) : matches;
    if (!doc) {
      if (!options.upsert) return { result: { matched: 0, modified: 0 }, before: null, after: null };
      const { $setOnInsert, ...rest } = update as { $setOnInsert?: Record<string, unknown> };
      const { _id, ...equal } = equalityFields(filter);
      const base: Record<string, unknown> = _id === undefined ? {} : { _id };
      if (Object.keys(equal).length) applyUpdateInPlace(base, { $set: equal });
      if ($setOnInsert) applyUpdateInPlace(base, { $set: $setOnInsert });
      if (Object.keys(rest).length) applyUpdateInPlace(base, rest);
      const inserted = await this.validated(base);
      this.transaction(() => this.insertRow(inserted));
      return { result: { matched: 0, modified: 0, upsertedId: inserted._id }, before: null, after: inserted };
    }
    const { $setOnInsert: _ignored, ...rest } = update as { $setOnInsert?: unknown };
    if (Object.keys(rest).length === 0) return { result: { matched: 1, modified: 0 }, before: doc, after: doc };
    const { next, changed } = await this.updatedCopy(doc, rest);
    if (changed) this.transaction(() => this.updateRow(next));
    return { result: { matched: 1, modified: changed ? 1 : 0 }, before: doc, after: next };
  }

  updateOne(filter: Filter, update: Update, options: UpdateOptions = {}): Promise<UpdateResult> {
    assertOperators(update);
    return this.write(async () => (await this.updateFirst(filter, update, options)).result);
  }

  findOneAndUpdate(filter: Filter, update: Update, options: FindOneAndUpdateOptions = {}): Promise<WithId<T> | null> {
    assertOperators(update);
    return this.write(async () => {
      const { before, after } = await this.updateFirst(filter, update, options);
      return (options.returnDocument === 'before' ? before : after) as WithId<T> | null;
    });
  }

  /** Every changed document is validated before any is written; all in one transaction. */
  updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    assertOperators(update);
    return this.write(async () => {
      const docs = this.matching(filter);
      const { $setOnInsert: _ignored, ...rest } = update as { $setOnInsert?: unknown };
      const changes = Object.keys(rest).length ? await Promise.all(docs.map((d) => this.updatedCopy(d, rest))) : [];
      const changed = changes.filter((c) => c.changed).map((c) => c.next);
      this.transaction(() => changed.forEach((doc) => this.updateRow(doc)));
      return { matched: docs.length, modified: changed.length };
    });
  }

  /**
   * The operations in order, in one turn of the queue (no other write comes between them): the
   * first failure stops it and is thrown, the ones before it stay. Counter $incs on existing
   * documents (rollups, with their $setOnInsert for a new one), which need no check, go together in
   * one transaction; any other operation is a transaction of its own.
   */
  bulkUpdate(operations: BulkUpdate[]): Promise<BulkUpdateResult> {
    for (const op of operations) assertOperators(op.update);
    return this.write(async () => {
      const total: BulkUpdateResult = { matched: 0, modified: 0, upserted: 0 };
      const add = (result: UpdateResult) => {
        total.matched += result.matched;
        total.modified += result.modified;
        if (result.upsertedId !== undefined) total.upserted++;
      };
      let next = 0;
      while (next < operations.length) {
        next = this.transaction(() => {
          let i = next;
          while (i < operations.length) {
            const result = this.incrementInPlace(operations[i]);
            if (!result) break;
            add(result);
            i++;
          }
          return i;
        });
        if (next === operations.length) break;
        const op = operations[next++];
        add((await this.updateFirst(op.filter, op.update, { upsert: op.upsert })).result);
      }
      return total;
    });
  }

  /**
   * A counter $inc on the first match, inside the caller's transaction; undefined (nothing done)
   * when the operation needs more (no match, an upsert, a check) or fails: updateFirst then does it,
   * and throws what it throws.
   */
  private incrementInPlace(op: BulkUpdate): UpdateResult | undefined {
    // $setOnInsert only fills a new document (an upsert): on a match it does nothing, as on MongoDB.
    const { $setOnInsert: _onInsert, ...update } = op.update as { $setOnInsert?: unknown };
    if (!this.keepsValid(update)) return undefined;
    try {
      const [doc] = this.matching(op.filter, 1);
      if (!doc) return undefined;
      const changed = applySimpleUpdate(doc, update);
      if (changed === undefined) return undefined;
      if (changed) this.updateRow(doc);
      return { matched: 1, modified: changed ? 1 : 0 };
    } catch (err) {
      if (isStorageFailure(err)) throw err;
      return undefined;
    }
  }

  private remove(filter: Filter, one: boolean): Promise<number> {
    return this.write(async () => {
      const docs = this.matching(filter, one ? 1 : undefined);
      const ids = (one ? docs.slice(0, 1) : docs).map((d) => d._id);
      this.transaction(() => ids.forEach((id) => this.deleteRow(id)));
      return ids.length;
    });
  }

  deleteOne(filter: Filter): Promise<number> {
    return this.remove(filter, true);
  }

  deleteMany(filter: Filter): Promise<number> {
    return this.remove(filter, false);
  }

  async aggregate<R>(pipeline: Pipeline): Promise<R[]> {
    assertSupportedPipeline(this.name, pipeline);
    const [first, ...rest] = pipeline;
    const startsWithMatch = first && '$match' in first;
    const input = this.matching(startsWithMatch ? (first.$match as Filter) : {});
    const stages = startsWithMatch ? rest : pipeline;
    return (stages.length ? new Aggregator(stages).run(input) : input) as R[];
  }

  drain(): Promise<unknown> {
    return this.queue.run(async () => undefined);
  }

  /** The matching documents in pages of `size` rows, in _id order, each page read by its own query. */
  private *pages(filter: Filter, size: number): Generator<Doc[]> {
    const { where, params, exact } = this.sqlFor(filter);
    const query = exact ? undefined : new Query(filter);
    const sql = `SELECT _id, doc FROM ${this.table}${where ? `${where} AND` : ' WHERE'} _id > ? ORDER BY _id LIMIT ${size}`;
    let after = '';
    for (;;) {
      const rows = this.statement(sql).all(...params, after) as { _id: string; doc: string }[];
      if (rows.length === 0) return;
      after = rows[rows.length - 1]._id;
      const docs = this.live(rows.map((row) => fromJson<Doc>(row.doc)));
      yield query ? docs.filter((doc) => query.test(doc)) : docs;
    }
  }

  /**
   * Hands out the matching documents a batch at a time, yielding the event loop between batches.
   * Without a sort it reads one page at a time. With one, a first pass keeps only each match's _id
   * and sort fields, sorts those, and a second pass reads the documents in that order, a batch of
   * ids at a time: what it holds is never more than the sort keys and one batch.
   */
  async *stream(filter: Filter, options: StreamOptions = {}): AsyncGenerator<WithId<T>> {
    const { batchSize = 500, sort, skip = 0, limit, projection } = options;
    const finish = (docs: Doc[]) => (projection ? this.shape(docs, { projection }) : docs) as unknown as WithId<T>[];
    const wanted = limit ? skip + limit : Infinity;
    const pause = () => new Promise((resolve) => setImmediate(resolve));
    if (!sort || Object.keys(sort).length === 0) {
      let seen = 0;
      for (const page of this.pages(filter, batchSize)) {
        const from = Math.max(0, skip - seen);
        const to = Math.min(page.length, wanted - seen);
        seen += page.length;
        if (to > from) yield* finish(page.slice(from, to));
        if (seen >= wanted) return;
        await pause();
      }
      return;
    }
    const keyFields = Object.fromEntries([...Object.keys(sort).map((f) => [f, 1]), ['_id', 1]]);
    const keys: Doc[] = [];
    for (const page of this.pages(filter, batchSize)) keys.push(...(new Aggregator([{ $project: keyFields }]).run(page) as Doc[]));
    const ordered = this.shape(keys, { sort, skip, limit }).map((k) => k._id);
    for (let start = 0; start < ordered.length; start += batchSize) {
      if (start > 0) await pause();
      const ids = ordered.slice(start, start + batchSize);
      const byId = new Map(this.matching({ _id: { $in: ids } }).map((doc) => [doc._id, doc]));
      yield* finish(ids.flatMap((id) => byId.get(id) ?? []));
    }
  }
}

export interface EmbeddedStoreOptions {
  dataDir: string;
  collections: CollectionSpec<unknown>[];
  log?: (message: string) => void;
  /** SQLite's synchronous setting in WAL mode (see EmbeddedStorage in config.ts). Default: 'normal'. */
  synchronous?: 'normal' | 'full';
  /**
   * How often expired documents are removed (they are never returned in between) and the WAL is
   * copied into the database and emptied. Default: a minute, as MongoDB's TTL monitor.
   */
  housekeepingIntervalMs?: number;
  /**
   * A size limit in pages of 4 KiB (SQLite's max_page_count): a write past it fails as on a full
   * disk (SQLITE_FULL). For the write-failure test; unset in Mera.
   */
  maxPageCount?: number;
}

export async function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<Store> {
  const { dataDir, log = () => undefined, housekeepingIntervalMs = 60_000 } = options;
  fs.mkdirSync(dataDir, { recursive: true });
  const releaseLock = acquireLock(dataDir);
  const file = path.join(dataDir, databaseFileName);
  let db: Database.Database | undefined;
  const collections = new Map<string, EmbeddedCollection<unknown>>();
  const health: WriteHealth = {};
  try {
    importNedb(dataDir, file, log);
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    // The WAL is copied into the database (a checkpoint, with its fsyncs) by the write that fills
    // it, on the request thread. Responses go to random places in their table, so each one dirties
    // pages of its own (~18 KiB of WAL per response) and SQLite's default (1 000 pages, 4 MB) meant
    // a checkpoint every ~12 batches of submissions. At 10 000 pages (a WAL of about 40 MB, reused
    // from its start after each checkpoint) a page written several times between two checkpoints
    // is copied once, and the fsyncs are ten times rarer: a submission's CPU went down by 12 %.
    db.pragma(`wal_autocheckpoint = ${walPages}`);
    // A removed or rewritten document is overwritten with zeros, not left in a free page where a
    // reader of the file could find it (an idempotency key's lease time, a deleted draft).
    db.pragma('secure_delete = ON');
    // After a checkpoint SQLite writes the WAL again from its start, over the page images already
    // copied into the database. The file is kept at that size (cutting it to nothing after each
    // checkpoint, and growing it again block by block, cost a fifth of a submission's writing) but
    // never more: it holds at most the last 10 000 page images. Housekeeping (below) empties it
    // each minute, so none of them is older than that: an old page image (a deleted draft, an
    // idempotency key's lease time, the order answers arrived in) does not stay in it.
    db.pragma(`journal_size_limit = ${walBytes(walPages)}`);
    if (options.maxPageCount) db.pragma(`max_page_count = ${options.maxPageCount}`);
    const models = mongoose.createConnection();
    for (const spec of options.collections) {
      const model = models.model(spec.name, spec.schema, spec.name) as unknown as mongoose.Model<unknown>;
      const expiries = expiriesOf(spec.name, spec.indexes);
      collections.set(spec.name, new EmbeddedCollection(db, spec.name, spec, model, health, expiries));
    }
  } catch (err) {
    db?.close();
    releaseLock();
    throw err;
  }
  const database = db;

  let closed = false;
  const expiring = [...collections.values()].filter((c) => c.expiries.length > 0);
  /** Removes what has expired, then copies the WAL into the database and empties it. */
  const housekeeping = async () => {
    const sweeps = expiring.map((c) =>
      c.sweepExpired().catch((err: unknown) => log(`embedded store: could not remove expired documents: ${(err as Error).message}`)),
    );
    await Promise.all(sweeps);
    if (closed) return;
    // Waits for no one (no busy time-out): a reader still using the WAL (a backup) leaves it for
    // the next time, rather than holding up the requests behind it.
    const busyTimeout = database.pragma('busy_timeout', { simple: true }) as number;
    try {
      database.pragma('busy_timeout = 0');
      database.pragma('wal_checkpoint(TRUNCATE)');
    } catch (err) {
      log(`embedded store: could not empty the WAL: ${(err as Error).message}`);
    } finally {
      database.pragma(`busy_timeout = ${busyTimeout}`);
    }
  };
  const housekeepingTimer = setInterval(() => void housekeeping(), housekeepingIntervalMs).unref();

  return {
    engine: 'embedded',
    collection<T>(spec: CollectionSpec<T>): Collection<T> {
      const collection = collections.get(spec.name);
      if (!collection) throw new Error(`The collection "${spec.name}" was not declared when the store was opened.`);
      return collection as unknown as Collection<T>;
    },
    async status() {
      if (closed) return { engine: 'embedded' as const, reachable: false, detail: 'closed' };
      // Set by a write SQLite could not save, cleared by the next one it could (any collection).
      if (health.failure) {
        return {
          engine: 'embedded' as const,
          reachable: false,
          detail: `writes fail: ${health.failure.message}; free disk space or fix the data dir (no restart needed)`,
        };
      }
      try {
        fs.accessSync(dataDir, fs.constants.W_OK);
        return { engine: 'embedded' as const, reachable: true };
      } catch {
        return { engine: 'embedded' as const, reachable: false, detail: 'data dir not writable' };
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(housekeepingTimer);
      for (const c of collections.values()) c.closed = true;
      // Writes already in their queues finish first.
      await Promise.all([...collections.values()].map((c) => c.drain()));
      database.close();
      releaseLock();
    },
  };
}
