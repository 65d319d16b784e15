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

// A school's own forms (school-forms.ts): the official return of a school, signed in. Unlike the
// anonymous responses these record who sent each revision; the response above holds the latest one.

/** Who saved or sent a school's form: a signed-in user. */
export interface FormAuthor {
  userId: string;
  name: string;
}

/** The form being filled in by the school's working group: `<campaignId>:<schoolId>`, one per school. */
export interface SchoolFormDraft {
  _id: string;
  campaignId: string;
  schoolId: string;
  /** Raised by every save; a save names the one it was based on, so two members never overwrite each other silently. */
  revision: number;
  /** 'editing' while filled in; 'sent' once it became a revision (kept so the numbering goes on). */
  state: 'editing' | 'sent';
  answers: Record<string, unknown>;
  updatedBy: FormAuthor;
  updatedAt: Date;
}

export const schoolFormDraftsCollection = defineCollection<SchoolFormDraft>('school-form-drafts', {
  campaignId: { type: String, required: true },
  schoolId: { type: String, required: true },
  revision: { type: Number, required: true },
  state: { type: String, required: true, enum: ['editing', 'sent'] },
  answers: { type: Mixed, required: true },
  updatedBy: { type: Mixed, required: true },
  updatedAt: { type: Date, required: true },
});

/** One sent revision of a school's form: `<campaignId>:<schoolId>:<n>`, numbered from 1, all kept. */
export interface SchoolFormRevision {
  _id: string;
  campaignId: string;
  schoolId: string;
  revision: number;
  /** The response that holds the latest revision (the same for every revision of the form). */
  responseId?: string;
  answers: Record<string, unknown>;
  by: FormAuthor;
  at: Date;
  day: string;
  /** Why a correction was made, in words (revisions after the first). */
  reason?: string;
}

export const schoolFormRevisionsCollection = defineCollection<SchoolFormRevision>(
  'school-form-revisions',
  {
    campaignId: { type: String, required: true },
    schoolId: { type: String, required: true },
    revision: { type: Number, required: true },
    responseId: { type: String },
    answers: { type: Mixed, required: true },
    by: { type: Mixed, required: true },
    at: { type: Date, required: true },
    day: { type: String, required: true },
    reason: { type: String },
  },
  [{ fields: { campaignId: 1, schoolId: 1, revision: 1 } }],
);

/** A closed campaign's form reopened for one school by the cluster coordinator: `<campaignId>:<schoolId>`, until it is sent. */
export interface SchoolFormReopening {
  _id: string;
  campaignId: string;
  schoolId: string;
  by: FormAuthor;
  at: Date;
  reason?: string;
}

export const schoolFormReopeningsCollection = defineCollection<SchoolFormReopening>('school-form-reopenings', {
  campaignId: { type: String, required: true },
  schoolId: { type: String, required: true },
  by: { type: Mixed, required: true },
  at: { type: Date, required: true },
  reason: { type: String },
});

/** Every collection of the responses, for the store to open (server/collections.ts). */
export const responseCollections = [
  responsesCollection,
  submissionKeysCollection,
  schoolYearFormsCollection,
  schoolFormDraftsCollection,
  schoolFormRevisionsCollection,
  schoolFormReopeningsCollection,
];
