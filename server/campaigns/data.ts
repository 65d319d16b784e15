// The campaigns' collections, which only this component reads and writes: campaigns (an instrument
// version run in some schools between two dates), their links, the audit log, the answer counts per
// class link and the records of campaign mail. A link's token is never stored: only its SHA-256,
// which is how a token is looked up.
import { defineCollection, Mixed } from '../store';
import type { LocalizedText, RespondentType } from '../surveys/instrument';
import type { Actor, AuditAction, FieldChange } from './views';

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

// The audit log (audit.ts): every change to a campaign, only ever added to.

export type { Actor, AuditAction, FieldChange };

export interface AuditEntry {
  _id: string;
  campaignId: string;
  /** The campaign's revision after the change: orders entries even within one millisecond. */
  revision: number;
  at: Date;
  actor: Actor;
  action: AuditAction;
  changes: FieldChange[];
  /** A school's form corrected or reopened (responses/school-forms.ts): which school, and why in words. */
  schoolId?: string;
  reason?: string;
}

export const auditCollection = defineCollection<AuditEntry>(
  'campaignAudit',
  {
    campaignId: { type: String, required: true },
    revision: { type: Number, required: true },
    at: { type: Date, required: true },
    actor: { type: Mixed, required: true },
    action: {
      type: String,
      required: true,
      enum: ['created', 'updated', 'opened', 'closed', 'reopened', 'form-corrected', 'form-reopened'],
    },
    changes: { type: Mixed, required: true },
    schoolId: { type: String },
    reason: { type: String },
  },
  [{ fields: { campaignId: 1, revision: 1 } }, { fields: { at: 1 } }],
);

/**
 * How many answers came through each class's link: one counter per link, raised as an answer is
 * stored. A count only: nothing about who or when.
 */
export interface LinkAnswers {
  _id: string;
  campaignId: string;
  answers: number;
}

export const linkAnswersCollection = defineCollection<LinkAnswers>(
  'linkAnswers',
  {
    campaignId: { type: String, required: true },
    answers: { type: Number, required: true },
  },
  [{ fields: { campaignId: 1 } }],
);

// Campaign mail (deliveries.ts): each delivery recorded under a key unique per campaign, person and
// purpose (the invitation, or reminder n) before it is handed over, and the reminders' daily cap.

export interface InvitationDelivery {
  _id: string;
  campaignId: string;
  personId: string;
  status: 'sending' | 'sent';
  at: Date;
}

export const invitationDeliveriesCollection = defineCollection<InvitationDelivery>(
  'campaignInvitations',
  {
    campaignId: { type: String, required: true },
    personId: { type: String, required: true },
    status: { type: String, required: true, enum: ['sending', 'sent'] },
    at: { type: Date, required: true },
  },
  [{ fields: { campaignId: 1, personId: 1 }, unique: true }],
);

export interface ReminderDelivery {
  _id: string;
  campaignId: string;
  personId: string;
  reminder: number;
  day: string;
  status: 'sending' | 'sent';
  at: Date;
}

export const reminderDeliveriesCollection = defineCollection<ReminderDelivery>(
  'reminderDeliveries',
  {
    campaignId: { type: String, required: true },
    personId: { type: String, required: true },
    reminder: { type: Number, required: true },
    day: { type: String, required: true },
    status: { type: String, required: true, enum: ['sending', 'sent'] },
    at: { type: Date, required: true },
  },
  [{ fields: { campaignId: 1, personId: 1, reminder: 1 }, unique: true }],
);

/** One document per person and day that person got a reminder: the daily cap, across campaigns. */
export interface MailDay {
  _id: string;
  personId: string;
  day: string;
  campaignId: string;
  at: Date;
}

export const mailDaysCollection = defineCollection<MailDay>(
  'reminderMailDays',
  {
    personId: { type: String, required: true },
    day: { type: String, required: true },
    campaignId: { type: String, required: true },
    at: { type: Date, required: true },
  },
  [
    { fields: { personId: 1, day: 1 }, unique: true },
    { fields: { at: 1 }, expireAfterSeconds: 3 * 24 * 3600 },
  ],
);

/**
 * The colleagues a school's coordinator names to fill in the school's form of one campaign with
 * them (working-groups.ts): `<campaignId>:<schoolId>`.
 */
export interface WorkingGroup {
  _id: string;
  campaignId: string;
  schoolId: string;
  userIds: string[];
  updatedAt: Date;
}

export const workingGroupsCollection = defineCollection<WorkingGroup>(
  'schoolFormGroups',
  {
    campaignId: { type: String, required: true },
    schoolId: { type: String, required: true },
    userIds: { type: [String], required: true },
    updatedAt: { type: Date, required: true },
  },
  [{ fields: { userIds: 1 } }],
);

/** Every collection of the campaigns, for the store to open (server/collections.ts). */
export const campaignCollections = [
  campaignsCollection,
  linksCollection,
  auditCollection,
  reminderDeliveriesCollection,
  mailDaysCollection,
  invitationDeliveriesCollection,
  linkAnswersCollection,
  workingGroupsCollection,
];
