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
 * Submitting once (idempotency.ts): the keys a respondent's device sends, hashed, with a coarse time
 * (the hour) and an expiry; nothing points from a key to the stored response.
 */
export interface SubmissionKey {
  _id: string;
  /** The hour the key was first seen (never a precise time); the expiry counts from it. */
  hour: Date;
  state: 'pending' | 'stored';
  /** What the first submission answered, kept for a retry of a non-anonymous answer (e.g. scores). */
  receipt?: unknown;
}

/** A device that stays offline longer than this and then retries would store its answer again. */
export const keyLifetimeSeconds = 7 * 24 * 3600;

export const submissionKeysCollection = defineCollection<SubmissionKey>(
  'submission-keys',
  {
    hour: { type: Date, required: true },
    state: { type: String, required: true, enum: ['pending', 'stored'] },
    receipt: { type: Mixed },
  },
  [{ fields: { hour: 1 }, expireAfterSeconds: keyLifetimeSeconds }],
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
