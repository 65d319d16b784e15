// What the campaign API shows (campaigns, their links, response rates, tasks, the audit log),
// shared by the server and the client (the client imports these types only: nothing here may
// import code, only types that need no Node). One definition, so the coordinators' screens and the
// API cannot drift apart.
import type { LocalizedText } from '../surveys/instrument';

export type CampaignStatus = 'planned' | 'open' | 'closed';

/** Who a campaign asks; must match its instrument's respondent type. */
export type Audience = 'teachers' | 'parents' | 'students' | 'school-coordinators';

/** A campaign as the API shows it (presentCampaign). */
export interface CampaignView {
  id: string;
  title: LocalizedText;
  instrumentId: string;
  instrumentVersion: number;
  audience: Audience | null;
  schoolIds: string[];
  status: CampaignStatus;
  /** Calendar days (YYYY-MM-DD) in the cluster's time zone. */
  opensOn: string;
  closesOn: string;
  /** The same window as instants (ISO), when the campaign has them. */
  opensAt: string | null;
  closesAt: string | null;
  responsible: { userId?: string; name?: string } | null;
  targets: Record<string, number>;
  classes: Record<string, string[]>;
  stage: string | null;
  reportingYear: string | null;
  reminders: string[];
  closedOn: string | null;
  revision: number;
  demo: boolean;
  createdAt: string;
  updatedAt: string | null;
}

/** A school as a campaign's answers name it. */
export interface SchoolNames {
  number: string;
  name: LocalizedText;
  shortName: LocalizedText;
}

/** A campaign's link for one school (or one class of it), with its QR code and poster. */
export interface CampaignLinkView {
  id: string;
  schoolId: string;
  school: SchoolNames | null;
  className: string | null;
  url: string;
  qrPng: string;
  qrSvg: string;
  poster: string;
}

/** Answers per class, for a campaign that hands out a link per class. */
export interface ClassRate {
  schoolId: string;
  className: string;
  answers: number;
}

export interface SchoolRate {
  schoolId: string;
  number: string | null;
  shortName: LocalizedText | null;
  answers: number;
  target: number | null;
  /** answers / target in per cent, one decimal; null without a target. */
  rate: number | null;
}

export interface ResponseRates {
  campaignId: string;
  schools: SchoolRate[];
  /** Per class link (campaigns with classes only), in school and class order. */
  classes: ClassRate[];
  total: { answers: number; target: number | null; rate: number | null };
}

/** A task of the signed-in person (GET /api/my/tasks): what an open campaign asks of them. */
export interface Task {
  campaignId: string;
  title: LocalizedText;
  instrumentId: string;
  kind: 'diagnostic' | 'staff-survey' | 'school-form';
  closesOn: string;
  /** Where the task's button goes: a page of Mera or the school's link (a path; the client adds the site). */
  path: string;
  /** 'unknown' for an anonymous survey: nothing records who answered. */
  status: 'to-do' | 'started' | 'done' | 'unknown';
}

/** Who made a change: the administrator token, a signed-in user (accounts), or Mera's own jobs. */
export type Actor = { kind: 'administrator' } | { kind: 'user'; userId: string; name?: string } | { kind: 'system'; reason: string };

export type AuditAction = 'created' | 'updated' | 'opened' | 'closed' | 'reopened' | 'form-corrected' | 'form-reopened';

export interface FieldChange {
  /** A campaign field, or a path inside one ("targets.<schoolId>"). */
  field: string;
  before: unknown;
  after: unknown;
}

/** An entry of the audit log as the API shows it; the list of every campaign's names each entry's campaign. */
export interface AuditEntryView {
  campaignId: string;
  campaignTitle?: LocalizedText | null;
  revision: number;
  /** An instant (ISO); the answer gives the cluster's time zone to show it in. */
  at: string;
  actor: Actor;
  action: AuditAction;
  changes: FieldChange[];
  /** A school's form corrected or reopened: the school, and the reason given in words. */
  schoolId?: string;
  reason?: string;
}
