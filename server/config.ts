// Mera's configuration: the environment, parsed and validated once at start-up.
// Nothing else in the server reads process.env; everything receives a Config.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** The project's root: the folder holding package.json (works from server/ and from dist/server/). */
function projectRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Mera: cannot find the project root (no package.json above ' + __dirname + ')');
    dir = parent;
  }
  return dir;
}

const booleanFlag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const byteSize = z.string().regex(/^\d+(b|kb|mb)$/i, 'a size such as 100kb or 1mb');

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  MERA_DATA_DIR: z.string().min(1).optional(),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'a mongodb:// or mongodb+srv:// connection string')
    .optional(),
  MERA_SQLITE_SYNCHRONOUS: z.enum(['normal', 'full']).default('normal'),
  MERA_MONGODB_WRITE_CONCERN: z
    .string()
    .regex(/^(majority|[1-9]\d*)$/, '"majority" or a number of members (1 or more)')
    .default('majority'),
  MERA_MONGODB_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(20),
  MERA_MONGODB_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
  MERA_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  MERA_SEED_DEMO: booleanFlag.optional(),
  MERA_BODY_LIMIT: byteSize.default('100kb'),
  MERA_UPLOAD_LIMIT: byteSize.default('2mb'),
  MERA_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  MERA_ADMIN_TOKEN: z.string().min(24, 'at least 24 characters').optional(),
  MERA_PUBLIC_URL: z.string().url().optional(),
  MERA_LOG_REQUESTS: booleanFlag.default(false),
  MERA_MIN_GROUP_SIZE: z.coerce.number().int().min(1, 'at least 1').max(1000).default(5),
  MERA_TIME_ZONE: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'an IANA time zone such as Europe/Moscow')
    .default('Europe/Moscow'),
  // Accounts: sessions, login limits, mail.
  MERA_SESSION_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  MERA_SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(12),
  MERA_SECURE_COOKIES: booleanFlag.optional(),
  MERA_TRUST_PROXY: z
    .string()
    .regex(/^(\d|false|no)$/, 'the number of proxies in front of Mera (0 to 9, e.g. 1); "true" (trust every hop) is refused')
    .transform((v) => (/^\d$/.test(v) ? Number(v) : 0))
    .default(0),
  MERA_LOGIN_LIMIT_ACCOUNT: z.coerce.number().int().min(1).default(5),
  MERA_LOGIN_LIMIT_ADDRESS: z.coerce.number().int().min(1).default(30),
  MERA_INVITATIONS_PER_DAY: z.coerce.number().int().min(1).max(100_000).default(300),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'an smtp:// or smtps:// URL')
    .optional(),
  MERA_MAIL_FROM: z.string().min(3).default('Mera <mera@localhost>'),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  root: string;
  /** Where the embedded engine keeps its files (and the outbox's .eml files when no SMTP server is set). */
  dataDir: string;
  surveysDir: string;
  clientDir: string;
  storage: EmbeddedStorage | MongoStorage;
  /** Secret for deriving link tokens; from MERA_SECRET, or generated once into the store's settings. */
  secret: string | undefined;
  /** Seed the demo cluster into an empty store (MERA_SEED_DEMO; default: yes, but no in production). */
  seedDemo: boolean;
  /** Largest JSON body of respondents' and other requests (after inflation). */
  bodyLimit: string;
  /** Largest JSON body of an administrator's upload (an instrument definition). */
  uploadLimit: string;
  /** How long a stopping server lets requests in flight finish before it cuts them. */
  shutdownGraceMs: number;
  adminToken: string | undefined;
  publicUrl: string | undefined;
  logRequests: boolean;
  /** The cluster's time zone: the calendar day of a response and of campaign dates. */
  timeZone: string;
  /** Results from fewer anonymous respondents than this are withheld ("too few answers"). */
  minGroupSize: number;
  accounts: {
    /** Signs session cookies; from MERA_SESSION_SECRET, or generated once into the store's settings. */
    sessionSecret: string | undefined;
    sessionHours: number;
    /** Secure cookie named __Host-mera.sid (production default); otherwise mera.sid for plain-HTTP development. */
    secureCookies: boolean;
    /** Behind TLS-terminating proxies: how many hops of X-Forwarded-* to trust for the client's address and scheme (0: none). */
    trustProxy: number;
    /** Failed sign-ins per account, and sign-in attempts per address, in 15 minutes. */
    loginLimitPerAccount: number;
    loginLimitPerAddress: number;
    /** Invitations one person may send in 24 hours (one by one and by roster together). */
    invitationsPerDay: number;
  };
  mail: {
    /** SMTP server for invitations and resets; unset: messages are written as .eml files into <dataDir>/outbox. */
    smtpUrl: string | undefined;
    from: string;
  };
};

export interface EmbeddedStorage {
  engine: 'embedded';
  /**
   * SQLite's synchronous setting (WAL mode). 'normal' (default): an acknowledged write survives the
   * process being killed; a power cut may lose the last ones. 'full': each write waits for the disk
   * (fsync), so it survives a power cut too, at the cost the benchmark shows.
   */
  synchronous?: 'normal' | 'full';
}

export interface MongoStorage {
  engine: 'mongodb';
  uri: string;
  /** Acknowledgement asked of every write: 'majority' of the replica set, or a number of members. */
  writeConcern: 'majority' | number;
  /** Connections each Mera process keeps to MongoDB at most. */
  poolSize: number;
  /** How long to look for a server, connect, or wait for a write's acknowledgement before answering 503. */
  timeoutMs: number;
}

export class ConfigError extends Error {}

/** Parses an environment (normally process.env) into a Config, or throws a ConfigError naming the variable. */
export function loadConfig(environment: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(environment).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = environmentSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Mera cannot start: bad configuration\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const root = projectRoot();
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    root,
    dataDir: path.resolve(root, e.MERA_DATA_DIR ?? 'data'),
    surveysDir: path.join(root, 'surveys'),
    clientDir: path.join(root, 'dist', 'client'),
    storage: e.MONGODB_URI
      ? {
          engine: 'mongodb',
          uri: e.MONGODB_URI,
          writeConcern: e.MERA_MONGODB_WRITE_CONCERN === 'majority' ? 'majority' : Number(e.MERA_MONGODB_WRITE_CONCERN),
          poolSize: e.MERA_MONGODB_POOL_SIZE,
          timeoutMs: e.MERA_MONGODB_TIMEOUT_MS,
        }
      : { engine: 'embedded', synchronous: e.MERA_SQLITE_SYNCHRONOUS },
    secret: e.MERA_SECRET,
    seedDemo: e.MERA_SEED_DEMO ?? e.NODE_ENV !== 'production',
    bodyLimit: e.MERA_BODY_LIMIT,
    uploadLimit: e.MERA_UPLOAD_LIMIT,
    shutdownGraceMs: e.MERA_SHUTDOWN_GRACE_MS,
    adminToken: e.MERA_ADMIN_TOKEN,
    publicUrl: e.MERA_PUBLIC_URL?.replace(/\/$/, ''),
    logRequests: e.MERA_LOG_REQUESTS,
    timeZone: e.MERA_TIME_ZONE,
    minGroupSize: e.MERA_MIN_GROUP_SIZE,
    accounts: {
      sessionSecret: e.MERA_SESSION_SECRET,
      sessionHours: e.MERA_SESSION_HOURS,
      secureCookies: e.MERA_SECURE_COOKIES ?? e.NODE_ENV === 'production',
      trustProxy: e.MERA_TRUST_PROXY,
      loginLimitPerAccount: e.MERA_LOGIN_LIMIT_ACCOUNT,
      loginLimitPerAddress: e.MERA_LOGIN_LIMIT_ADDRESS,
      invitationsPerDay: e.MERA_INVITATIONS_PER_DAY,
    },
    mail: { smtpUrl: e.SMTP_URL, from: e.MERA_MAIL_FROM },
  };
}

/** The config Mera would run with on the MongoDB at `uri`, every other setting from the environment (`npm run migrate -- --to-mongodb`). */
export function loadConfigOnMongo(uri: string): Config {
  return loadConfig({ ...process.env, MONGODB_URI: uri });
}

/** A config for tests and tools: defaults plus overrides, never reading process.env. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ NODE_ENV: 'test' }), ...overrides };
}
