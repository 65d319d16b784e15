// Typed calls to the campaign API (/api/campaigns) for the coordinators' screens, as the signed-in
// user. The shapes the API answers with are the server's (server/campaigns/views.ts), imported as
// types only; changes go through `send` (CSRF token, retry policy).
import type { Audience, AuditEntryView, CampaignLinkView, CampaignView, ResponseRates, Task } from '../../../server/campaigns/views';
import type { InstrumentSummary as CatalogueSummary, LocalizedText, RespondentType } from '../../../server/surveys/instrument';
import { get, send } from './http';

export type {
  Actor as AuditActor,
  Audience,
  AuditEntryView,
  CampaignLinkView as LinkView,
  CampaignStatus,
  CampaignView,
  ResponseRates,
  Task as MyTask,
} from '../../../server/campaigns/views';

/** An instrument as the catalogue lists it (GET /api/instruments): its newest version and the list of its versions. */
export type InstrumentSummary = CatalogueSummary & { versions: number[] };

/**
 * A plan as the plan form sends it (POST /api/campaigns). The server's zod schema
 * (server/campaigns/schema.ts) checks it and names the field at fault.
 */
export interface CampaignPlan {
  instrumentId: string;
  instrumentVersion: number;
  audience: Audience;
  schoolIds: string[];
  opensOn: string;
  closesOn: string;
  responsible: { userId: string } | { name: string };
  title?: LocalizedText;
  targets?: Record<string, number>;
  classes?: Record<string, string[]>;
  stage?: string;
  reportingYear?: string;
  reminders?: string[];
}

/** A change to a plan (PATCH): any of its fields; null removes an optional one. */
export type CampaignChange = { [K in keyof CampaignPlan]?: CampaignPlan[K] | null };

export const audienceOf: Record<RespondentType, Audience> = {
  teacher: 'teachers',
  parent: 'parents',
  student: 'students',
  school: 'school-coordinators',
};

const at = (id: string) => `/api/campaigns/${encodeURIComponent(id)}`;

export function listCampaigns(filter: { from?: string; to?: string; schoolId?: string; instrumentId?: string }) {
  const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => !!e[1]));
  return get<{ campaigns: CampaignView[] }>(`/api/campaigns?${query}`);
}
export const fetchCampaign = (id: string) => get<CampaignView>(at(id));
export const planCampaign = (plan: CampaignPlan) => send<CampaignView>('POST', '/api/campaigns', plan);
/** A change made on the campaign at `revision`: a newer one answers 409 campaign.changed with the campaign as it stands. */
export const updateCampaign = (id: string, change: CampaignChange, revision: number) =>
  send<CampaignView>('PATCH', at(id), { ...change, revision });
export const openCampaign = (id: string) => send<CampaignView>('POST', `${at(id)}/open`);
export const closeCampaign = (id: string) => send<CampaignView>('POST', `${at(id)}/close`);
export const reopenCampaign = (id: string, closesOn?: string) =>
  send<CampaignView>('POST', `${at(id)}/reopen`, closesOn ? { closesOn } : {});
export const fetchLinks = (id: string) => get<{ links: CampaignLinkView[] }>(`${at(id)}/links`);
export const fetchResponseRates = (id: string) => get<ResponseRates>(`${at(id)}/response-rates`);
export const fetchInstruments = () => get<{ instruments: InstrumentSummary[] }>('/api/instruments');

export const fetchMyTasks = () => get<{ tasks: Task[] }>('/api/my/tasks');

/** The latest changes across campaigns, or one campaign's (administrators), with the cluster's time zone. */
/** One campaign's audit log, for whoever may run it (the log across campaigns is an administrator's). */
export const fetchCampaignAudit = (campaignId: string) =>
  get<{ timeZone: string; entries: AuditEntryView[] }>(`/api/campaigns/${encodeURIComponent(campaignId)}/audit`);

export function fetchAudit(filter: { campaignId?: string; limit?: number } = {}) {
  const query = new URLSearchParams(
    Object.entries(filter)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)]),
  );
  return get<{ timeZone: string; entries: AuditEntryView[] }>(`/api/campaigns/audit?${query}`);
}
