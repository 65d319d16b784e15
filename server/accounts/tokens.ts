// One-time account tokens (invitations, password resets): random, single-use, expiring; the
// store keeps only their SHA-256, so a copy of the database cannot be used to set a password.
import { now as clockNow } from '../clock';
import crypto from 'node:crypto';
import { problem } from '../errors';
import type { Store } from '../store';
import { accountTokensCollection, AccountToken, AccountTokenPurpose } from './data';

const tokenLifetimeSeconds: Record<AccountTokenPurpose, number> = {
  invitation: 7 * 24 * 3600,
  'password-reset': 3600,
};

const accountTokenPattern = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (token: string) => crypto.hash('sha256', token, 'hex');

/** Issues a new token for a user and purpose; earlier unused tokens of that purpose stop working. */
export async function issueAccountToken(
  store: Store,
  userId: string,
  purpose: AccountTokenPurpose,
  now = clockNow(),
): Promise<{ token: string; expiresAt: Date }> {
  const tokens = store.collection(accountTokensCollection);
  await tokens.deleteMany({ userId, purpose, usedAt: { $exists: false } });
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + tokenLifetimeSeconds[purpose] * 1000);
  await tokens.insertOne({ tokenHash: hashOf(token), userId, purpose, expiresAt });
  return { token, expiresAt };
}

/** The token's record when it can still be used; otherwise a Problem saying why (unknown, used, expired). */
export async function usableAccountToken(store: Store, token: string, now = clockNow()): Promise<AccountToken> {
  const found = accountTokenPattern.test(token)
    ? await store.collection(accountTokensCollection).findOne({ tokenHash: hashOf(token) })
    : null;
  if (!found) throw problem('account_token.unknown', { field: 'token' });
  if (found.usedAt) throw problem('account_token.used', { field: 'token' });
  if (found.expiresAt.getTime() <= now.getTime()) throw problem('account_token.expired', { field: 'token' });
  return found;
}

/** Marks the token used, exactly once: a second concurrent use finds it already used. */
export async function spendAccountToken(store: Store, token: AccountToken, now = clockNow()): Promise<void> {
  const result = await store
    .collection(accountTokensCollection)
    .updateOne({ _id: token._id, usedAt: { $exists: false } }, { $set: { usedAt: now } });
  if (result.modified !== 1) throw problem('account_token.used', { field: 'token' });
}
