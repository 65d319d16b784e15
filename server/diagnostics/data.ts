// A teacher's own diagnostics: one record per person and campaign, saved as they answer (draft)
// and scored on submit. Only here is a result tied to a person.
import { defineCollection, Mixed } from '../store';
import type { ResponseScores } from '../surveys/scoring';

export interface PersonalDiagnostic {
  _id: string;
  userId: string;
  campaignId: string;
  schoolId: string;
  instrumentId: string;
  instrumentVersion: number;
  status: 'draft' | 'submitted';
  answers: Record<string, unknown>;
  /** The survey page the person was on, to resume there. */
  currentPage?: number;
  scores?: ResponseScores;
  savedAt: Date;
  /** The day of submission in the cluster's time zone. */
  submittedOn?: string;
}

export const diagnosticsCollection = defineCollection<PersonalDiagnostic>(
  'diagnostics',
  {
    userId: { type: String, required: true },
    campaignId: { type: String, required: true },
    schoolId: { type: String, required: true },
    instrumentId: { type: String, required: true },
    instrumentVersion: { type: Number, required: true },
    status: { type: String, required: true, enum: ['draft', 'submitted'] },
    answers: { type: Mixed, required: true },
    currentPage: { type: Number },
    scores: { type: Mixed },
    savedAt: { type: Date, required: true },
    submittedOn: { type: String },
  },
  [{ fields: { userId: 1, campaignId: 1 }, unique: true }],
);
