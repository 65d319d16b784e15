// The teacher's own diagnostics and profile (signed in; changes go through `send`: CSRF token, retry policy).
import { get, send } from './http';
import type { AreaScore } from '../../../server/surveys/score-views';
import type { InstrumentDefinition, Localized } from './respondent';

/** An area's result as the server scores it; earned/possible and the parts are absent in results of edition 1. */
export type DiagnosticAreaScore = AreaScore;

export interface MyDiagnostic {
  campaignId: string;
  title: Localized;
  instrumentId: string;
  closesOn: string;
  status: 'not-started' | 'draft' | 'submitted';
}

export interface OpenDiagnostic {
  campaign: { id: string; title: Localized; closesOn: string };
  instrument: InstrumentDefinition;
  saved: {
    status: 'draft' | 'submitted';
    answers: Record<string, unknown>;
    currentPage: number;
    scores?: { areas: Record<string, DiagnosticAreaScore> };
  } | null;
}

export interface ProfileEntry {
  campaignId: string;
  title: Localized;
  opensOn: string;
  submittedOn: string;
  scoring: NonNullable<InstrumentDefinition['scoring']> | null;
  scores: { areas: Record<string, DiagnosticAreaScore> } | null;
}

export const fetchMyDiagnostics = () => get<{ diagnostics: MyDiagnostic[] }>('/api/my/diagnostics');
export const openDiagnostic = (campaignId: string) => get<OpenDiagnostic>(`/api/my/diagnostics/${encodeURIComponent(campaignId)}`);
export const saveDraft = (campaignId: string, answers: Record<string, unknown>, currentPage: number) =>
  send<{ saved: true }>('PUT', `/api/my/diagnostics/${encodeURIComponent(campaignId)}/draft`, { answers, currentPage });
export const submitDiagnostic = (campaignId: string, answers: Record<string, unknown>) =>
  send<{ received: true; scores?: { areas: Record<string, DiagnosticAreaScore> } }>(
    'POST',
    `/api/my/diagnostics/${encodeURIComponent(campaignId)}/submission`,
    { answers },
  );
export const fetchProfile = () => get<{ shareWithCoordinator: boolean; history: ProfileEntry[] }>('/api/my/profile');
export const setSharing = (shareWithCoordinator: boolean) =>
  send<{ shareWithCoordinator: boolean }>('PATCH', '/api/my/profile', { shareWithCoordinator });
export const profilePdfUrl = '/api/my/profile.pdf';
export const fetchTeacherProfile = (userId: string) =>
  get<{ name: string; history: ProfileEntry[] }>(`/api/users/${encodeURIComponent(userId)}/profile`);
