// The daily cap of invitations per person who sends them (MERA_INVITATIONS_PER_DAY): counted in the
// store (the rate-limit counters, shared by instances) for 24 hours from the first one, reserved
// before anything is added, so a refused roster adds nobody and mails nobody.
import { nowMs } from '../clock';
import { problem } from '../errors';
import { DuplicateKeyError, type Store } from '../store';
import { rateLimitsCollection } from './data';

const dayMs = 24 * 3600 * 1000;

/** Counts `count` more invitations by this sender today, or throws invitation.daily_cap (nothing counted). */
export async function reserveInvitations(store: Store, senderId: string, count: number, cap: number): Promise<void> {
  const counters = store.collection(rateLimitsCollection);
  const key = `invitations:${senderId}`;
  const refuse = async () => {
    const used = (await counters.findOne({ _id: key }))?.hits ?? 0;
    return problem('invitation.daily_cap', { field: 'content', values: { count, cap, left: Math.max(0, cap - used) } });
  };
  if (count > cap) throw await refuse();
  try {
    // One atomic step: add them only while the day's count stays within the cap (a counter over it
    // does not match, and the upsert's insert then meets the existing key).
    await counters.findOneAndUpdate(
      { _id: key, hits: { $lte: cap - count } },
      { $inc: { hits: count }, $setOnInsert: { resetsAt: new Date(nowMs() + dayMs) } },
      { upsert: true, returnDocument: 'after' },
    );
  } catch (err) {
    if (err instanceof DuplicateKeyError) throw await refuse();
    throw err;
  }
}
