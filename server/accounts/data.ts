// Accounts' collections: users, their sessions, one-time tokens (invitations and password resets)
// and login rate-limit counters. Everything a second app instance needs lives here, in the store.
import { defineCollection, Mixed } from '../store';

import { locales, roles, type Locale, type Role } from './views';

export { locales, roles, type Locale, type Role };
/** Roles that belong to one school (and so carry a schoolId). */
export const schoolRoles: readonly Role[] = ['school-coordinator', 'teacher'];

export interface User {
  _id: string;
  /** Lower-cased; unique. */
  email: string;
  name: string;
  role: Role;
  /** Set for school roles only. */
  schoolId?: string;
  locale: Locale;
  active: boolean;
  /** argon2id PHC string; absent until the person sets a password from an invitation. */
  passwordHash?: string;
  subject?: string;
  formTutor?: boolean;
  /** A teacher lets their school coordinator see their diagnostic profile (default: no). */
  shareProfile?: boolean;
  /** Made by the demo seed; listed with the demo password on the start page in demo mode. */
  demo?: boolean;
  createdAt: Date;
}

export const usersCollection = defineCollection<User>(
  'users',
  {
    email: { type: String, required: true },
    name: { type: String, default: '' },
    role: { type: String, required: true, enum: roles },
    schoolId: { type: String },
    locale: { type: String, required: true, enum: locales },
    active: { type: Boolean, required: true },
    passwordHash: { type: String },
    subject: { type: String },
    formTutor: { type: Boolean },
    shareProfile: { type: Boolean },
    demo: { type: Boolean },
    createdAt: { type: Date, required: true },
  },
  [{ fields: { email: 1 }, unique: true }, { fields: { schoolId: 1 } }],
);

/** An express-session session; the _id is the session id. Removed by expiry (the port's TTL). */
export interface StoredSession {
  _id: string;
  data: Record<string, unknown>;
  /** The signed-in user's id (passport's), so a password change can end the account's other sessions. */
  userId?: string;
  expiresAt: Date;
}

export const sessionsCollection = defineCollection<StoredSession>(
  'sessions',
  {
    data: { type: Mixed, required: true },
    userId: { type: String },
    expiresAt: { type: Date, required: true },
  },
  [{ fields: { expiresAt: 1 }, expireAfterSeconds: 0 }, { fields: { userId: 1 } }],
);

export type AccountTokenPurpose = 'invitation' | 'password-reset';

/** A single-use link's token, kept only as its SHA-256. */
export interface AccountToken {
  _id: string;
  tokenHash: string;
  userId: string;
  purpose: AccountTokenPurpose;
  expiresAt: Date;
  usedAt?: Date;
}

export const accountTokensCollection = defineCollection<AccountToken>(
  'account-tokens',
  {
    tokenHash: { type: String, required: true },
    userId: { type: String, required: true },
    purpose: { type: String, required: true, enum: ['invitation', 'password-reset'] },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date },
    // Kept 30 days past expiry, so an expired link is told apart from a wrong one; then removed.
  },
  [{ fields: { tokenHash: 1 }, unique: true }, { fields: { userId: 1 } }, { fields: { expiresAt: 1 }, expireAfterSeconds: 30 * 24 * 3600 }],
);

/** A login rate-limit counter: the key holds a salted hash of an address or of an e-mail, never either itself. */
export interface RateLimitCounter {
  _id: string;
  hits: number;
  resetsAt: Date;
}

export const rateLimitsCollection = defineCollection<RateLimitCounter>(
  'rate-limits',
  {
    hits: { type: Number, required: true },
    resetsAt: { type: Date, required: true },
  },
  [{ fields: { resetsAt: 1 }, expireAfterSeconds: 0 }],
);

/** Every collection of the accounts, for the store to open (server/collections.ts). */
export const accountCollections = [usersCollection, sessionsCollection, accountTokensCollection, rateLimitsCollection];
