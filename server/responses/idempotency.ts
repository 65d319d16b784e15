// Submitting once: a respondent's device sends a random key with each answer (the
// Idempotency-Key header), so a retry after a lost reply or a double tap stores nothing twice.
// The keys live only here, hashed, with the day (no finer time) and an expiry: nothing points from
// a key to the stored response, so a key cannot tie an anonymous answer to a device or an hour.
// While an answer is being stored, its key holds a short lease (leaseSeconds): if the process dies
// before the answer is stored, a retry after the lease takes the key over and stores it, so an
// answer the device still holds is never stranded. The lease is removed once the answer is stored.
import { nowMs } from '../clock';
import crypto from 'node:crypto';
import { problem } from '../errors';
import { DuplicateKeyError, type Store } from '../store';
import { submissionKeysCollection } from './data';

const waitStepMs = 50;
const waitLimitMs = 10_000;
/** How long one attempt may hold a key before a retry takes it over (an answer is stored in well under a second). */
export const leaseSeconds = 30;
const dayMs = 86_400_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `submit` at most once per key. A repeat of a stored key answers the first receipt (or a
 * bare one for anonymous answers) with `repeated: true`; a repeat arriving while the first is
 * still being stored waits for it, and takes the key over once the first attempt's lease is over
 * (that attempt died). A failed attempt frees the key for the next try.
 */
export async function submitOnce<R extends object>(
  store: Store,
  key: string,
  submit: () => Promise<{ receipt: R; keepReceipt: boolean }>,
  bareReceipt: R,
): Promise<R & { repeated?: true }> {
  const keys = store.collection(submissionKeysCollection);
  const id = crypto.hash('sha256', `mera-submission:${key}`, 'hex');
  const lease = () => new Date(nowMs() + leaseSeconds * 1000);
  for (let waited = 0; ;) {
    try {
      await keys.insertOne({ _id: id, day: new Date(Math.floor(nowMs() / dayMs) * dayMs), state: 'pending', leaseUntil: lease() });
      break;
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
    const existing = await keys.findOne({ _id: id });
    if (!existing) continue; // freed by a failed attempt meanwhile: try again
    if (existing.state === 'stored') return { ...((existing.receipt as R | undefined) ?? bareReceipt), repeated: true };
    // The attempt holding the key died (its lease is over): take the key over, unless another retry just did.
    const held = existing.leaseUntil?.getTime() ?? 0;
    if (held <= nowMs()) {
      const { matched } = await keys.updateOne(
        { _id: id, state: 'pending', ...(existing.leaseUntil ? { leaseUntil: existing.leaseUntil } : {}) },
        { $set: { leaseUntil: lease() } },
      );
      if (matched === 1) break;
      continue;
    }
    if (waited >= waitLimitMs) throw problem('response.in_progress', { field: 'Idempotency-Key' });
    await sleep(waitStepMs);
    waited += waitStepMs;
  }
  let result: { receipt: R; keepReceipt: boolean };
  try {
    result = await submit();
  } catch (err) {
    await keys.deleteOne({ _id: id });
    throw err;
  }
  // Stored: the key keeps only the day (the lease, a finer time, goes).
  await keys.updateOne(
    { _id: id },
    { $set: { state: 'stored', ...(result.keepReceipt ? { receipt: result.receipt } : {}) }, $unset: { leaseUntil: '' } },
  );
  return result.receipt;
}
