// The collection the crash test writes: shaped like Mera's stored responses, with an index.
import { defineCollection, Mixed } from '../../../server/store/port';

export interface CrashResponse {
  _id: string;
  campaignId: string;
  schoolId: string;
  round: number;
  seq: number;
  day: string;
  answers: Record<string, unknown>;
}

export const crashResponses = defineCollection<CrashResponse>(
  'responses',
  {
    campaignId: { type: String, required: true },
    schoolId: { type: String, required: true },
    round: { type: Number, required: true },
    seq: { type: Number, required: true },
    day: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
    answers: { type: Mixed, required: true },
  },
  [{ fields: { campaignId: 1, schoolId: 1 } }],
);

/** Inserts the crash writer keeps in flight at once, so that they meet in batches as submissions do. */
export const WRITERS = 16;
