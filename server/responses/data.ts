// The responses' collections, which only this component reads and writes (the others call its
// functions). Stored responses are anonymous by construction: no IP, user agent, link token or time
// of day is part of the shape (strict schema: such a field cannot even be written), only the day.
import { defineCollection, Mixed } from '../store';
import type { ResponseScores } from '../surveys/scoring';

export interface StoredResponse {
  _id: string;
  campaignId: string;
  schoolId: string;
  instrumentId: string;
  instrumentVersion: number;
  respondentType: string;
  /** The calendar day of submission in the cluster's time zone; never a precise time. */
  day: string;
  answers: Record<string, unknown>;
  scores?: ResponseScores;
}

export const responsesCollection = defineCollection<StoredResponse>(
  'responses',
  {
    campaignId: { type: String, required: true },
    schoolId: { type: String, required: true },
    instrumentId: { type: String, required: true },
    instrumentVersion: { type: Number, required: true },
    respondentType: { type: String, required: true },
    day: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
    answers: { type: Mixed, required: true },
    scores: { type: Mixed },
    // Each index costs every submission an insert into it: only what is queried today. Analytics
    // reads rollups, not raw responses per request (docs/architecture.md, "The embedded engine").
  },
  [{ fields: { campaignId: 1 } }],
);

/**
 * Submitting once (idempotency.ts): the keys a respondent's device sends, hashed, with the day (never
 * a finer time) and an expiry; nothing points from a key to the stored response. While an answer
 * is being stored its key holds the end of a short lease (a retry after a crash takes it over); the
 * lease is removed as soon as the answer is stored.
 */
export interface SubmissionKey {
  _id: string;
  /** The day (UTC midnight) the key was first seen; the expiry counts from it. */
  day: Date;
  state: 'pending' | 'stored';
  /** While pending: until when the attempt holding the key may finish; a retry after it takes the key over. */
  leaseUntil?: Date;
  /** What the first submission answered, kept for a retry of a non-anonymous answer (e.g. scores). */
  receipt?: unknown;
}

/** A device that stays offline longer than this and then retries would store its answer again. */
export const keyLifetimeSeconds = 7 * 24 * 3600;

export const submissionKeysCollection = defineCollection<SubmissionKey>(
  'submission-keys',
  {
    day: { type: Date, required: true },
    state: { type: String, required: true, enum: ['pending', 'stored'] },
    leaseUntil: { type: Date },
    receipt: { type: Mixed },
  },
  [{ fields: { day: 1 }, expireAfterSeconds: keyLifetimeSeconds }],
);

/** One monitoring form per school and reporting year (school-forms.ts): the claim, by a unique _id. */
export interface SchoolYearForm {
  /** `<instrumentId>:<schoolId>:<reporting year>`. */
  _id: string;
  campaignId: string;
  day: string;
}

export const schoolYearFormsCollection = defineCollection<SchoolYearForm>('school-year-forms', {
  campaignId: { type: String, required: true },
  day: { type: String, required: true },
});

/** Every collection of the responses, for the store to open (server/collections.ts). */
export const responseCollections = [responsesCollection, submissionKeysCollection, schoolYearFormsCollection];
