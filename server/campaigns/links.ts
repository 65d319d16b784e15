// Link tokens: derived from a server secret and the link's id (HMAC-SHA256, 144 bits), so a
// coordinator can be shown a link again while the store keeps only the token's hash.
import crypto from 'node:crypto';
import type { Store } from '../store';
import { storedSecret } from '../system/settings';

const LINK_SECRET_SETTING = 'link-secret';

/** MERA_SECRET when configured; otherwise one random secret kept in the store and shared by every instance. */
export function linkSecret(store: Store, configured: string | undefined): Promise<string> {
  return storedSecret(store, LINK_SECRET_SETTING, configured);
}

export function linkToken(secret: string, linkId: string): string {
  return crypto.createHmac('sha256', secret).update(`link:${linkId}`).digest('base64url').slice(0, 24);
}

export function tokenHash(token: string): string {
  // One-shot hash: a third of createHash().update().digest()'s cost, on every submission.
  return crypto.hash('sha256', token, 'hex');
}

export const tokenPattern = /^[A-Za-z0-9_-]{24}$/;
