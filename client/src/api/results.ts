// The results of a campaign (indicators, deficits, seminar plan) and its exports, read while signed in.
// The shapes mirror server/analytics/results.ts (the server's types are the source).
import { request } from './http';
import type { Localized } from './respondent';

export interface Target { op: '>' | '>='; value: number }

export interface ResultValue {
  value: number | null;
  n: number;
  target: Target | null;
  met: boolean | null;
  change: number | null;
  suppressed: boolean;
  yesOrPartly?: number | null;
  answer?: string | null;
}

export interface IndicatorResult {
  id: string;
  title: Localized;
  kind: string;
  criterion?: string;
  cluster: ResultValue & { missing?: string[]; schoolsNeeded?: number };
  schools: { schoolId: string; value: ResultValue }[];
  trend?: { cluster: (number | null)[]; schools: { schoolId: string; values: (number | null)[] }[]; suppressed: { cluster: boolean[]; schools: { schoolId: string; values: boolean[] }[] } };
}

export interface LevelShares { n: number; levels: Record<string, { count: number; share: number } | null>; suppressed: boolean }

export interface DeficitResults {
  levels: { id: string; title: Localized }[];
  areas: {
    area: string;
    title: Localized;
    cluster: LevelShares;
    schools: ({ schoolId: string } & LevelShares)[];
    canTeachOthers: number | null;
    /** Per school: teachers at the top level, and the names of those who shared their profile (their school's coordinator only). */
    canTeachOthersBySchool?: { schoolId: string; count: number | null; sharedNames?: string[] }[];
    alpha: { value: number | null; n: number };
  }[];
  seminarPlan: { area: string; title: Localized; teachersInDeficit: number | null; perSchool: { schoolId: string; teachersInDeficit: number | null }[] }[];
}

export type RespondentType = 'teacher' | 'parent' | 'student' | 'school';

export interface CampaignResults {
  campaign: { id: string; title: Localized; instrumentId: string; status: string; opensOn: string; closesOn: string; anonymous: boolean; respondentType: RespondentType; schoolYear: string };
  filters: { schoolId: string | null; role: string | null };
  roles: { id: string; title: Localized }[];
  previousCampaign: { id: string; title: Localized; opensOn: string } | null;
  history: { id: string; title: Localized; opensOn: string }[];
  minGroupSize: number | null;
  schools: { id: string; number: string | null; name: Localized | null; respondents: number }[];
  respondents: number;
  indicators: IndicatorResult[];
  deficits: DeficitResults | null;
}

export interface ResultCampaign { id: string; title: Localized; instrumentId: string; respondentType: RespondentType; schoolYear: string; status: string; opensOn: string; closesOn: string; schoolIds: string[] }

export interface ResultFilters { school?: string; role?: string }

const query = (filters: ResultFilters) => {
  const params = new URLSearchParams();
  if (filters.school) params.set('school', filters.school);
  if (filters.role) params.set('role', filters.role);
  const text = params.toString();
  return text ? `?${text}` : '';
};

export const fetchResultCampaigns = () => request<{ campaigns: ResultCampaign[] }>('/api/results/campaigns');
export const fetchCampaignResults = (campaignId: string, filters: ResultFilters = {}) =>
  request<CampaignResults>(`/api/results/campaigns/${encodeURIComponent(campaignId)}${query(filters)}`);
export const indicatorExportUrl = (campaignId: string, format: 'csv' | 'xlsx', filters: ResultFilters = {}) =>
  `/api/results/campaigns/${encodeURIComponent(campaignId)}/indicators.${format}${query(filters)}`;
