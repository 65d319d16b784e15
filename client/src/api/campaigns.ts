// Typed calls to the campaign API (/api/campaigns) for the coordinators' screens, as the
// signed-in user. State-changing calls send the session's CSRF token (x-csrf-token).
import { fetchSession } from './accounts';
import { ApiError, request } from './http';

export type CampaignStatus = 'planned' | 'open' | 'closed';
export type Audience = 'teachers' | 'parents' | 'students' | 'school-coordinators';
export interface Localized {
  default: string;
  en?: string;
}
export interface CampaignTitle {
  default: string;
  en: string;
}

export interface CampaignView {
  id: string;
  title: Localized;
  instrumentId: string;
  instrumentVersion: number;
  audience: Audience | null;
  schoolIds: string[];
  status: CampaignStatus;
  opensOn: string;
  closesOn: string;
  responsible: { userId?: string; name?: string } | null;
  targets: Record<string, number>;
  classes: Record<string, string[]>;
  stage: string | null;
  reportingYear: string | null;
  reminders: string[];
  closedOn: string | null;
  revision: number;
}

export interface CampaignPlan {
  instrumentId: string;
  instrumentVersion: number;
  audience: Audience;
  schoolIds: string[];
  opensOn: string;
  closesOn: string;
  responsible: { userId: string } | { name: string };
  title?: CampaignTitle;
  targets?: Record<string, number>;
  classes?: Record<string, string[]>;
  stage?: string;
  reportingYear?: string;
  reminders?: string[];
}

/** A change to a plan (PATCH): any of its fields; null removes an optional one. */
export type CampaignChange = { [K in keyof CampaignPlan]?: CampaignPlan[K] | null };

export interface SchoolView {
  id: string;
  number: string;
  name: Localized;
  shortName: Localized;
}
export interface InstrumentSummary {
  id: string;
  version: number;
  versions: number[];
  respondentType: 'teacher' | 'parent' | 'student' | 'school';
  anonymous: boolean;
  title: Localized;
}

export interface LinkView {
  id: string;
  schoolId: string;
  school: { number: string; name: Localized; shortName: Localized } | null;
  className?: string;
  url: string;
  qrPng: string;
  qrSvg: string;
  poster: string;
}

export interface SchoolRate {
  schoolId: string;
  number: string | null;
  shortName: Localized | null;
  answers: number;
  target: number | null;
  rate: number | null;
}
export interface ClassRate {
  schoolId: string;
  className: string;
  answers: number;
}
export interface ResponseRates {
  campaignId: string;
  schools: SchoolRate[];
  classes?: ClassRate[];
  total: { answers: number; target: number | null; rate: number | null };
}

export const audienceOf: Record<InstrumentSummary['respondentType'], Audience> = {
  teacher: 'teachers',
  parent: 'parents',
  student: 'students',
  school: 'school-coordinators',
};

let csrf: string | undefined;

async function send<T>(method: string, path: string, body: unknown = {}): Promise<T> {
  if (!csrf) csrf = (await fetchSession()).csrfToken;
  const call = () =>
    request<T>(path, { method, credentials: 'same-origin', body: JSON.stringify(body), headers: { 'x-csrf-token': csrf! } });
  try {
    return await call();
  } catch (err) {
    // The session may have changed since the page loaded: take a fresh token once and retry.
    if (err instanceof ApiError && err.code === 'csrf.invalid') {
      csrf = (await fetchSession()).csrfToken;
      return call();
    }
    throw err;
  }
}

const get = <T>(path: string) => request<T>(path, { credentials: 'same-origin' });
const at = (id: string) => `/api/campaigns/${encodeURIComponent(id)}`;

export function listCampaigns(filter: { from?: string; to?: string; schoolId?: string; instrumentId?: string }) {
  const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => !!e[1]));
  return get<{ campaigns: CampaignView[] }>(`/api/campaigns?${query}`);
}
export const fetchCampaign = (id: string) => get<CampaignView>(at(id));
export const planCampaign = (plan: CampaignPlan) => send<CampaignView>('POST', '/api/campaigns', plan);
export const updateCampaign = (id: string, change: CampaignChange) => send<CampaignView>('PATCH', at(id), change);
export const openCampaign = (id: string) => send<CampaignView>('POST', `${at(id)}/open`);
export const closeCampaign = (id: string) => send<CampaignView>('POST', `${at(id)}/close`);
export const reopenCampaign = (id: string, closesOn?: string) =>
  send<CampaignView>('POST', `${at(id)}/reopen`, closesOn ? { closesOn } : {});
export const fetchLinks = (id: string) => get<{ links: LinkView[] }>(`${at(id)}/links`);
export const fetchResponseRates = (id: string) => get<ResponseRates>(`${at(id)}/response-rates`);
export const fetchSchools = () => get<{ schools: SchoolView[] }>('/api/schools');
export const fetchInstruments = () => get<{ instruments: InstrumentSummary[] }>('/api/instruments');

/** A task of the signed-in person (GET /api/my/tasks): what an open campaign asks of them. */
export interface MyTask {
  campaignId: string;
  title: Localized;
  instrumentId: string;
  kind: 'diagnostic' | 'staff-survey' | 'school-form';
  closesOn: string;
  /** A path on this site: the diagnostic page or the school's link. */
  path: string;
  /** 'unknown': an anonymous survey, where nothing records who answered. */
  status: 'to-do' | 'started' | 'done' | 'unknown';
}

export const fetchMyTasks = () => request<{ tasks: MyTask[] }>('/api/my/tasks');

/** Who made a recorded change. */
export type AuditActor = { kind: 'administrator' } | { kind: 'user'; userId: string; name?: string } | { kind: 'system'; reason: string };
export interface AuditEntryView {
  campaignId: string;
  campaignTitle?: Localized | null;
  revision: number;
  at: string;
  actor: AuditActor;
  action: 'created' | 'updated' | 'opened' | 'closed' | 'reopened';
  changes: { field: string; before: unknown; after: unknown }[];
}

/** The latest changes across campaigns, or one campaign's (administrators), with the cluster's time zone. */
export function fetchAudit(filter: { campaignId?: string; limit?: number } = {}) {
  const query = new URLSearchParams(
    Object.entries(filter)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)]),
  );
  return get<{ timeZone: string; entries: AuditEntryView[] }>(`/api/campaigns/audit?${query}`);
}
