// A school's own form (the checklist, the monitoring form), signed in: its state, the draft saved as
// it is filled, the revisions sent, the working group (server/responses/school-form-routes.ts).
import type { Localized } from './respondent';
import { get, send } from './http';

export interface FormAuthor {
  userId: string;
  name: string;
}

export interface FormDraft {
  revision: number;
  answers: Record<string, unknown>;
  updatedBy: FormAuthor;
  updatedAt: string;
}

export interface FormRevision {
  revision: number;
  by: FormAuthor;
  at: string;
  day: string;
  reason?: string;
}

export interface SchoolFormState {
  campaign: { id: string; title: Localized; status: string; opensOn: string; closesOn: string };
  schoolId: string;
  access: 'fill' | 'read';
  window: 'not-open' | 'open' | 'closed' | 'reopened';
  editable: boolean;
  draft: FormDraft | null;
  draftRevision: number;
  submitted: { revision: number; answers: Record<string, unknown>; by?: FormAuthor; at?: string; day: string } | null;
  revisions: FormRevision[];
  group: string[];
}

const formPath = (campaignId: string, schoolId: string) =>
  `/api/school-forms/${encodeURIComponent(campaignId)}/${encodeURIComponent(schoolId)}`;

export const fetchSchoolForm = (token: string) => get<SchoolFormState>(`/api/school-forms/link/${encodeURIComponent(token)}`);

export const saveSchoolFormDraft = (campaignId: string, schoolId: string, answers: Record<string, unknown>, basedOn: number) =>
  send<{ revision: number }>('PUT', `${formPath(campaignId, schoolId)}/draft`, { answers, basedOn });

export const sendSchoolForm = (campaignId: string, schoolId: string, answers: Record<string, unknown>, basedOn: number, reason?: string) =>
  send<{ received: true; revision: number }>('POST', `${formPath(campaignId, schoolId)}/revisions`, {
    answers,
    basedOn,
    ...(reason ? { reason } : {}),
  });

export const reopenSchoolForm = (campaignId: string, schoolId: string, reason?: string) =>
  send<{ reopened: true }>('POST', `${formPath(campaignId, schoolId)}/reopen`, reason ? { reason } : {});

export interface GroupCandidate {
  id: string;
  name: string;
  email: string;
  role: string;
}

export const fetchWorkingGroup = (campaignId: string, schoolId: string) =>
  get<{ members: string[]; candidates: GroupCandidate[] }>(`${formPath(campaignId, schoolId)}/group`);

export const saveWorkingGroup = (campaignId: string, schoolId: string, userIds: string[]) =>
  send<{ members: string[] }>('PUT', `${formPath(campaignId, schoolId)}/group`, { userIds });

export const fetchFormChanges = (campaignId: string) =>
  get<{ changes: Record<string, string[]> }>(`/api/school-forms/${encodeURIComponent(campaignId)}/changes`);
