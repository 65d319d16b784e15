// The parts of the MongoDB engine that can be checked without a MongoDB server (none can be
// installed here): its configuration, failing fast when no server answers, and how the driver's
// own error classes become the port's errors. The contract suite runs the rest when MONGODB_URI is set.
import mongoose from 'mongoose';
import net from 'node:net';
import { ConfigError, loadConfig, loadConfigOnMongo } from '../../server/config';
import { Problem } from '../../server/errors';
import { openMongoStore, translate } from '../../server/store/mongo';
import { defineCollection, DuplicateKeyError, StoreUnavailableError } from '../../server/store/port';

const { MongoBulkWriteError, MongoNetworkError, MongoServerError, MongoServerSelectionError } = mongoose.mongo;

describe('MongoDB configuration', () => {
  it('defaults to write concern "majority", 20 connections and 5 s time-outs when only MONGODB_URI is set', () => {
    expect(loadConfig({ MONGODB_URI: 'mongodb://db.example:27017/mera' }).storage).toEqual({
      engine: 'mongodb',
      uri: 'mongodb://db.example:27017/mera',
      writeConcern: 'majority',
      poolSize: 20,
      timeoutMs: 5000,
    });
  });

  it('takes a number of members as write concern, a pool size and a time-out from the environment', () => {
    const config = loadConfig({
      MONGODB_URI: 'mongodb://db',
      MERA_MONGODB_WRITE_CONCERN: '2',
      MERA_MONGODB_POOL_SIZE: '50',
      MERA_MONGODB_TIMEOUT_MS: '2500',
    });
    expect(config.storage).toMatchObject({ writeConcern: 2, poolSize: 50, timeoutMs: 2500 });
  });

  it('`npm run migrate -- --to-mongodb <uri>` reads the MongoDB settings for the uri given, the rest from the environment', () => {
    const saved = process.env.MERA_MONGODB_POOL_SIZE;
    process.env.MERA_MONGODB_POOL_SIZE = '7';
    try {
      expect(loadConfigOnMongo('mongodb://target.example/mera').storage).toMatchObject({
        engine: 'mongodb',
        uri: 'mongodb://target.example/mera',
        poolSize: 7,
      });
    } finally {
      if (saved === undefined) delete process.env.MERA_MONGODB_POOL_SIZE;
      else process.env.MERA_MONGODB_POOL_SIZE = saved;
    }
  });

  it.each([
    ['MERA_MONGODB_WRITE_CONCERN', '0'],
    ['MERA_MONGODB_WRITE_CONCERN', 'all'],
    ['MERA_MONGODB_POOL_SIZE', '0'],
    ['MERA_MONGODB_TIMEOUT_MS', 'soon'],
  ])('refuses %s=%s with an error naming the variable', (name, value) => {
    expect(() => loadConfig({ MONGODB_URI: 'mongodb://db', [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ MONGODB_URI: 'mongodb://db', [name]: value })).toThrow(new RegExp(name));
  });
});

describe('MongoDB engine without a server', () => {
  it('opening it when nothing answers on the port fails with a server selection error instead of waiting', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const things = defineCollection('things', { name: String });
    await expect(openMongoStore({ uri: `mongodb://127.0.0.1:${port}/mera`, collections: [things], timeoutMs: 300 })).rejects.toThrow(
      /ECONNREFUSED|Server selection|connect/i,
    );
  });
});

describe('MongoDB errors as the port says them', () => {
  const indexNames = new Map([
    ['_id_', ['_id']],
    ['code_1', ['code']],
    ['school_1_person_1', ['school', 'person']],
  ]);

  it('a duplicate key error with keyPattern becomes a DuplicateKeyError naming the index fields', () => {
    const err = new MongoServerError({
      message: 'E11000 duplicate key error collection: mera.items index: school_1_person_1 dup key: { school: "s1", person: "p1" }',
      code: 11000,
      keyPattern: { school: 1, person: 1 },
      keyValue: { school: 's1', person: 'p1' },
    });
    const translated = translate('enrolments', err, indexNames) as DuplicateKeyError;
    expect(translated).toBeInstanceOf(DuplicateKeyError);
    expect(translated.fields).toEqual(['school', 'person']);
    expect(translated.storedBefore).toBeUndefined();
  });

  it('a duplicate key error without keyPattern names the fields from the index name in its message', () => {
    const err = new MongoServerError({
      message: 'E11000 duplicate key error collection: mera.items index: code_1 dup key: { code: "x" }',
      code: 11000,
    });
    expect((translate('items', err, indexNames) as DuplicateKeyError).fields).toEqual(['code']);
  });

  it("an ordered insertMany's bulk write error becomes a DuplicateKeyError with the fields and how many were stored", () => {
    const writeError = {
      index: 2,
      code: 11000,
      errmsg: 'E11000 duplicate key error collection: mera.items index: code_1 dup key: { code: "k3" }',
      keyPattern: { code: 1 },
    };
    const err = new MongoBulkWriteError(
      { message: writeError.errmsg, code: 11000, writeErrors: [{ err: writeError, code: 11000, errmsg: writeError.errmsg }] } as never,
      {} as never,
    );
    Object.assign(err, { insertedDocs: [{}, {}] });
    const translated = translate('items', err, indexNames) as DuplicateKeyError;
    expect(translated).toBeInstanceOf(DuplicateKeyError);
    expect(translated.fields).toEqual(['code']);
    expect(translated.storedBefore).toBe(2);
  });

  it('no server to talk to (selection time-out, network failure, write concern time-out) becomes a 503 Problem', () => {
    const errors = [
      new MongoServerSelectionError('Server selection timed out after 5000 ms', { servers: new Map() } as never),
      new MongoNetworkError('connection 3 to 10.0.0.5:27017 closed'),
      new MongoServerError({ message: 'waiting for replication timed out', code: 64 }),
    ];
    for (const err of errors) {
      const translated = translate('items', err, indexNames);
      expect(translated).toBeInstanceOf(StoreUnavailableError);
      expect(translated).toBeInstanceOf(Problem);
      expect(translated).toMatchObject({ status: 503, code: 'storage.unavailable' });
      expect((translated as Error).message).not.toMatch(/10\.0\.0\.5/);
    }
  });

  it('other errors pass through unchanged', () => {
    const err = new Error('something else');
    expect(translate('items', err, indexNames)).toBe(err);
  });
});
