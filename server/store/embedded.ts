// The embedded engine: NeDB files under the data dir, with mingo evaluating MongoDB's filter,
// update and pipeline language so the objects the app writes mean the same as on MongoDB.
// One process owns a data dir (a lock file says which); writes to a collection are serialised,
// and inserts asked for while another write is under way go to disk together as one append.
import { nowMs } from '../clock';
import Datastore from '@seald-io/nedb';
import { Aggregator, Query } from 'mingo';
import { update as applyUpdate } from 'mingo/updater';
import mongoose from 'mongoose';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { checkFor, incOnlyKeepsValid, type DocumentCheck } from './document-check';
import { findBadFieldName, nedbCheckObject } from './field-names';
import { cutoff, expiriesOf, isExpired, type Expiry } from './expiry';
import { applySimpleUpdate } from './simple-update';
import {
  assertSupportedPipeline,
  BulkUpdate,
  BulkUpdateResult,
  Collection,
  CollectionSpec,
  DuplicateKeyError,
  Filter,
  FindOneAndUpdateOptions,
  FindOptions,
  IndexSpec,
  badFieldName,
  invalidDocument,
  NewDocument,
  Pipeline,
  Sort,
  Store,
  StreamOptions,
  Update,
  UpdateOptions,
  UpdateResult,
  WithId,
} from './port';

// NeDB's matcher and copier, the ones its find uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- NeDB's lib/model.js has no typings to import with
const nedbModel = require('@seald-io/nedb/lib/model.js') as {
  match(doc: unknown, query: unknown): boolean;
  deepCopy(doc: unknown): unknown;
  serialize(doc: unknown): string;
  checkObject(doc: unknown): void;
  modify(doc: unknown, update: unknown): unknown;
};

/**
 * NeDB checks field names by walking each array twice, so arrays nested in arrays double the
 * work per level (an instrument of panels nested 23 deep took 13 s per insert; 200 deep, hours).
 * Its datastore calls checkObject and modify through the module's exports: both are replaced by
 * equivalents that walk once (modify only for a whole replacement document, the one kind of
 * update this engine gives NeDB). Field names are refused earlier anyway, with a typed error
 * (findBadFieldName in validated()); this keeps NeDB's own second look linear.
 */
function makeNedbChecksLinear(): void {
  if (typeof nedbModel.checkObject !== 'function' || typeof nedbModel.modify !== 'function') {
    throw new Error(
      '@seald-io/nedb/lib/model.js no longer exports checkObject and modify: check makeNedbChecksLinear in server/store/embedded.ts against the installed version.',
    );
  }
  if (nedbModel.checkObject === nedbCheckObject) return;
  const modify = nedbModel.modify;
  nedbModel.checkObject = nedbCheckObject;
  nedbModel.modify = (doc: unknown, update: unknown) => {
    const keys = Object.keys(update as object);
    if (keys.length === 0 || keys.some((k) => k.startsWith('$'))) return modify(doc, update);
    const { _id } = doc as Doc;
    if (Object.hasOwn(update as object, '_id') && (update as Doc)._id !== _id) throw new Error("You cannot change a document's _id");
    const replaced = nedbModel.deepCopy(update) as Doc;
    replaced._id = _id;
    nedbCheckObject(replaced);
    return replaced;
  };
}
makeNedbChecksLinear();

type Doc = Record<string, unknown> & { _id: string };

/** Runs tasks one after another; a failed task does not stop the ones after it. */
class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  run<R>(task: () => Promise<R>): Promise<R> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
  drain(): Promise<unknown> {
    return this.tail;
  }
}

/** The parts of a filter NeDB can answer from its indexes: top-level fields equal to a primitive or $in primitives. */
function indexableParts(filter: Filter): Filter {
  const parts: Filter = {};
  const isPrimitive = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  for (const [key, value] of Object.entries(filter)) {
    if (key.startsWith('$')) continue;
    if (isPrimitive(value)) parts[key] = value;
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      const ops = Object.keys(value);
      const inList = (value as { $in?: unknown }).$in;
      if (ops.length === 1 && Array.isArray(inList) && inList.every(isPrimitive)) parts[key] = { $in: inList };
    }
  }
  return parts;
}

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

/**
 * NeDB's unique violation does not say which index it came from: each unique index's insert (which
 * its update and batch inserts go through) labels its violations with the index's fields.
 */
function labelUniqueViolations(datastore: Datastore<Doc>, declared: IndexSpec[]): void {
  type Index = { unique: boolean; _fields: string[]; insert(doc: unknown): void };
  const indexes = (datastore as unknown as { indexes: Record<string, Index> }).indexes;
  const sortedKey = (fields: string[]) => [...fields].sort().join(',');
  for (const index of Object.values(indexes)) {
    if (!index.unique || Object.hasOwn(index, 'insert')) continue;
    // NeDB sorts a compound index's fields; the error names them in the declared order.
    const spec = declared.find((i) => sortedKey(Object.keys(i.fields)) === sortedKey(index._fields));
    const fields = spec ? Object.keys(spec.fields) : index._fields;
    const insert = index.insert;
    index.insert = function (doc: unknown) {
      try {
        insert.call(this, doc);
      } catch (err) {
        if (isUniqueViolation(err)) (err as { fields?: string[] }).fields ??= [...fields];
        throw err;
      }
    };
  }
}

function isUniqueViolation(err: unknown): err is Error {
  return !!err && typeof err === 'object' && (err as { errorType?: string }).errorType === 'uniqueViolated';
}

/** Cuts a half-written last line (a write interrupted by a crash, never acknowledged) so NeDB loads cleanly. */
export function repairTornTail(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  const size = fs.statSync(file).size;
  if (size === 0) return false;
  const fd = fs.openSync(file, 'r+');
  try {
    const chunk = Buffer.alloc(64 * 1024);
    let end = size;
    let first = true;
    while (end > 0) {
      const start = Math.max(0, end - chunk.length);
      const length = end - start;
      fs.readSync(fd, chunk, 0, length, start);
      if (first && chunk[length - 1] === 0x0a) return false;
      first = false;
      const newline = chunk.subarray(0, length).lastIndexOf(0x0a);
      if (newline >= 0) {
        fs.ftruncateSync(fd, start + newline + 1);
        return true;
      }
      end = start;
    }
    fs.ftruncateSync(fd, 0);
    return true;
  } finally {
    fs.closeSync(fd);
  }
}

/** A write whose lines could not be appended to the collection's file (disk full, file gone...). */
class AppendFailedError extends Error {
  constructor(filename: string, cause: unknown) {
    super(`could not append to ${filename}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'AppendFailedError';
  }
}

/** Appends lines to a file; on failure cuts off what was partly written, so no later line is glued onto half a line. */
function appendLines(filename: string, lines: string, mode: number | undefined): void {
  let fd: number;
  try {
    fd = fs.openSync(filename, 'a', mode);
  } catch (err) {
    throw new AppendFailedError(filename, err);
  }
  let sizeBefore: number | undefined;
  try {
    sizeBefore = fs.fstatSync(fd).size;
    const buffer = Buffer.from(lines, 'utf8');
    for (let written = 0; written < buffer.length;) written += fs.writeSync(fd, buffer, written);
  } catch (err) {
    if (sizeBefore !== undefined) {
      try {
        fs.ftruncateSync(fd, sizeBefore);
      } catch {
        // Nothing more to do here: start-up cuts a torn last line.
      }
    }
    throw new AppendFailedError(filename, err);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * NeDB appends each write's lines with fs.promises.appendFile: open, write and close, each a trip
 * through libuv's thread pool and back through the event loop. Under load every submission
 * waiting for its batch sits through those trips, and the process idles meanwhile (a sixth of
 * the time in the submission benchmark). One synchronous append of the same lines takes tens of
 * microseconds, once per batch, and is just as durable: the lines are in the operating system's
 * hands before anyone is answered (a process crash keeps them; tests/store/crash.test.ts). By
 * path, not by a kept file descriptor, because compaction replaces the file.
 */
function appendSynchronously(datastore: Datastore<Doc>, appender: Appender): void {
  const persistence = (datastore as unknown as { persistence?: { persistNewStateAsync?: unknown; modes?: { fileMode?: number } } })
    .persistence;
  if (typeof persistence?.persistNewStateAsync !== 'function') {
    throw new Error(
      '@seald-io/nedb no longer has persistence.persistNewStateAsync: check appendSynchronously in server/store/embedded.ts against the installed version.',
    );
  }
  appender.fileMode = persistence.modes?.fileMode;
  persistence.persistNewStateAsync = async (docs: unknown[]) => {
    let lines = '';
    for (const doc of docs) lines += `${nedbModel.serialize(doc)}\n`;
    if (lines) appender.append(lines, docs.length);
  };
}

/**
 * Every document this engine gives NeDB to insert is a fresh object of its own (the document
 * check's result, or an upsert built from it) that nothing else holds, with its _id set and its
 * field names checked. NeDB's copy of it on the way in, and its second walk of the names, are
 * skipped; NeDB still answers with a copy, so nobody outside holds what it keeps in memory.
 */
function insertWithoutCopying(datastore: Datastore<Doc>): void {
  const internals = datastore as unknown as { _prepareDocumentForInsertion?: (doc: Doc | Doc[]) => Doc | Doc[] };
  const prepare = internals._prepareDocumentForInsertion;
  if (typeof prepare !== 'function') {
    throw new Error(
      '@seald-io/nedb no longer has _prepareDocumentForInsertion: check insertWithoutCopying in server/store/embedded.ts against the installed version.',
    );
  }
  const own = (doc: Doc): Doc => (typeof doc._id === 'string' ? doc : (prepare.call(datastore, doc) as Doc));
  internals._prepareDocumentForInsertion = (doc) => (Array.isArray(doc) ? doc.map(own) : own(doc));
}

/** A collection's appends to its file: counted (for compaction), and held back during a bulk write to go as one. */
class Appender {
  fileMode?: number;
  /** Lines appended since the file was last rewritten (NeDB rewrites it when it loads, and when compacting). */
  lines = 0;
  /**
   * Set when a write could not be saved: NeDB had already changed its memory, so memory and file
   * now differ. Writes stop until a restart, which loads the file: every acknowledged write.
   */
  failure?: AppendFailedError;
  private held?: { text: string[]; lines: number };

  constructor(private readonly filename: string) {}

  append(text: string, lines: number): void {
    if (this.held) {
      this.held.text.push(text);
      this.held.lines += lines;
      return;
    }
    try {
      appendLines(this.filename, text, this.fileMode);
    } catch (err) {
      if (err instanceof AppendFailedError) this.failure ??= err;
      throw err;
    }
    this.lines += lines;
  }

  /**
   * Runs work with its appends held back, then appends them at once (also when work fails half-way:
   * what it changed in memory must reach the file). Nobody is answered before that append.
   */
  async holding<R>(work: () => Promise<R>): Promise<R> {
    const held = (this.held = { text: [], lines: 0 });
    try {
      return await work();
    } finally {
      this.held = undefined;
      if (held.text.length) this.append(held.text.join(''), held.lines);
    }
  }
}

function acquireLock(dataDir: string): string {
  const lockFile = path.join(dataDir, 'mera.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // Write the pid first and link it into place, so no one ever reads an empty lock.
      const temp = `${lockFile}.${process.pid}.${crypto.randomBytes(6).toString('hex')}`;
      fs.writeFileSync(temp, String(process.pid));
      try {
        fs.linkSync(temp, lockFile);
      } finally {
        fs.rmSync(temp, { force: true });
      }
      return lockFile;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(lockFile, 'utf8').trim());
      let alive = false;
      if (Number.isInteger(holder) && holder > 0) {
        try {
          process.kill(holder, 0);
          alive = true;
        } catch (e) {
          alive = (e as NodeJS.ErrnoException).code === 'EPERM';
        }
      }
      if (alive) {
        throw new Error(
          `The data dir ${dataDir} is in use by process ${holder}. The embedded engine serves one process; ` +
            'stop the other one, or use MongoDB (MONGODB_URI) to run several.',
          { cause: err },
        );
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not lock the data dir ${dataDir}`);
}

/** What one insert of a batch came to: the stored copy, or why it was refused. */
type InsertOutcome = { stored: Doc } | { error: unknown };

/** Inserts waiting for the write queue (their documents still being validated); they go to disk together as one append. */
interface InsertBatch {
  pending: Promise<Doc>[];
  /** Each insert's outcome, in the order they joined. */
  outcomes: Promise<InsertOutcome[]>;
}

class EmbeddedCollection<T> implements Collection<T> {
  private readonly queue = new SerialQueue();
  private readonly check: DocumentCheck;
  /** Whether an update keeps a stored document valid without checking it again (numbers $inc'ed). */
  private readonly keepsValid: (update: Update) => boolean;
  /** The batch still waiting at the end of the queue, which new inserts may join. */
  private openBatch?: InsertBatch;
  /** Set by the store's close(): the lock is gone, so writing now could race another process. */
  closed = false;

  /** Why writes stopped, if they did (see Appender.failure). */
  get failure(): AppendFailedError | undefined {
    return this.appender.failure;
  }

  constructor(
    private readonly name: string,
    private readonly datastore: Datastore<Doc>,
    private readonly appender: Appender,
    model: mongoose.Model<unknown>,
    /** The collection's expiring indexes: their expired documents are never returned. */
    readonly expiries: Expiry[] = [],
  ) {
    this.check = checkFor(model);
    this.keepsValid = incOnlyKeepsValid(model.schema);
  }

  /** The documents that have not expired (all of them when the collection has no expiring index). */
  private live(docs: Doc[]): Doc[] {
    if (this.expiries.length === 0) return docs;
    const now = nowMs();
    return docs.filter((doc) => !isExpired(doc, this.expiries, now));
  }

  /**
   * Removes the expired documents, found through the expiring field's index (the bounds also
   * return values that sort before dates, such as numbers and strings: isExpired decides).
   * Runs in the write queue: before each write, so an upsert or a unique insert never meets an
   * expired document, and on the store's expiry timer.
   */
  private async removeExpired(): Promise<number> {
    if (this.expiries.length === 0) return 0;
    const now = nowMs();
    const indexes = (this.datastore as unknown as { indexes: Record<string, { getBetweenBounds(q: unknown): Doc[] }> }).indexes;
    const expired = new Set<string>();
    for (const expiry of this.expiries) {
      for (const doc of indexes[expiry.field].getBetweenBounds({ $lte: cutoff(expiry, now) })) {
        if (isExpired(doc, [expiry], now)) expired.add(doc._id);
      }
    }
    if (expired.size === 0) return 0;
    return this.datastore.removeAsync({ _id: { $in: [...expired] } }, { multi: true });
  }

  /**
   * Rewrites the file with only the current documents (NeDB's compaction: a temp file, fsync,
   * rename, so a crash leaves the old or the new file whole), once the lines appended since the
   * last rewrite outnumber the documents: at least half the file is then superseded lines (an
   * updated counter leaves one per $inc). A collection that only grows by inserts is never
   * rewritten, and the cost of a rewrite is paid for by as many writes. In the write queue, so no
   * append comes between; appends go by path (appendSynchronously), so they reach the new file.
   */
  compactIfWorthIt(minLines: number): Promise<boolean> {
    if (this.refusal() || this.appender.lines < minLines) return Promise.resolve(false);
    return this.write(async () => {
      if (this.appender.lines < minLines || this.appender.lines <= this.datastore.getAllData().length) return false;
      await this.datastore.compactDatafileAsync();
      this.appender.lines = 0;
      return true;
    });
  }

  /** The expiry timer's work: remove what has expired, in turn with the writes. */
  sweepExpired(): Promise<number> {
    return this.refusal() ? Promise.resolve(0) : this.write(async () => 0);
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
   * The stored documents matching a filter, not copied: NeDB never changes one in place (an
   * update stores a new object, a removal drops it from the indexes), so each stays as it was when
   * read. Candidates come from the index of one of the filter's fields when it has one, equal to a
   * primitive or `$in` primitives (a link by its token, a campaign by its _id, responses by a batch
   * of ids), else from every document. Plain equalities on primitives mean the same to NeDB's
   * matcher as to MongoDB (arrays included) and are checked by it, without building a mingo query
   * (~40 µs); anything else by mingo. With the indexed field the filter's only one, the index's
   * answer is the answer. This reads NeDB's memory outside its command queue: a write's change to
   * memory is synchronous, so a read sees each write whole, possibly before its line is on disk (as
   * MongoDB's default "local" read concern may).
   */
  private storedMatching(filter: Filter): Doc[] {
    const indexes = (this.datastore as unknown as { indexes: Record<string, { getMatching(value: unknown): Doc[] }> }).indexes;
    const indexable = indexableParts(filter);
    const field = Object.keys(indexable).find((k) => Object.hasOwn(indexes, k));
    let candidates: Doc[];
    if (field === undefined) candidates = this.datastore.getAllData();
    else {
      const value = indexable[field];
      // NeDB's index answers a list with the documents under any of its keys, each once.
      candidates = indexes[field].getMatching(value !== null && typeof value === 'object' ? (value as { $in: unknown[] }).$in : value);
    }
    const fields = Object.keys(filter).length;
    const plain = Object.keys(indexable).length === fields;
    // A fresh array in every case: an index may hand out its own.
    if (plain && field !== undefined && fields === 1) return this.live(candidates.slice());
    const query = plain ? undefined : new Query(filter);
    return this.live(candidates.filter((doc) => (query ? query.test(doc) : nedbModel.match(doc, filter))));
  }

  /** The matching documents as copies, which callers may change (as NeDB's find returns them). */
  private async matching(filter: Filter): Promise<Doc[]> {
    return this.storedMatching(filter).map((doc) => nedbModel.deepCopy(doc) as Doc);
  }

  private shape(docs: Doc[], options: FindOptions = {}): Doc[] {
    const only = Object.keys(options).filter((k) => options[k as keyof FindOptions] !== undefined);
    if (only.length === 1 && only[0] === 'limit') return docs.slice(0, options.limit);
    const stages: Record<string, unknown>[] = [];
    if (options.sort && Object.keys(options.sort).length) stages.push({ $sort: options.sort });
    if (options.skip) stages.push({ $skip: options.skip });
    if (options.limit) stages.push({ $limit: options.limit });
    if (options.projection) stages.push({ $project: options.projection });
    return stages.length ? (new Aggregator(stages).run(docs) as Doc[]) : docs;
  }

  /** Why this collection takes no writes now, if it does not. */
  private refusal(): Error | undefined {
    if (this.closed) return new Error(`The store is closed: cannot write to ${this.name}.`);
    if (this.failure) {
      return new Error(
        `${this.name}: writes are stopped since one could not be saved (${this.failure.message}). Restart Mera once the disk is fixed; the file holds every acknowledged write.`,
      );
    }
    return undefined;
  }

  private async write<R>(task: () => Promise<R>): Promise<R> {
    const refused = this.refusal();
    if (refused) throw refused;
    // Writes keep the order they were asked in: an insert after this write goes after it.
    this.openBatch = undefined;
    try {
      return await this.queue.run(async () => {
        // A write queued before a failure must not run after it.
        const stopped = this.refusal();
        if (stopped) throw stopped;
        await this.removeExpired();
        return task();
      });
    } catch (err) {
      throw this.storeError(err);
    }
  }

  private storeError(err: unknown): unknown {
    return isUniqueViolation(err) ? this.duplicate(err) : err;
  }

  private duplicate(err: Error, storedBefore?: number): DuplicateKeyError {
    const fields = (err as { fields?: string[] }).fields ?? [];
    const index = fields.length ? ` (unique index on ${fields.join(', ')})` : '';
    const stored =
      storedBefore === undefined ? '' : `; the ${storedBefore} document(s) before it were stored, it and the ones after it were not`;
    return new DuplicateKeyError(this.name, `${this.name}: ${err.message}${index}${stored}`, fields, storedBefore);
  }

  /**
   * Under load, inserts arriving while the previous write is on disk wait in one batch and are
   * appended together: one file write for many responses instead of one each. Each caller is
   * answered only after its own line is written, so an acknowledged insert survives a crash.
   * The insert takes its place among the writes when it is asked for (validation finishes in
   * the queue), so writes still happen in the order they were asked for.
   */
  insertOne(doc: NewDocument<T>): Promise<WithId<T>> {
    const refused = this.refusal();
    if (refused) return Promise.reject(refused);
    const clean = this.validated(doc as Record<string, unknown>);
    // Awaited by the batch; marked handled here so a refusal is reported to this caller only.
    clean.catch(() => undefined);
    let batch = this.openBatch;
    if (!batch) {
      const pending: Promise<Doc>[] = [];
      const outcomes = this.write(async () => {
        // Let the requests read in the same turn of the event loop join before the batch closes.
        await new Promise((resolve) => setImmediate(resolve));
        // From here on the batch is being written: later inserts start the next one.
        if (this.openBatch === batch) this.openBatch = undefined;
        return this.insertBatch(pending);
      });
      batch = { pending, outcomes };
      this.openBatch = batch;
    }
    const position = batch.pending.push(clean) - 1;
    return batch.outcomes.then((all) => {
      const outcome = all[position];
      if ('error' in outcome) throw this.storeError(outcome.error);
      return outcome.stored as unknown as WithId<T>;
    });
  }

  /**
   * Appends the valid documents of a batch at once. If NeDB refuses one of them before writing
   * (a unique index, a field name it does not take), it has added none of them to memory: each
   * is then tried alone, so only that one fails. If the append itself fails, all of them fail.
   */
  private async insertBatch(pending: Promise<Doc>[]): Promise<InsertOutcome[]> {
    const checked = await Promise.allSettled(pending);
    const outcomes: InsertOutcome[] = checked.map((c) => (c.status === 'rejected' ? { error: c.reason } : { stored: c.value }));
    const valid = outcomes.flatMap((o, i) => ('stored' in o ? [i] : []));
    const docs = valid.map((i) => (outcomes[i] as { stored: Doc }).stored);
    if (docs.length === 0) return outcomes;
    try {
      const stored = (await this.datastore.insertAsync(docs)) as unknown as Doc[];
      valid.forEach((i, k) => (outcomes[i] = { stored: stored[k] }));
      return outcomes;
    } catch (err) {
      if (err instanceof AppendFailedError) {
        for (const i of valid) outcomes[i] = { error: err };
        return outcomes;
      }
    }
    for (const i of valid) {
      if (this.failure) {
        outcomes[i] = { error: this.refusal() };
        continue;
      }
      try {
        outcomes[i] = { stored: (await this.datastore.insertAsync((outcomes[i] as { stored: Doc }).stored)) as Doc };
      } catch (err) {
        outcomes[i] = { error: err };
      }
    }
    return outcomes;
  }

  insertMany(docs: NewDocument<T>[]): Promise<WithId<T>[]> {
    const clean = Promise.all(docs.map((d) => this.validated(d as Record<string, unknown>)));
    clean.catch(() => undefined);
    // Like insertOne, it takes its place among the writes now. All are validated first (one invalid:
    // none stored); a duplicate stops it, the documents before it stored (as MongoDB's ordered insert).
    return this.write(async () => {
      const valid = await clean;
      if (valid.length === 0) return [];
      try {
        return (await this.datastore.insertAsync(valid)) as unknown as WithId<T>[];
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
      // NeDB added none of them: store them one at a time, in order, up to the duplicate (one append).
      return this.appender.holding(async () => {
        const stored: WithId<T>[] = [];
        for (const doc of valid) {
          try {
            stored.push((await this.datastore.insertAsync(doc)) as unknown as WithId<T>);
          } catch (err) {
            throw isUniqueViolation(err) ? this.duplicate(err, stored.length) : err;
          }
        }
        return stored;
      });
    });
  }

  async find(filter: Filter, options?: FindOptions): Promise<WithId<T>[]> {
    return this.shape(await this.matching(filter), options) as unknown as WithId<T>[];
  }

  async findOne(filter: Filter, options?: FindOptions): Promise<WithId<T> | null> {
    const [first] = await this.find(filter, { ...options, limit: 1 });
    return first ?? null;
  }

  async countDocuments(filter: Filter = {}): Promise<number> {
    return (await this.matching(filter)).length;
  }

  private async updatedCopy(doc: Doc, update: Update): Promise<{ next: Doc; changed: boolean }> {
    const next = structuredClone(doc);
    const simple = applySimpleUpdate(next, update);
    const changed = simple ?? applyUpdate(next, update as never, undefined, undefined, { cloneMode: 'deep' }).length > 0;
    if (!changed) return { next, changed };
    // A counter's $inc, applied by the shortcut (which takes no field name that cannot be stored),
    // leaves a valid stored document valid: no second whole-document check.
    if (simple !== undefined && this.keepsValid(update)) return { next, changed };
    return { next: await this.validated(next), changed };
  }

  /**
   * updateOne's work, inside the write queue: the first match (by sort, if given) updated, or a
   * new document upserted. Also gives the document before and after, for findOneAndUpdate.
   */
  private async updateFirst(
    filter: Filter,
    update: Update,
    options: { upsert?: boolean; sort?: Sort },
  ): Promise<{ result: UpdateResult; before: Doc | null; after: Doc | null }> {
    const matches = await this.matching(filter);
    const [doc] = options.sort && matches.length > 1 ? this.shape(matches, { sort: options.sort, limit: 1 }) : matches;
    if (!doc) {
      if (!options.upsert) return { result: { matched: 0, modified: 0 }, before: null, after: null };
      const { $setOnInsert, ...rest } = update as { $setOnInsert?: Record<string, unknown> };
      const { _id, ...equal } = equalityFields(filter);
      const base: Record<string, unknown> = _id === undefined ? {} : { _id };
      if (Object.keys(equal).length) applyUpdateInPlace(base, { $set: equal });
      if ($setOnInsert) applyUpdateInPlace(base, { $set: $setOnInsert });
      if (Object.keys(rest).length) applyUpdateInPlace(base, rest);
      const inserted = (await this.datastore.insertAsync(await this.validated(base))) as Doc;
      return { result: { matched: 0, modified: 0, upsertedId: inserted._id }, before: null, after: inserted };
    }
    const { $setOnInsert: _ignored, ...rest } = update as { $setOnInsert?: unknown };
    if (Object.keys(rest).length === 0) return { result: { matched: 1, modified: 0 }, before: doc, after: doc };
    const { next, changed } = await this.updatedCopy(doc, rest);
    if (changed) await this.datastore.updateAsync({ _id: doc._id }, next, {});
    // NeDB stores its own copy of next, so handing next out is safe.
    return { result: { matched: 1, modified: changed ? 1 : 0 }, before: doc, after: changed ? next : doc };
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

  updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    assertOperators(update);
    return this.write(async () => {
      const docs = await this.matching(filter);
      const { $setOnInsert: _ignored, ...rest } = update as { $setOnInsert?: unknown };
      const changes = Object.keys(rest).length ? await Promise.all(docs.map((d) => this.updatedCopy(d, rest))) : [];
      let modified = 0;
      // Every document is validated above before any is changed; their lines go as one append.
      await this.appender.holding(async () => {
        for (const { next, changed } of changes) {
          if (!changed) continue;
          await this.datastore.updateAsync({ _id: next._id }, next, {});
          modified++;
        }
      });
      return { matched: docs.length, modified };
    });
  }

  private remove(filter: Filter, one: boolean): Promise<number> {
    return this.write(async () => {
      const docs = await this.matching(filter);
      const ids = (one ? docs.slice(0, 1) : docs).map((d) => d._id);
      if (ids.length === 0) return 0;
      return this.datastore.removeAsync({ _id: { $in: ids } }, { multi: true });
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
    const input = await this.matching(startsWithMatch ? (first.$match as Filter) : {});
    const stages = startsWithMatch ? rest : pipeline;
    return (stages.length ? new Aggregator(stages).run(input) : input) as R[];
  }

  bulkUpdate(operations: BulkUpdate[]): Promise<BulkUpdateResult> {
    for (const op of operations) assertOperators(op.update);
    // One turn in the write queue (no other write comes between the operations), one append.
    return this.write(() =>
      this.appender.holding(async () => {
        const total: BulkUpdateResult = { matched: 0, modified: 0, upserted: 0 };
        for (const op of operations) {
          const { result } = await this.updateFirst(op.filter, op.update, { upsert: op.upsert });
          total.matched += result.matched;
          total.modified += result.modified;
          if (result.upsertedId !== undefined) total.upserted++;
        }
        return total;
      }),
    );
  }

  /**
   * Hands out the matching documents a batch at a time, yielding the event loop between batches.
   * What it holds meanwhile is one reference per document (the stored objects themselves, never
   * changed in place) and one batch of copies, not a copy of every document.
   */
  async *stream(filter: Filter, options: StreamOptions = {}): AsyncGenerator<WithId<T>> {
    const { batchSize = 500, ...findOptions } = options;
    const docs = this.shape(this.storedMatching(filter), findOptions);
    for (let start = 0; start < docs.length; start += batchSize) {
      if (start > 0) await new Promise((resolve) => setImmediate(resolve));
      const batch = docs.slice(start, start + batchSize).map((doc) => nedbModel.deepCopy(doc) as WithId<T>);
      yield* batch;
    }
  }

  drain() {
    return this.queue.drain();
  }
}

export interface EmbeddedStoreOptions {
  dataDir: string;
  collections: CollectionSpec<unknown>[];
  log?: (message: string) => void;
  /** How often expired documents are removed (they are never returned in between). Default: a minute, as MongoDB's TTL monitor. */
  expiryIntervalMs?: number;
  /** How often each file is considered for compaction (compactIfWorthIt). Default: a minute. */
  compactionIntervalMs?: number;
  /** Compaction waits for at least this many appended lines. Default: 1000. */
  compactionMinLines?: number;
}

export async function openEmbeddedStore(options: EmbeddedStoreOptions): Promise<Store> {
  const { dataDir, log = () => undefined, expiryIntervalMs = 60_000, compactionIntervalMs = 60_000, compactionMinLines = 1000 } = options;
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = acquireLock(dataDir);
  const models = mongoose.createConnection();
  const collections = new Map<string, EmbeddedCollection<unknown>>();
  try {
    for (const spec of options.collections) {
      const filename = path.join(dataDir, `${spec.name}.db`);
      if (repairTornTail(filename)) log(`embedded store: cut a half-written last line from ${filename} (a write interrupted by a crash)`);
      const datastore = new Datastore<Doc>({ filename });
      const model = models.model(spec.name, spec.schema, spec.name) as unknown as mongoose.Model<unknown>;
      const appender = new Appender(filename);
      appendSynchronously(datastore, appender);
      insertWithoutCopying(datastore);
      const collection = new EmbeddedCollection(spec.name, datastore, appender, model, expiriesOf(spec.name, spec.indexes));
      await datastore.loadDatabaseAsync();
      // NeDB remembers indexes in its file; the code's declaration is the truth.
      const declared = new Map(spec.indexes.map((i) => [Object.keys(i.fields).sort().join(','), !!i.unique]));
      const existing = (datastore as unknown as { indexes: Record<string, { unique: boolean }> }).indexes;
      for (const [name, index] of Object.entries(existing)) {
        if (name !== '_id' && declared.get(name) !== index.unique) await datastore.removeIndexAsync(name);
      }
      for (const index of spec.indexes) {
        const fieldName = Object.keys(index.fields);
        await datastore.ensureIndexAsync({ fieldName: fieldName.length === 1 ? fieldName[0] : fieldName, unique: !!index.unique });
      }
      labelUniqueViolations(datastore, spec.indexes);
      collections.set(spec.name, collection);
    }
  } catch (err) {
    fs.rmSync(lockFile, { force: true });
    throw err;
  }

  const expiring = [...collections.values()].filter((c) => c.expiries.length > 0);
  const expiryTimer = expiring.length
    ? setInterval(() => {
        for (const c of expiring)
          c.sweepExpired().catch((err: unknown) => log(`embedded store: could not remove expired documents: ${(err as Error).message}`));
      }, expiryIntervalMs).unref()
    : undefined;
  const compactionTimer = setInterval(() => {
    for (const c of collections.values()) {
      c.compactIfWorthIt(compactionMinLines).catch((err: unknown) =>
        log(`embedded store: could not compact a file: ${(err as Error).message}`),
      );
    }
  }, compactionIntervalMs).unref();

  let closed = false;
  return {
    engine: 'embedded',
    collection<T>(spec: CollectionSpec<T>): Collection<T> {
      const collection = collections.get(spec.name);
      if (!collection) throw new Error(`The collection "${spec.name}" was not declared when the store was opened.`);
      return collection as unknown as Collection<T>;
    },
    async status() {
      if (closed) return { engine: 'embedded' as const, reachable: false, detail: 'closed' };
      const failed = [...collections.values()].find((c) => c.failure);
      if (failed)
        return {
          engine: 'embedded' as const,
          reachable: false,
          detail: `writes stopped: ${failed.failure!.message}; restart Mera once the disk is fixed`,
        };
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
      clearInterval(expiryTimer);
      clearInterval(compactionTimer);
      for (const c of collections.values()) c.closed = true;
      await Promise.all([...collections.values()].map((c) => c.drain()));
      fs.rmSync(lockFile, { force: true });
    },
  };
}
