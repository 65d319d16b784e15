// The MongoDB engine: a thin layer over mongoose. Filters, updates and pipelines pass through
// unchanged; mongoose validates documents against the same schemas the embedded engine uses.
import mongoose from 'mongoose';
import { cutoff, expiriesOf, type Expiry } from './expiry';
import {
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
  StreamOptions,
  Update,
  UpdateOptions,
  WithId,
} from './port';

function translate(name: string, err: unknown): unknown {
  if ((err as { code?: number })?.code === 11000) return new DuplicateKeyError(name, `${name}: ${(err as Error).message}`);
  if (err instanceof mongoose.Error.ValidationError || err instanceof mongoose.Error.StrictModeError || err instanceof mongoose.Error.CastError) {
    return invalidDocument(name, err);
  }
  return err;
}

function mongoCollection<T>(name: string, model: mongoose.Model<any>, expiries: Expiry[]): Collection<T> {
  const guard = async <R>(work: () => Promise<R>): Promise<R> => {
    try {
      return await work();
    } catch (err) {
      throw translate(name, err);
    }
  };
  // MongoDB's TTL monitor removes expired documents once a minute: until it does, reads leave
  // them out, and writes first remove them (through the TTL index), so that an upsert or a
  // unique insert never meets one.
  const unexpired = () => expiries.map((e) => ({ [e.field]: { $not: { $lte: cutoff(e, Date.now()) } } }));
  const live = (filter: Filter): Filter => (expiries.length === 0 ? filter : { $and: [filter, ...unexpired()] });
  const write = <R>(work: () => Promise<R>): Promise<R> =>
    guard(async () => {
      if (expiries.length) await model.deleteMany({ $or: expiries.map((e) => ({ [e.field]: { $lte: cutoff(e, Date.now()) } })) });
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
    insertOne: (doc: NewDocument<T>) => write(async () => (await model.create(doc)).toObject() as WithId<T>),
    insertMany: (docs: NewDocument<T>[]) =>
      write(async () => (await model.insertMany(docs)).map((d: mongoose.Document) => d.toObject() as WithId<T>)),
    find: (filter, options) => guard(async () => (await query(filter, options)) as WithId<T>[]),
    findOne: (filter, options) => guard(async () => ((await query(filter, { ...options, limit: 1 }))[0] as WithId<T>) ?? null),
    countDocuments: (filter = {}) => guard(() => model.countDocuments(live(filter)).exec()),
    updateOne: (filter: Filter, update: Update, options: UpdateOptions = {}) =>
      write(async () => {
        const r = await model.updateOne(filter, update, { upsert: !!options.upsert, runValidators: true, setDefaultsOnInsert: true });
        return { matched: r.matchedCount, modified: r.modifiedCount, upsertedId: r.upsertedId ? String(r.upsertedId) : undefined };
      }),
    updateMany: (filter, update) =>
      write(async () => {
        const r = await model.updateMany(filter, update, { runValidators: true });
        return { matched: r.matchedCount, modified: r.modifiedCount };
      }),
    deleteOne: (filter) => write(async () => (await model.deleteOne(filter)).deletedCount),
    deleteMany: (filter) => write(async () => (await model.deleteMany(filter)).deletedCount),
    findOneAndUpdate: (filter: Filter, update: Update, options: FindOneAndUpdateOptions = {}) =>
      write(async () => {
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
      }),
    bulkUpdate: (operations: BulkUpdate[]) =>
      write(async () => {
        if (operations.length === 0) return { matched: 0, modified: 0, upserted: 0 };
        // Ordered (the default): applied in turn, stopping at the first that fails.
        const r = await model.bulkWrite(
          operations.map((op) => ({ updateOne: { filter: op.filter, update: op.update, upsert: !!op.upsert } })),
          { ordered: true },
        );
        return { matched: r.matchedCount, modified: r.modifiedCount, upserted: r.upsertedCount };
      }),
    stream: (filter: Filter, options: StreamOptions = {}) => {
      const { batchSize = 500, ...findOptions } = options;
      const cursor = () => query(filter, findOptions).cursor({ batchSize });
      return {
        async *[Symbol.asyncIterator]() {
          try {
            for await (const doc of cursor()) yield doc as WithId<T>;
          } catch (err) {
            throw translate(name, err);
          }
        },
      };
    },
    aggregate: <R>(pipeline: Pipeline) =>
      guard(async () => {
        const stages = expiries.length ? [{ $match: { $and: unexpired() } }, ...pipeline] : pipeline;
        return (await model.aggregate(stages as unknown as mongoose.PipelineStage[])) as R[];
      }),
  };
}

export interface MongoStoreOptions {
  uri: string;
  collections: CollectionSpec<unknown>[];
}

export async function openMongoStore(options: MongoStoreOptions): Promise<Store> {
  const connection = await mongoose.createConnection(options.uri, { serverSelectionTimeoutMS: 10_000 }).asPromise();
  const collections = new Map<string, Collection<unknown>>();
  for (const spec of options.collections) {
    const schema = spec.schema.clone();
    const expiries = expiriesOf(spec.name, spec.indexes);
    for (const index of spec.indexes) {
      schema.index(index.fields, { unique: !!index.unique, ...(index.expireAfterSeconds === undefined ? {} : { expireAfterSeconds: index.expireAfterSeconds }) });
    }
    const model = connection.model(spec.name, schema, spec.name);
    await model.createIndexes();
    collections.set(spec.name, mongoCollection(spec.name, model, expiries));
  }
  return {
    engine: 'mongodb',
    collection<T>(spec: CollectionSpec<T>) {
      const collection = collections.get(spec.name);
      if (!collection) throw new Error(`The collection "${spec.name}" was not declared when the store was opened.`);
      return collection as Collection<T>;
    },
    async status() {
      try {
        await connection.db!.admin().ping();
        return { engine: 'mongodb' as const, reachable: true };
      } catch (err) {
        return { engine: 'mongodb' as const, reachable: false, detail: (err as Error).message };
      }
    },
    async close() {
      await connection.close();
    },
  };
}
