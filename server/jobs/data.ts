// Jobs kept in the store, so every app instance sees the same queue: whoever claims a due job
// holds it for a lease; a crashed instance's lease runs out and another instance takes the job.
import { defineCollection, Mixed } from '../store';

export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

export interface Job {
  _id: string;
  kind: string;
  /** One job per key: enqueuing the same key again moves that job (e.g. a campaign's closing). */
  key: string;
  payload: Record<string, unknown>;
  runAt: Date;
  status: JobStatus;
  /** Claims so far, including ones whose instance crashed. */
  attempts: number;
  leaseOwner?: string;
  leaseUntil?: Date;
  lastError?: string;
  createdAt: Date;
  finishedAt?: Date;
}

/** Finished jobs are kept this long, for whoever looks into what ran. */
const keepFinishedSeconds = 30 * 24 * 3600;

export const jobsCollection = defineCollection<Job>(
  'jobs',
  {
    kind: { type: String, required: true },
    key: { type: String, required: true },
    payload: { type: Mixed, required: true },
    runAt: { type: Date, required: true },
    status: { type: String, required: true, enum: ['pending', 'running', 'done', 'failed'] },
    attempts: { type: Number, required: true },
    leaseOwner: { type: String },
    leaseUntil: { type: Date },
    lastError: { type: String },
    createdAt: { type: Date, required: true },
    finishedAt: { type: Date },
  },
  [
    { fields: { key: 1 }, unique: true },
    { fields: { status: 1, runAt: 1 } },
    { fields: { finishedAt: 1 }, expireAfterSeconds: keepFinishedSeconds },
  ],
);
