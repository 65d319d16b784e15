// The results of a campaign (indicators, deficits, seminar plan) and its exports, read while signed in.
// The shapes are the server's (server/analytics/views.ts), imported as types only.
import type { CampaignResults, ResultCampaign } from '../../../server/analytics/views';
import { get } from './http';

export type {
  CampaignResults,
  DeficitResults,
  IndicatorResult,
  ResultCampaign,
  ResultValue,
  Target,
  WithheldReason,
} from '../../../server/analytics/views';
export type { RespondentType } from '../../../server/surveys/instrument';

export interface ResultFilters {
  school?: string;
  role?: string;
}

const query = (filters: ResultFilters) => {
  const params = new URLSearchParams();
  if (filters.school) params.set('school', filters.school);
  if (filters.role) params.set('role', filters.role);
  const text = params.toString();
  return text ? `?${text}` : '';
};

export const fetchResultCampaigns = () => get<{ campaigns: ResultCampaign[] }>('/api/results/campaigns');
export const fetchCampaignResults = (campaignId: string, filters: ResultFilters = {}) =>
  get<CampaignResults>(`/api/results/campaigns/${encodeURIComponent(campaignId)}${query(filters)}`);
export const indicatorExportUrl = (campaignId: string, format: 'csv' | 'xlsx', filters: ResultFilters = {}) =>
  `/api/results/campaigns/${encodeURIComponent(campaignId)}/indicators.${format}${query(filters)}`;
