// Rollups: what the results need, kept up to date as responses arrive, so a results request reads
// a few hundred small documents instead of a campaign's responses. Each document's _id is its key
// (campaign, school, ...), so an update finds it by the primary index on either engine.
import { defineCollection, Mixed } from '../store';
import type { AlphaSums } from './deficits';

/** How often one answer was given to one question, in one school, by one role; answer null: how many answered the question; question "": how many responded. */
export interface AnswerRollup {
  _id: string;
  campaignId: string;
  schoolId: string;
  /** The respondent's answer to the instrument's "role" question ("" when it has none). */
  role: string;
  question: string;
  answer: string | null;
  count: number;
}

/** One scored area in one school: teachers with a score, per level, and the sums for Cronbach's alpha. */
export interface AreaRollup {
  _id: string;
  campaignId: string;
  schoolId: string;
  area: string;
  scored: number;
  levels: Record<string, number>;
  alpha: AlphaSums;
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

export const answerRollupsCollection = defineCollection<AnswerRollup>('answer_rollups', {
  campaignId: { type: String, required: true },
  schoolId: { type: String, required: true },
  role: { type: String, default: '' },
  question: { type: String, default: '' },
  answer: { type: String, default: null },
  count: { type: Number, default: 0 },
}, [{ fields: { campaignId: 1 } }]);

export const areaRollupsCollection = defineCollection<AreaRollup>('area_rollups', {
  campaignId: { type: String, required: true },
  schoolId: { type: String, required: true },
  area: { type: String, required: true },
  scored: { type: Number, default: 0 },
  levels: { type: Mixed, default: () => ({}) },
  alpha: { type: Mixed, default: () => ({ n: 0, items: {}, totalSum: 0, totalSquares: 0 }) },
}, [{ fields: { campaignId: 1 } }]);

export const schoolFormRollupsCollection = defineCollection<SchoolFormRollup>('school_form_rollups', {
  campaignId: { type: String, required: true },
  schoolId: { type: String, required: true },
  responseId: { type: String, required: true },
  day: { type: String, required: true },
  answers: { type: Mixed, required: true },
}, [{ fields: { campaignId: 1 } }]);

export const analyticsCollections = [answerRollupsCollection, areaRollupsCollection, schoolFormRollupsCollection];
