// Rollups: what the results need, kept up to date as responses arrive, so a results request reads
// a few dozen small documents instead of a campaign's responses. One document per campaign ×
// school × role holds every count, so a response costs one $inc on one document; its _id is its
// key, so the update finds it by the primary index on either engine.
import { defineCollection, Mixed } from '../store';
import type { AlphaSums } from './deficits';

/** Counts of one school (and one role) in one campaign. Field names are escaped (rollupKey). */
export interface GroupRollup {
  _id: string;
  campaignId: string;
  schoolId: string;
  /** The respondent's answer to the instrument's "role" question ("" when it has none). */
  role: string;
  respondents?: number;
  /** question → { answered, byAnswer: { answer → count } } */
  questions?: Record<string, { answered?: number; byAnswer?: Record<string, number> }>;
  /** area → teachers with a score, per level, their points (earned, possible, how many carried points), and the sums for Cronbach's alpha. */
  areas?: Record<
    string,
    { scored?: number; levels?: Record<string, number>; earned?: number; possible?: number; pooled?: number; alpha?: Partial<AlphaSums> }
  >;
}

/** The latest form of a school (checklist, monitoring) in a campaign: only the latest counts. */
export interface SchoolFormRollup {
  _id: string;
  campaignId: string;
  schoolId: string;
  responseId: string;
  day: string;
  answers: Record<string, unknown>;
}

export const groupRollupsCollection = defineCollection<GroupRollup>(
  'group_rollups',
  {
    campaignId: { type: String, required: true },
    schoolId: { type: String, required: true },
    role: { type: String, default: '' },
    // No defaults: an upsert's $inc creates what it touches, and a default written beside it on
    // MongoDB (setDefaultsOnInsert) could conflict with the $inc's paths.
    respondents: { type: Number },
    questions: { type: Mixed },
    areas: { type: Mixed },
  },
  [{ fields: { campaignId: 1 } }],
);

export const schoolFormRollupsCollection = defineCollection<SchoolFormRollup>(
  'school_form_rollups',
  {
    campaignId: { type: String, required: true },
    schoolId: { type: String, required: true },
    responseId: { type: String, required: true },
    day: { type: String, required: true },
    answers: { type: Mixed, required: true },
  },
  [{ fields: { campaignId: 1 } }],
);

export const analyticsCollections = [groupRollupsCollection, schoolFormRollupsCollection];

/** A question name or an answer as a field name: MongoDB refuses "." and a leading "$" in them. */
export function rollupKey(s: string): string {
  return s.replace(/[%.$]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

export function fromRollupKey(s: string): string {
  return s.replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
