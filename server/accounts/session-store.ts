// express-session's Store over the storage port: sessions live in the store (either engine), so
// every app instance sees the same ones; expired sessions are never read and are removed by expiry.
import { fromSystemTime, nowMs } from '../clock';
import session from 'express-session';
import type { Store as MeraStore } from '../store';
import { sessionsCollection } from './data';

const DAY_MS = 24 * 3600 * 1000;

export class PortSessionStore extends session.Store {
  constructor(
    private readonly store: MeraStore,
    private readonly fallbackLifetimeMs = DAY_MS,
  ) {
    super();
  }

  private get sessions() {
    return this.store.collection(sessionsCollection);
  }

  /** When the session ends, on Mera's clock (express-session dates its cookie by the system clock). */
  private expiry(data: session.SessionData): Date {
    const expires = data.cookie?.expires;
    return expires ? fromSystemTime(new Date(expires)) : new Date(nowMs() + this.fallbackLifetimeMs);
  }

  override get(sid: string, callback: (err: unknown, session?: session.SessionData | null) => void): void {
    this.sessions
      .findOne({ _id: sid }) // an expired session is never returned (the port's expiry)
      .then((found) => callback(null, found ? (JSON.parse(JSON.stringify(found.data)) as session.SessionData) : null), callback);
  }

  override set(sid: string, data: session.SessionData, callback?: (err?: unknown) => void): void {
    // JSON round trip: the cookie's Date becomes a string, as a session store expects to give back.
    const plain = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
    const userId = (data as { passport?: { user?: unknown } }).passport?.user;
    // Only signed-in sessions are stored (sign-out destroys the session), so a stored one has its user.
    const owner = typeof userId === 'string' ? { userId } : {};
    this.sessions.updateOne({ _id: sid }, { $set: { data: plain, expiresAt: this.expiry(data), ...owner } }, { upsert: true }).then(
      () => callback?.(),
      (err) => callback?.(err),
    );
  }

  override touch(sid: string, data: session.SessionData, callback?: () => void): void {
    this.sessions.updateOne({ _id: sid }, { $set: { expiresAt: this.expiry(data) } }).then(
      () => callback?.(),
      () => callback?.(),
    );
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    this.sessions.deleteOne({ _id: sid }).then(
      () => callback?.(),
      (err) => callback?.(err),
    );
  }
}

/** Ends every session of the account (all its signed-in browsers), but the one with the id `keep`. Returns how many. */
export function endSessionsOf(store: MeraStore, userId: string, keep?: string): Promise<number> {
  return store.collection(sessionsCollection).deleteMany(keep ? { userId, _id: { $ne: keep } } : { userId });
}
