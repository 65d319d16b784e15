// express-rate-limit's Store over the storage port: counters shared by every app instance, each
// under a key that is already a salted hash (see login-limits.ts), and gone when their window ends.
import type { IncrementResponse, Options, Store as RateLimitStore } from 'express-rate-limit';
import type { Store } from '../store';
import { rateLimitsCollection } from './data';

export class PortRateLimitStore implements RateLimitStore {
  private windowMs = 15 * 60 * 1000;
  /** Counters of different limiters must not meet. */
  readonly prefix: string;

  constructor(private readonly store: Store, prefix: string) {
    this.prefix = prefix;
  }

  private get counters() {
    return this.store.collection(rateLimitsCollection);
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async get(key: string): Promise<{ totalHits: number; resetTime: Date } | undefined> {
    const found = await this.counters.findOne({ _id: this.prefix + key, resetsAt: { $gt: new Date() } });
    return found ? { totalHits: found.hits, resetTime: found.resetsAt } : undefined;
  }

  async increment(key: string): Promise<IncrementResponse> {
    const id = this.prefix + key;
    const now = new Date();
    // Within the window: count one more. Otherwise (none yet, or the window ended): start a new window.
    const counted = await this.counters.updateOne({ _id: id, resetsAt: { $gt: now } }, { $inc: { hits: 1 } });
    if (counted.matched === 0) {
      await this.counters.updateOne({ _id: id }, { $set: { hits: 1, resetsAt: new Date(now.getTime() + this.windowMs) } }, { upsert: true });
    }
    const found = await this.counters.findOne({ _id: id });
    return { totalHits: found?.hits ?? 1, resetTime: found?.resetsAt };
  }

  async decrement(key: string): Promise<void> {
    await this.counters.updateOne({ _id: this.prefix + key, hits: { $gt: 0 } }, { $inc: { hits: -1 } });
  }

  async resetKey(key: string): Promise<void> {
    await this.counters.deleteOne({ _id: this.prefix + key });
  }
}
