// Stored responses. Anonymity by construction: no IP, user agent, link token or time of day
// is part of the shape (strict schema: such a field cannot even be written), only the day.
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
