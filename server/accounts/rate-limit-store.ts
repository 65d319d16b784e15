// express-rate-limit's Store over the storage port: counters shared by every app instance, each
// under a key that is already a salted hash (the limiters' keyGenerator in routes.ts), and gone when their window ends.
import { nowMs } from '../clock';
import type { IncrementResponse, Options, Store as RateLimitStore } from 'express-rate-limit';
import type { Store } from '../store';
import { rateLimitsCollection } from './data';

export class PortRateLimitStore implements RateLimitStore {
  private windowMs = 15 * 60 * 1000;
  /** Counters of different limiters must not meet. */
  readonly prefix: string;

  constructor(
    private readonly store: Store,
    prefix: string,
  ) {
    this.prefix = prefix;
  }

  private get counters() {
    return this.store.collection(rateLimitsCollection);
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async get(key: string): Promise<{ totalHits: number; resetTime: Date } | undefined> {
    // A counter whose window has ended has expired: the store never returns it.
    const found = await this.counters.findOne({ _id: this.prefix + key });
    return found ? { totalHits: found.hits, resetTime: found.resetsAt } : undefined;
  }

  async increment(key: string): Promise<IncrementResponse> {
    // One atomic step on either engine: count one more in the current window, or (none yet, or
    // the last window has ended and so expired) start a new window at 1.
    const counted = await this.counters.findOneAndUpdate(
      { _id: this.prefix + key },
      { $inc: { hits: 1 }, $setOnInsert: { resetsAt: new Date(nowMs() + this.windowMs) } },
      { upsert: true, returnDocument: 'after' },
    );
    return { totalHits: counted?.hits ?? 1, resetTime: counted?.resetsAt };
  }

  async decrement(key: string): Promise<void> {
    await this.counters.updateOne({ _id: this.prefix + key, hits: { $gt: 0 } }, { $inc: { hits: -1 } });
  }

  async resetKey(key: string): Promise<void> {
    await this.counters.deleteOne({ _id: this.prefix + key });
  }
}

/** The longest wait of the per-account back-off. */
const loginBackoffMaxMs = 8000;

/**
 * How long a sign-in to an account waits before its password is checked, after `failures` failed
 * sign-ins to it (from any address) in the window: nothing up to `limit`, then 1 s, 2 s, 4 s, ... at
 * most loginBackoffMaxMs.
 */
export function loginBackoffMs(failures: number, limit: number): number {
  if (failures < limit) return 0;
  return Math.min(loginBackoffMaxMs, 1000 * 2 ** (failures - limit));
}
