// What the results API shows of a campaign, shared by the server and the client (the client
// imports these types only: nothing here may need Node or the instruments' code, only their types).
// One definition, so the page and the API cannot drift apart.
import type { WithheldReason } from '../disclosure/rules';
import type { Indicator, LocalizedText, RespondentType } from '../surveys/instrument';

export type { WithheldReason };

export interface Target {
  op: '>' | '>=';
  value: number;
}

export interface IndicatorValue {
  /** The value (a percentage for shares), rounded to one decimal; null when suppressed or nothing to count. */
  value: number | null;
  /** How many it was computed from: respondents for surveys, schools for school forms. */
  n: number;
  target: Target | null;
  met: boolean | null;
  /** value − the previous campaign's value (percentage points for shares); null when either is missing. */
  change: number | null;
  /** The value is withheld (disclosure control); `withheld` says why. */
  suppressed: boolean;
  /** Why: too few answers behind it, or withheld so that another value cannot be computed from the total. */
  withheld?: WithheldReason;
}

/** The group's area result from pooled points: exact, since points add where scores would not. */
export interface PooledAreaScore {
  earned: number;
  possible: number;
  /** 100 × earned / possible, rounded to 0.1. */
  score: number | null;
  /** The level of the unrounded pooled score. */
  level: string | null;
}

export interface LevelShares {
  /** Teachers with a score in the area. */
  n: number;
  /** Per level: how many teachers and their share (%); null when suppressed. */
  levels: Record<string, { count: number; share: number } | null>;
  suppressed: boolean;
  /** Why it is withheld (as IndicatorValue's). */
  withheld?: WithheldReason;
  /**
   * The area's score and level from the teachers' pooled points; null when suppressed, when no
   * teacher has a score, or when some scores carry no points (results of edition 1 scored before
   * points were kept), since pooling only part of the group would mislead. Absent without `scoring`.
   */
  pooled?: PooledAreaScore | null;
}

export type ResultValue = IndicatorValue & {
  /** share-of-schools: «да» or «частично» beside the value; the school's own answer per school. */
  yesOrPartly?: number | null;
  answer?: string | null;
  /** monitoring: the school's difference from the cluster's mean. */
  difference?: number | null;
  /** The cluster's change is over these schools (in both campaigns, with a value in both); sameSchools: all of both. */
  changeOver?: { schools: number; sameSchools: boolean };
  /** Shares of respondents: the cluster's 95 % Wilson interval (%) and the change's two-proportion z-test. */
  interval?: { low: number; high: number };
  changeTest?: { z: number; p: number; real: boolean };
};

export interface IndicatorResult {
  id: string;
  title: LocalizedText;
  kind: Indicator['kind'] | 'derived-share';
  criterion?: string;
  /** The criterion's title in the cluster's criteria table (server/analytics/framework-data.ts). */
  criterionTitle?: LocalizedText;
  cluster: ResultValue & { meeting?: string[]; notMeeting?: string[]; missing?: string[]; schoolsNeeded?: number };
  schools: { schoolId: string; value: ResultValue }[];
  /** Anonymous surveys with a "role" question: the value per role, for the cluster and per school. */
  roles?: { role: string; cluster: ResultValue; schools: { schoolId: string; value: ResultValue }[] }[];
  /**
   * Values over the campaigns of `history` (oldest first, this campaign last); null where withheld
   * or missing, and `suppressed` says which nulls are withheld ("too few answers").
   */
  trend?: {
    cluster: (number | null)[];
    /** `answers`: a school's own checklist answer in each campaign (share-of-schools indicators), shown as да / частично / нет. */
    schools: { schoolId: string; values: (number | null)[]; answers?: (string | null)[] }[];
    suppressed: { cluster: boolean[]; schools: { schoolId: string; values: boolean[] }[] };
  };
}

export interface DeficitArea {
  area: string;
  title: LocalizedText;
  cluster: LevelShares;
  schools: ({ schoolId: string } & LevelShares)[];
  /** Teachers at the top level ("can teach others") in the cluster; null when suppressed. */
  canTeachOthers: number | null;
  /**
   * Per school: teachers at the top level, and (only for that school's coordinator) the names of
   * those of them who shared their profile with their school.
   */
  canTeachOthersBySchool: { schoolId: string; count: number | null; sharedNames?: string[] }[];
  alpha: { value: number | null; n: number };
}

export interface DeficitResults {
  levels: { id: string; title: LocalizedText }[];
  areas: DeficitArea[];
  seminarPlan: {
    area: string;
    title: LocalizedText;
    teachersInDeficit: number | null;
    perSchool: { schoolId: string; teachersInDeficit: number | null }[];
  }[];
}

/** One area's pooled score before and after, over the teachers who took both diagnostics. */
export interface DiagnosticChangeCell {
  /** Teachers who took both, with points in the area both times. */
  n: number;
  /** 100 × Σ earned / Σ possible, rounded to 0.1; null when withheld. */
  before: number | null;
  after: number | null;
  change: number | null;
  /** Fewer such teachers than the minimum group. */
  suppressed: boolean;
}

/** The teacher diagnostic's change from the previous diagnostic (September → April), over the teachers who took both. */
export interface DiagnosticChange {
  previousCampaign: { id: string; title: LocalizedText; opensOn: string };
  /** Teachers who took both. */
  teachers: number;
  areas: { area: string; title: LocalizedText; cluster: DiagnosticChangeCell; schools: ({ schoolId: string } & DiagnosticChangeCell)[] }[];
}

export interface CampaignResults {
  campaign: {
    id: string;
    title: LocalizedText;
    instrumentId: string;
    instrumentVersion: number;
    status: string;
    opensOn: string;
    closesOn: string;
    anonymous: boolean;
    respondentType: RespondentType;
    schoolYear: string;
  };
  /** The filters applied: one school's values beside the cluster's, and one role's answers only. */
  filters: { schoolId: string | null; role: string | null };
  /** The roles respondents answer as (the staff survey: administration, teachers); [] when none. */
  roles: { id: string; title: LocalizedText }[];
  previousCampaign: { id: string; title: LocalizedText; opensOn: string } | null;
  /** The campaigns of the trend, oldest first, ending with this one. */
  history: { id: string; title: LocalizedText; opensOn: string }[];
  minGroupSize: number | null;
  schools: { id: string; number: string | null; name: LocalizedText | null; respondents: number }[];
  respondents: number;
  indicators: IndicatorResult[];
  deficits: DeficitResults | null;
  /** The teacher diagnostic: each area's change from the previous diagnostic over the teachers who took both. */
  diagnosticChange?: DiagnosticChange;
}

export interface ResultCampaign {
  id: string;
  title: LocalizedText;
  instrumentId: string;
  respondentType: RespondentType;
  schoolYear: string;
  status: string;
  opensOn: string;
  closesOn: string;
  /** The schools taking part (a school coordinator's: only their own). */
  schoolIds: string[];
}
