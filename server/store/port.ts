// The storage port: the only way Mera's components reach their data. Filters, updates and
// pipelines are MongoDB's own language, so the same objects run on both engines.
import mongoose, { Schema } from 'mongoose';
import crypto from 'node:crypto';
import { Problem } from '../errors';

export type Filter = Record<string, unknown>;
export type Update = Record<string, unknown>;
export type Pipeline = Record<string, unknown>[];
export type Sort = Record<string, 1 | -1>;

export interface FindOptions {
  sort?: Sort;
  skip?: number;
  limit?: number;
  projection?: Record<string, 0 | 1>;
}

export interface UpdateOptions {
  upsert?: boolean;
}

export interface UpdateResult {
  matched: number;
  modified: number;
  upsertedId?: string;
}

export interface FindOneAndUpdateOptions {
  /** Insert when nothing matches (equality fields of the filter, $setOnInsert and the update). */
  upsert?: boolean;
  /** The document as it was before the update, or as it is after it (default: 'after'). */
  returnDocument?: 'before' | 'after';
  /** Which document to take when several match. */
  sort?: Sort;
}

/** One update of a bulk write: updateOne semantics (the first match, optionally upserted). */
export interface BulkUpdate {
  filter: Filter;
  update: Update;
  upsert?: boolean;
}

export interface BulkUpdateResult {
  matched: number;
  modified: number;
  upserted: number;
}

export interface StreamOptions extends FindOptions {
  /** Documents read per batch (default 500). */
  batchSize?: number;
}

export interface IndexSpec {
  fields: Record<string, 1 | -1>;
  unique?: boolean;
  /**
   * Expiry (MongoDB's TTL index): a document whose Date in the (single) indexed field is more than
   * this many seconds in the past is removed. Neither engine ever returns an expired document,
   * even before the removal has run (MongoDB's TTL monitor runs once a minute).
   */
  expireAfterSeconds?: number;
}

/** A collection's name, its document shape (a mongoose schema, used by both engines) and its indexes. */
export interface CollectionSpec<T> {
  readonly name: string;
  readonly schema: Schema;
  readonly indexes: IndexSpec[];
  /** Type carrier only. */
  readonly _type?: T;
}

export type WithId<T> = T & { _id: string };
export type NewDocument<T> = Omit<T, '_id'> & { _id?: string };

export interface Collection<T> {
  insertOne(doc: NewDocument<T>): Promise<WithId<T>>;
  insertMany(docs: NewDocument<T>[]): Promise<WithId<T>[]>;
  findOne(filter: Filter, options?: FindOptions): Promise<WithId<T> | null>;
  find(filter: Filter, options?: FindOptions): Promise<WithId<T>[]>;
  countDocuments(filter?: Filter): Promise<number>;
  updateOne(filter: Filter, update: Update, options?: UpdateOptions): Promise<UpdateResult>;
  updateMany(filter: Filter, update: Update): Promise<UpdateResult>;
  /** Atomically updates the first match (by sort) and returns it before or after; null when none matched and no upsert. */
  findOneAndUpdate(filter: Filter, update: Update, options?: FindOneAndUpdateOptions): Promise<WithId<T> | null>;
  /** Many updateOne operations in one call (rollup counters: $inc with upsert), applied in order. */
  bulkUpdate(operations: BulkUpdate[]): Promise<BulkUpdateResult>;
  /** Reads matching documents in batches, for exports of large campaigns. */
  stream(filter: Filter, options?: StreamOptions): AsyncIterable<WithId<T>>;
  deleteOne(filter: Filter): Promise<number>;
  deleteMany(filter: Filter): Promise<number>;
  /** Runs a pipeline of supportedStages (others are refused on both engines); expired documents never enter it. */
  aggregate<R = Record<string, unknown>>(pipeline: Pipeline): Promise<R[]>;
}

/**
 * The aggregation stages both engines run the same (the embedded engine through mingo). Others —
 * $lookup, $graphLookup, $out, $merge, $unionWith, $geoNear, $search... — are refused by both
 * engines: the embedded one cannot reach other collections or write from a pipeline.
 */
const supportedStages = [
  '$match',
  '$project',
  '$addFields',
  '$set',
  '$unset',
  '$group',
  '$sort',
  '$limit',
  '$skip',
  '$unwind',
  '$count',
  '$facet',
  '$replaceRoot',
  '$sortByCount',
] as const;

/** Throws unless every stage (also inside $facet) is one of supportedStages. */
export function assertSupportedPipeline(collection: string, pipeline: Pipeline): void {
  for (const stage of pipeline) {
    const names = Object.keys(stage);
    const name = names[0];
    if (names.length !== 1 || !(supportedStages as readonly string[]).includes(name)) {
      throw new Error(
        `${collection}: the aggregation stage ${names.join(', ') || '{}'} is not supported by the storage port (supported: ${supportedStages.join(', ')}).`,
      );
    }
    if (name === '$facet') {
      for (const sub of Object.values(stage.$facet as Record<string, Pipeline>)) assertSupportedPipeline(collection, sub);
    }
  }
}

export interface EngineStatus {
  engine: 'embedded' | 'mongodb';
  reachable: boolean;
  detail?: string;
}

export interface Store {
  readonly engine: 'embedded' | 'mongodb';
  collection<T>(spec: CollectionSpec<T>): Collection<T>;
  status(): Promise<EngineStatus>;
  close(): Promise<void>;
}

const idBytes = 12;
/** Random bytes drawn for 256 ids at a time: one randomBytes call per id cost ~15 µs on every submission. */
let idPool = Buffer.alloc(0);
let idPoolOffset = 0;

/** Random, opaque ids: unlike ObjectIds they carry no creation time (anonymous responses rely on it). */
export function newId(): string {
  if (idPoolOffset + idBytes > idPool.length) {
    idPool = crypto.randomBytes(idBytes * 256);
    idPoolOffset = 0;
  }
  const id = idPool.toString('hex', idPoolOffset, idPoolOffset + idBytes);
  idPoolOffset += idBytes;
  return id;
}

/**
 * Declares a collection. Every schema gets a string `_id` made by newId, no version key, and
 * strict mode "throw" so a field the schema does not name is an error rather than silently dropped.
 */
export function defineCollection<T>(name: string, definition: Record<string, unknown>, indexes: IndexSpec[] = []): CollectionSpec<T> {
  const schema = new Schema(
    { _id: { type: String, default: newId }, ...definition },
    { versionKey: false, strict: 'throw', minimize: false },
  );
  return { name, schema, indexes };
}

export const Mixed = Schema.Types.Mixed;

/** Store-level failures, engine-independent. Mapped to Problems by the services that expect them. */
export class DuplicateKeyError extends Error {
  constructor(
    readonly collection: string,
    message: string,
    /** The fields of the unique index that was violated (e.g. ["email"]; ["_id"] for a reused _id). */
    readonly fields: string[] = [],
    /** insertMany only: how many of its documents, those before the duplicate, were stored. */
    readonly storedBefore?: number,
  ) {
    super(message);
    this.name = 'DuplicateKeyError';
  }
}

/**
 * The database cannot be reached (MongoDB down, no primary, a write not acknowledged in time). A
 * Problem, so the one error handler answers 503 with a sentence; the driver's error is the cause.
 */
export class StoreUnavailableError extends Problem<'storage.unavailable'> {
  constructor(
    readonly collection: string,
    cause: unknown,
  ) {
    super('storage.unavailable');
    this.name = 'StoreUnavailableError';
    this.cause = cause;
  }
}

export class InvalidDocumentError extends Error {
  constructor(
    readonly collection: string,
    readonly path: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidDocumentError';
  }
}

/** A field name no engine stores ("." inside, or "$" first), at any depth: the path names it. */
export function badFieldName(collection: string, bad: { path: string; key: string }): InvalidDocumentError {
  return new InvalidDocumentError(
    collection,
    bad.path,
    `${collection}: the field name "${bad.key}" (at ${bad.path}) cannot be stored: field names must not contain "." or start with "$".`,
  );
}

export function invalidDocument(
  collection: string,
  err: mongoose.Error.ValidationError | mongoose.Error.StrictModeError | Error,
): InvalidDocumentError {
  if (err instanceof mongoose.Error.ValidationError) {
    const [first] = Object.values(err.errors);
    return new InvalidDocumentError(collection, first?.path, `${collection}: ${first?.message ?? err.message}`);
  }
  return new InvalidDocumentError(collection, (err as { path?: string }).path, `${collection}: ${err.message}`);
}

/*
 * The contract, in short (tests/store/contract.test.ts is the full statement):
 * - Filters, updates and pipelines are MongoDB's language; values must already have the
 *   schema's types (the embedded engine does not cast "10" to 10; input is validated at the edge).
 * - Updates must use operators. Documents are validated by the collection's mongoose schema on
 *   insert and on update; on MongoDB, update validation covers the values an update sets, not
 *   the result of $inc or of a whole upsert.
 * - A unique index violation is a DuplicateKeyError naming the index's fields; a schema violation,
 *   or a field name with "." or a leading "$" at any depth, an InvalidDocumentError naming the path.
 *   MongoDB being unreachable is a StoreUnavailableError (503).
 * - insertMany validates every document first (one invalid: none stored), then stores them in
 *   order; a duplicate stops it, with the documents before it stored (storedBefore says how many).
 * - bulkUpdate applies its operations in order and stops at the first failure, which is thrown;
 *   the ones before it stay applied (on MongoDB an update that cannot be cast refuses the whole call).
 * - Expired documents (IndexSpec.expireAfterSeconds) are never read, matched or counted, and every
 *   write first removes them.
 * - Aggregation runs supportedStages only, on both engines.
 */
