// Submitting once: a respondent's device sends a random key with each answer (the
// Idempotency-Key header), so a retry after a lost reply or a double tap stores nothing twice.
// The keys live only here, hashed, with a coarse time (the hour) and an expiry: nothing points
// from a key to the stored response, so a key cannot tie an anonymous answer to a device.
import { nowMs } from '../clock';
import crypto from 'node:crypto';
import { problem } from '../errors';
import { DuplicateKeyError, type Store } from '../store';
import { submissionKeysCollection } from './data';

const waitStepMs = 50;
const waitLimitMs = 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `submit` at most once per key. A repeat of a stored key answers the first receipt (or a
 * bare one for anonymous answers) with `repeated: true`; a repeat arriving while the first is
 * still being stored waits for it. A failed first attempt frees the key for the next try.
 */
export async function submitOnce<R extends object>(
  store: Store,
  key: string,
  submit: () => Promise<{ receipt: R; keepReceipt: boolean }>,
  bareReceipt: R,
): Promise<R & { repeated?: true }> {
  const keys = store.collection(submissionKeysCollection);
  const id = crypto.hash('sha256', `mera-submission:${key}`, 'hex');
  const hour = new Date(Math.floor(nowMs() / 3_600_000) * 3_600_000);
  for (let waited = 0; ;) {
    try {
      await keys.insertOne({ _id: id, hour, state: 'pending' });
      break;
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
    const existing = await keys.findOne({ _id: id });
    if (existing?.state === 'stored') return { ...((existing.receipt as R | undefined) ?? bareReceipt), repeated: true };
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
  await keys.updateOne({ _id: id }, { $set: { state: 'stored', ...(result.keepReceipt ? { receipt: result.receipt } : {}) } });
  return result.receipt;
}
