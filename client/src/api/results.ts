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
}

export interface LevelShares { n: number; levels: Record<string, { count: number; share: number } | null>; suppressed: boolean }

export interface DeficitResults {
  levels: { id: string; title: Localized }[];
  areas: { area: string; title: Localized; cluster: LevelShares; schools: ({ schoolId: string } & LevelShares)[]; canTeachOthers: number | null; alpha: { value: number | null; n: number } }[];
  seminarPlan: { area: string; title: Localized; teachersInDeficit: number | null; perSchool: { schoolId: string; teachersInDeficit: number | null }[] }[];
}

export interface CampaignResults {
  campaign: { id: string; title: Localized; instrumentId: string; status: string; opensOn: string; closesOn: string; anonymous: boolean };
  previousCampaign: { id: string; title: Localized; opensOn: string } | null;
  minGroupSize: number | null;
  schools: { id: string; number: string | null; name: Localized | null; respondents: number }[];
  respondents: number;
  indicators: IndicatorResult[];
  deficits: DeficitResults | null;
}

export interface ResultCampaign { id: string; title: Localized; instrumentId: string; status: string; opensOn: string; closesOn: string }

export const fetchResultCampaigns = () => request<{ campaigns: ResultCampaign[] }>('/api/results/campaigns');
export const fetchCampaignResults = (campaignId: string) => request<CampaignResults>(`/api/results/campaigns/${encodeURIComponent(campaignId)}`);
export const indicatorExportUrl = (campaignId: string, format: 'csv' | 'xlsx') => `/api/results/campaigns/${encodeURIComponent(campaignId)}/indicators.${format}`;
