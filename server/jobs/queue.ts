// The job queue over the storage port: enqueue, claim with a lease (one atomic findOneAndUpdate,
// as getodk/central-backend's worker does in SQL), complete, fail with back-off.
import { now as clockNow } from '../clock';
import { DuplicateKeyError, newId, type Store } from '../store';
import { Job, jobsCollection } from './data';

export interface JobRequest {
  kind: string;
  payload: Record<string, unknown>;
  runAt: Date;
  /** Give a key to keep one job per key: enqueuing it again reschedules that job. */
  key?: string;
}

export interface RetryPolicy {
  /** Claims after which a failing job stops being retried. */
  maxAttempts: number;
  /** Wait after the first failure; doubled after each further one, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetry: RetryPolicy = { maxAttempts: 8, baseDelayMs: 30_000, maxDelayMs: 3_600_000 };

/** Adds a job, or moves the job with the same key back to pending at the new time. */
export async function enqueue(store: Store, request: JobRequest, now = clockNow()): Promise<void> {
  const key = request.key ?? `${request.kind}:${newId()}`;
  const write = () =>
    store.collection(jobsCollection).updateOne(
      { key },
      {
        $set: { kind: request.kind, payload: request.payload, runAt: request.runAt, status: 'pending', attempts: 0 },
        $unset: { leaseOwner: '', leaseUntil: '', lastError: '', finishedAt: '' },
        $setOnInsert: { createdAt: now },
      },
      { upsert: true },
    );
  try {
    await write();
  } catch (err) {
    // Two instances upserting the same key at once: one inserted, the other now updates it.
    if (!(err instanceof DuplicateKeyError)) throw err;
    await write();
  }
}

/** Removes pending jobs of a kind whose payload matches (e.g. reminders no longer planned). */
export async function cancelPending(store: Store, kind: string, payload: Record<string, unknown>): Promise<number> {
  const filter: Record<string, unknown> = { kind, status: 'pending' };
  for (const [field, value] of Object.entries(payload)) filter[`payload.${field}`] = value;
  return store.collection(jobsCollection).deleteMany(filter);
}

/**
 * Takes the most overdue job that is due, or whose holder's lease has run out, for `leaseMs`.
 * Atomic: of several instances asking at once, each job goes to exactly one.
 */
export function claim(store: Store, owner: string, now: Date, leaseMs: number): Promise<Job | null> {
  return store.collection(jobsCollection).findOneAndUpdate(
    {
      $or: [
        { status: 'pending', runAt: { $lte: now } },
        { status: 'running', leaseUntil: { $lte: now } },
      ],
    },
    { $set: { status: 'running', leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs) }, $inc: { attempts: 1 } },
    { sort: { runAt: 1 }, returnDocument: 'after' },
  );
}

/** Marks a job done; false when its lease was lost meanwhile (another instance took it over). */
export async function complete(store: Store, job: Job, owner: string, now: Date): Promise<boolean> {
  const result = await store
    .collection(jobsCollection)
    .updateOne(
      { _id: job._id, status: 'running', leaseOwner: owner },
      { $set: { status: 'done', finishedAt: now }, $unset: { leaseOwner: '', leaseUntil: '' } },
    );
  return result.matched === 1;
}

export function retryDelay(attempts: number, policy: RetryPolicy = defaultRetry): number {
  return Math.min(policy.baseDelayMs * 2 ** Math.max(0, attempts - 1), policy.maxDelayMs);
}

/** Records a failure: the job runs again after a growing delay, or stops as failed after maxAttempts. */
export async function fail(
  store: Store,
  job: Job,
  owner: string,
  error: unknown,
  now: Date,
  policy: RetryPolicy = defaultRetry,
): Promise<'retry' | 'failed' | 'lease-lost'> {
  const lastError = error instanceof Error ? error.message : String(error);
  const givingUp = job.attempts >= policy.maxAttempts;
  const result = await store.collection(jobsCollection).updateOne(
    { _id: job._id, status: 'running', leaseOwner: owner },
    givingUp
      ? { $set: { status: 'failed', lastError, finishedAt: now }, $unset: { leaseOwner: '', leaseUntil: '' } }
      : {
          $set: { status: 'pending', lastError, runAt: new Date(now.getTime() + retryDelay(job.attempts, policy)) },
          $unset: { leaseOwner: '', leaseUntil: '' },
        },
  );
  if (result.matched === 0) return 'lease-lost';
  return givingUp ? 'failed' : 'retry';
}

export function findJobs(store: Store, filter: Record<string, unknown>): Promise<Job[]> {
  return store.collection(jobsCollection).find(filter, { sort: { runAt: 1 } });
}
