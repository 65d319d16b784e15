// What GET /api/framework answers: a cluster's criteria table for one school year, shared by the
// server and the client (types only: the client imports nothing else from here).
import type { LocalizedText } from '../surveys/instrument';
import type { Target } from './views';

/** A school's answer to a checklist question: «да», «частично», «нет», or none given. */
export type ChecklistAnswer = 'yes' | 'partly' | 'no' | null;

export interface FrameworkChange {
  /** This year's value minus last year's, over `schools` only (percentage points). */
  value: number;
  /** The schools both values are computed over: those in both years' campaigns with an answer in both. */
  schools: number;
  /** True when that is not every school of both years (the page says the sets differ). */
  sameSchools: boolean;
  /** Last year's value over those schools. */
  previous: number;
  /** Shares of respondents only: the two-proportion z-test; null for a census (a share of schools). */
  test: { z: number; p: number; real: boolean } | null;
}

export interface FrameworkSchoolRef {
  id: string;
  number: string | null;
  name: LocalizedText | null;
}

export interface FrameworkIndicatorView {
  id: string;
  number: number;
  title: LocalizedText;
  criterion: { id: string; title: LocalizedText };
  /** census: a share of the cluster's schools; sample: a share of respondents. */
  basis: 'census' | 'sample';
  target: Target;
  targetText: LocalizedText;
  /** The value (%, one decimal); null when there is no campaign this year, nothing to count, or too few answers. */
  value: number | null;
  /** Schools (census) or respondents (sample) behind the value. */
  n: number;
  met: boolean | null;
  suppressed: boolean;
  /** Samples only: the 95 % Wilson interval (%, one decimal). */
  interval: { low: number; high: number } | null;
  /** Census only: «да» or «частично», %, beside the value. */
  yesOrPartly: number | null;
  change: FrameworkChange | null;
  /** The schools that miss it: not «да» (census), or a shown share not meeting the target (sample). */
  missing: string[];
  /** Samples only: schools whose share is withheld (too few answers), so neither met nor missed. */
  withheld: string[];
  /** The campaign the value is read from. */
  source: { campaignId: string; title: LocalizedText; opensOn: string; closesOn: string } | null;
}

export interface FrameworkCriterionView {
  id: string;
  title: LocalizedText;
  indicators: FrameworkIndicatorView[];
}

export interface FrameworkCell {
  indicatorId: string;
  /** Census indicators: the school's answer; absent for samples. */
  answer?: ChecklistAnswer;
  /** Sample indicators: the school's share (%), null when withheld or no answers. */
  value?: number | null;
  met: boolean | null;
  suppressed?: boolean;
  /** The school is not in the campaign the indicator is read from. */
  notTaking?: boolean;
}

export interface FrameworkView {
  cluster: string;
  title: LocalizedText;
  year: string;
  previousYear: string;
  minGroupSize: number;
  criteria: FrameworkCriterionView[];
  /** How many indicators there are, and how many are not met this year. */
  summary: { indicators: number; met: number; notMet: number; noValue: number };
  schools: FrameworkSchoolRef[];
  /** Schools × indicators, in the schools' order (by number) and the table's order. */
  matrix: { schoolId: string; cells: FrameworkCell[] }[];
}
