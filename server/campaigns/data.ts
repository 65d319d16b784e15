// Campaigns (an instrument version run in some schools between two dates) and their links.
// A link's token is never stored: only its SHA-256, which is how a token is looked up.
import { defineCollection, Mixed } from '../store';
import type { LocalizedText, RespondentType } from '../surveys/instrument';

export type CampaignStatus = 'planned' | 'open' | 'closed';

/** Who a campaign asks; must match its instrument's respondent type. */
export const audiences = ['teachers', 'parents', 'students', 'school-coordinators'] as const;
export type Audience = (typeof audiences)[number];
export const audienceOf: Record<RespondentType, Audience> = {
  teacher: 'teachers',
  parent: 'parents',
  student: 'students',
  school: 'school-coordinators',
};

/** The self-diagnostic checklist is filled three times a school year. */
export const checklistStages = ['october', 'january', 'june'] as const;
export type ChecklistStage = (typeof checklistStages)[number];

/** The person responsible: a user of Mera (userId, kept with their name) or someone without an account (name only). */
export interface Responsible {
  userId?: string;
  name?: string;
}

export interface Campaign {
  _id: string;
  title: LocalizedText;
  instrumentId: string;
  instrumentVersion: number;
  schoolIds: string[];
  status: CampaignStatus;
  /** Calendar days (YYYY-MM-DD) in the cluster's time zone: answers are taken from opensOn to closesOn inclusive. */
  opensOn: string;
  closesOn: string;
  /**
   * The same window as UTC instants (start of opensOn, end of closesOn in the cluster's time zone),
   * which jobs run at. Campaigns planned through the service always have them; the demo seed's may not.
   */
  opensAt?: Date;
  closesAt?: Date;
  audience?: Audience;
  responsible?: Responsible;
  /** Expected number of answers per school id (roster size or an estimate). */
  targets?: Record<string, number>;
  /** Per school id, the classes that get a link of their own (anonymous audiences). */
  classes?: Record<string, string[]>;
  /** The checklist's stage (school-checklist only). */
  stage?: ChecklistStage;
  /** The monitoring form's reporting year, "2025/26" (school-monitoring only). */
  reportingYear?: string;
  /** Days (YYYY-MM-DD) on which those who have not answered get a reminder (non-anonymous audiences). */
  reminders?: string[];
  /** The day the campaign was closed by hand, when before its closing date. */
  closedOn?: string;
  /** Raised by every change, so two coordinators' edits never overwrite each other silently. */
  revision?: number;
  /** Demo data: its links may be listed on the demo start page. */
  demo: boolean;
  createdAt: Date;
  updatedAt?: Date;
}

export interface CampaignLink {
  _id: string;
  campaignId: string;
  schoolId: string;
  /** A class's own link ("5А"), when the campaign hands out one per class. */
  className?: string;
  tokenHash: string;
}

const day = { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ };

export const campaignsCollection = defineCollection<Campaign>(
  'campaigns',
  {
    title: { type: Mixed, required: true },
    instrumentId: { type: String, required: true },
    instrumentVersion: { type: Number, required: true },
    schoolIds: { type: [String], required: true },
    status: { type: String, required: true, enum: ['planned', 'open', 'closed'] },
    opensOn: day,
    closesOn: day,
    opensAt: { type: Date },
    closesAt: { type: Date },
    audience: { type: String, enum: audiences },
    responsible: { type: Mixed },
    targets: { type: Mixed },
    classes: { type: Mixed },
    stage: { type: String, enum: checklistStages },
    reportingYear: { type: String, match: /^\d{4}\/\d{2}$/ },
    reminders: { type: [String], default: undefined },
    closedOn: { type: String, match: /^\d{4}-\d{2}-\d{2}$/ },
    revision: { type: Number },
    demo: { type: Boolean, default: false },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date },
  },
  [{ fields: { status: 1 } }],
);

export const linksCollection = defineCollection<CampaignLink>(
  'links',
  {
    campaignId: { type: String, required: true },
    schoolId: { type: String, required: true },
    className: { type: String },
    tokenHash: { type: String, required: true },
  },
  [{ fields: { tokenHash: 1 }, unique: true }, { fields: { campaignId: 1 } }],
);
