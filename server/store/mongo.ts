// The MongoDB engine: a thin layer over mongoose. Filters, updates and pipelines pass through
// unchanged; mongoose validates documents against the same schemas the embedded engine uses.
import { nowMs } from '../clock';
import mongoose from 'mongoose';
import { cutoff, expiriesOf } from './expiry';
import { findBadFieldName } from './field-names';
import {
  assertSupportedPipeline,
  badFieldName,
  BulkUpdate,
  Collection,
  CollectionSpec,
  DuplicateKeyError,
  Filter,
  FindOneAndUpdateOptions,
  FindOptions,
  invalidDocument,
  NewDocument,
  Pipeline,
  Store,
  StoreUnavailableError,
  StreamOptions,
  Update,
  UpdateOptions,
  WithId,
} from './port';

interface ServerError {
  code?: number;
  errmsg?: string;
  keyPattern?: Record<string, unknown>;
  /** A bulk write's (insertMany's) failures; the driver's WriteError keeps the server's document in err. */
  writeErrors?: { code?: number; errmsg?: string; err?: ServerError }[];
  /** Set by mongoose's insertMany: the documents stored before the failure. */
  insertedDocs?: unknown[];
}

/** The index's name as MongoDB makes it by default (mongoose does not name indexes): code_1, school_1_person_1. */
function defaultIndexName(fields: Record<string, 1 | -1>): string {
  return Object.entries(fields)
    .map(([field, direction]) => `${field}_${direction}`)
    .join('_');
}

/**
 * The fields of the violated index: the server's keyPattern (on the error, or on a bulk write's
 * first write error), else the index name in the message ("index: code_1 dup key: ...").
 */
function duplicateFields(err: ServerError, indexNames: Map<string, string[]>): string[] {
  const first = err.writeErrors?.[0];
  const keyPattern = err.keyPattern ?? first?.err?.keyPattern;
  if (keyPattern) return Object.keys(keyPattern);
  const indexName = /index: (\S+) dup key/.exec(err.errmsg ?? first?.errmsg ?? String((err as Error).message))?.[1];
  return (indexName && indexNames.get(indexName)) || [];
}

/**
 * The driver's and mongoose's errors for "no server to talk to": none selectable within
 * serverSelectionTimeoutMS, a network failure or time-out, a client closed or never connected
 * (bufferCommands: false), a write concern not satisfied within wtimeoutMS (code 64).
 */
const unavailableErrors = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoClientClosedError',
  'MongoServerClosedError',
  'MongoWriteConcernError',
]);

function isUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (unavailableErrors.has(err.name)) return true;
  if ((err as { code?: number }).code === 64 || (err as { writeConcernError?: { code?: number } }).writeConcernError?.code === 64)
    return true;
  // mongoose with bufferCommands: false, before the first connection or after close().
  return err.name === 'MongooseError' && /bufferCommands = false/.test(err.message);
}

/** A driver or mongoose error as the port's error (exported for tests: no MongoDB server runs here). */
export function translate(name: string, err: unknown, indexNames: Map<string, string[]> = new Map()): unknown {
  if (isUnavailable(err)) return new StoreUnavailableError(name, err);
  const server = (err ?? {}) as ServerError;
  if (server.code === 11000 || server.writeErrors?.[0]?.code === 11000) {
    return new DuplicateKeyError(
      name,
      `${name}: ${(err as Error).message}`,
      duplicateFields(server, indexNames),
      server.insertedDocs?.length,
    );
  }
  if (
    err instanceof mongoose.Error.ValidationError ||
    err instanceof mongoose.Error.StrictModeError ||
    err instanceof mongoose.Error.CastError
  ) {
    return invalidDocument(name, err);
  }
  return err;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- lean documents are typed by the collection spec, not by mongoose: its Model stays untyped here
function mongoCollection<T>(spec: CollectionSpec<unknown>, model: mongoose.Model<any>): Collection<T> {
  const { name } = spec;
  const expiries = expiriesOf(name, spec.indexes);
  const indexNames = new Map([
    ['_id_', ['_id']],
    ...spec.indexes.map((i) => [defaultIndexName(i.fields), Object.keys(i.fields)] as [string, string[]]),
  ]);
  const guard = async <R>(work: () => Promise<R>): Promise<R> => {
    try {
      return await work();
    } catch (err) {
      throw translate(name, err, indexNames);
    }
  };
  // MongoDB's TTL monitor removes expired documents once a minute: until it does, reads leave
  // them out, and writes first remove them (through the TTL index), so that an upsert or a
  // unique insert never meets one.
  const unexpired = () => expiries.map((e) => ({ [e.field]: { $not: { $lte: cutoff(e, nowMs()) } } }));
  const live = (filter: Filter): Filter =>
    expiries.length === 0 ? filter : { $and: [...(Object.keys(filter).length ? [filter] : []), ...unexpired()] };
  // Field names the embedded engine cannot store are refused here too, so both engines agree: in
  // documents inserted, and inside the values an update writes (its keys are paths: dots allowed).
  const checkFieldNames = ({ docs = [], updates = [] }: { docs?: unknown[]; updates?: Update[] }) => {
    for (const doc of docs) {
      const bad = findBadFieldName(doc);
      if (bad) throw badFieldName(name, bad);
    }
    for (const update of updates) {
      for (const fields of Object.values(update)) {
        if (fields === null || typeof fields !== 'object') continue;
        for (const [path, value] of Object.entries(fields)) {
          const bad = findBadFieldName(value);
          if (bad) throw badFieldName(name, { path: `${path}.${bad.path}`, key: bad.key });
        }
      }
    }
  };
  const write = <R>(work: () => Promise<R>, written: { docs?: unknown[]; updates?: Update[] } = {}): Promise<R> =>
    guard(async () => {
      checkFieldNames(written);
      if (expiries.length) await model.deleteMany({ $or: expiries.map((e) => ({ [e.field]: { $lte: cutoff(e, nowMs()) } })) });
      return work();
    });
  const query = (filter: Filter, options: FindOptions = {}) => {
    let q = model.find(live(filter), options.projection ?? null).lean();
    if (options.sort) q = q.sort(options.sort);
    if (options.skip) q = q.skip(options.skip);
    if (options.limit) q = q.limit(options.limit);
    return q;
  };
  return {
    insertOne: (doc: NewDocument<T>) => write(async () => (await model.create(doc)).toObject() as WithId<T>, { docs: [doc] }),
    insertMany: (docs: NewDocument<T>[]) =>
      write(async () => (await model.insertMany(docs)).map((d: mongoose.Document) => d.toObject() as WithId<T>), { docs }),
    find: (filter, options) => guard(async () => (await query(filter, options)) as WithId<T>[]),
    findOne: (filter, options) => guard(async () => ((await query(filter, { ...options, limit: 1 }))[0] as WithId<T>) ?? null),
    countDocuments: (filter = {}) => guard(() => model.countDocuments(live(filter)).exec()),
    updateOne: (filter: Filter, update: Update, options: UpdateOptions = {}) =>
      write(
        async () => {
          const r = await model.updateOne(filter, update, { upsert: !!options.upsert, runValidators: true, setDefaultsOnInsert: true });
          return { matched: r.matchedCount, modified: r.modifiedCount, upsertedId: r.upsertedId ? String(r.upsertedId) : undefined };
        },
        { updates: [update] },
      ),
    updateMany: (filter, update) =>
      write(
        async () => {
          const r = await model.updateMany(filter, update, { runValidators: true });
          return { matched: r.matchedCount, modified: r.modifiedCount };
        },
        { updates: [update] },
      ),
    deleteOne: (filter) => write(async () => (await model.deleteOne(filter)).deletedCount),
    deleteMany: (filter) => write(async () => (await model.deleteMany(filter)).deletedCount),
    findOneAndUpdate: (filter: Filter, update: Update, options: FindOneAndUpdateOptions = {}) =>
      write(
        async () => {
          const found = await model
            .findOneAndUpdate(filter, update, {
              upsert: !!options.upsert,
              returnDocument: options.returnDocument ?? 'after',
              sort: options.sort,
              runValidators: true,
              setDefaultsOnInsert: true,
            })
            .lean();
          return (found as WithId<T> | null) ?? null;
        },
        { updates: [update] },
      ),
    bulkUpdate: (operations: BulkUpdate[]) =>
      write(
        async () => {
          if (operations.length === 0) return { matched: 0, modified: 0, upserted: 0 };
          // Ordered (the default): applied in turn, stopping at the first that fails.
          const r = await model.bulkWrite(
            operations.map((op) => ({ updateOne: { filter: op.filter, update: op.update, upsert: !!op.upsert } })),
            { ordered: true },
          );
          return { matched: r.matchedCount, modified: r.modifiedCount, upserted: r.upsertedCount };
        },
        { updates: operations.map((op) => op.update) },
      ),
    stream: (filter: Filter, options: StreamOptions = {}) => {
      const { batchSize = 500, ...findOptions } = options;
      const cursor = () => query(filter, findOptions).cursor({ batchSize });
      return {
        async *[Symbol.asyncIterator]() {
          try {
            for await (const doc of cursor()) yield doc as WithId<T>;
          } catch (err) {
            throw translate(name, err, indexNames);
          }
        },
      };
    },
    aggregate: <R>(pipeline: Pipeline) =>
      guard(async () => {
        assertSupportedPipeline(name, pipeline);
        const stages = expiries.length ? [{ $match: { $and: unexpired() } }, ...pipeline] : pipeline;
        return (await model.aggregate(stages as unknown as mongoose.PipelineStage[])) as R[];
      }),
  };
}

export interface MongoStoreOptions {
  uri: string;
  collections: CollectionSpec<unknown>[];
  /** Default 'majority': a write is acknowledged once most of the replica set has it (it survives a failover). */
  writeConcern?: 'majority' | number;
  /** Default 20 connections per process (the driver's own default is 100). */
  poolSize?: number;
  /** Default 5 s: server selection, connecting and write acknowledgement; then the operation fails (503). */
  timeoutMs?: number;
  log?: (message: string) => void;
}

/** How long status() waits for a ping: /api/health must answer within 2 s even when MongoDB does not. */
const pingLimitMs = 1500;

export async function openMongoStore(options: MongoStoreOptions): Promise<Store> {
  const { writeConcern = 'majority', poolSize = 20, timeoutMs = 5000, log = () => undefined } = options;
  const connection = mongoose.createConnection(options.uri, {
    // Fail at once instead of queueing operations in memory while disconnected (mongoose's default
    // would hold requests for bufferTimeoutMS, 10 s): a request during an outage gets a 503 soon.
    bufferCommands: false,
    // Indexes are made by syncIndexes below, once, before the store is used.
    autoIndex: false,
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    // Long enough for a large export's aggregation; a dead socket is still noticed.
    socketTimeoutMS: Math.max(30_000, timeoutMs * 6),
    maxPoolSize: poolSize,
    writeConcern: { w: writeConcern, wtimeoutMS: timeoutMs },
  });
  try {
    await connection.asPromise();
  } catch (err) {
    // Start-up fails fast (no server within the time-out); leave no client or timer behind.
    await connection.close().catch(() => undefined);
    throw err;
  }
  connection.on('disconnected', () => log('mongodb: disconnected; requests that need the store answer 503 until it is back'));
  connection.on('reconnected', () => log('mongodb: reconnected'));
  const collections = new Map<string, Collection<unknown>>();
  try {
    for (const spec of options.collections) {
      const schema = spec.schema.clone();
      for (const index of spec.indexes) {
        schema.index(index.fields, {
          unique: !!index.unique,
          ...(index.expireAfterSeconds === undefined ? {} : { expireAfterSeconds: index.expireAfterSeconds }),
        });
      }
      const model = connection.model(spec.name, schema, spec.name);
      // The declared indexes are the truth: missing ones are built, changed ones (unique, expiry)
      // rebuilt and undeclared ones dropped (createIndexes would leave a changed one as it was).
      await model.syncIndexes();
      collections.set(spec.name, mongoCollection(spec, model));
    }
  } catch (err) {
    await connection.close();
    throw err;
  }
  return {
    engine: 'mongodb',
    collection<T>(spec: CollectionSpec<T>) {
      const collection = collections.get(spec.name);
      if (!collection) throw new Error(`The collection "${spec.name}" was not declared when the store was opened.`);
      return collection as Collection<T>;
    },
    async status() {
      let timer: NodeJS.Timeout | undefined;
      try {
        const ping = connection.db!.admin().ping();
        const limit = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer to a ping within ${pingLimitMs} ms`)), pingLimitMs);
        });
        ping.catch(() => undefined); // when the limit wins, the ping's own failure comes later
        await Promise.race([ping, limit]);
        return { engine: 'mongodb' as const, reachable: true };
      } catch (err) {
        return { engine: 'mongodb' as const, reachable: false, detail: (err as Error).message };
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      await connection.close();
    },
  };
}
