// The teacher's diagnostics routes (/api/my/…) and a teacher's profile: what each reads and answers.
import { z } from 'zod';
import type { ApiRoute } from '../http/api-route';
import { id } from '../http/validate';

const diagnosticParams = z.object({ campaignId: id });

/** A teacher's answers so far (a draft) or in full (a submission); the instrument decides what they may be. */
const answersBody = z
  .object({ answers: z.record(z.string(), z.unknown()), currentPage: z.number().int().min(0).max(1000).optional() })
  .strict();
const shareBody = z.object({ shareWithCoordinator: z.boolean() }).strict();

const profile = {
  description: '{ shareWithCoordinator, history: [{ campaignId, title, opensOn, submittedOn, instrumentId, scoring, scores }] }',
};

export const diagnosticApi = {
  mine: {
    method: 'get',
    path: '/api/my/diagnostics',
    summary: "A teacher's diagnostics: those open in their school, and those they took",
    access: 'signed-in',
    responses: { 200: { description: '{ diagnostics }' } },
  },
  open: {
    method: 'get',
    path: '/api/my/diagnostics/:campaignId',
    summary: 'A diagnostic to take: its instrument and the answers saved so far',
    access: 'signed-in',
    params: diagnosticParams,
    responses: { 200: { description: '{ campaign, instrument, answers, currentPage, status }' } },
  },
  draft: {
    method: 'put',
    path: '/api/my/diagnostics/:campaignId/draft',
    summary: 'Saves the answers so far',
    access: 'signed-in',
    params: diagnosticParams,
    body: answersBody,
    answerNames: true,
    responses: { 200: { description: '{ saved: true, savedAt }' } },
  },
  submit: {
    method: 'post',
    path: '/api/my/diagnostics/:campaignId/submission',
    summary: 'Submits the diagnostic: validated, scored, kept once',
    access: 'signed-in',
    params: diagnosticParams,
    body: answersBody,
    answerNames: true,
    responses: { 201: { description: '{ received: true, dropped, scores? }' } },
  },
  profile: {
    method: 'get',
    path: '/api/my/profile',
    summary: "A teacher's own profile: every diagnostic they submitted, with its scores",
    access: 'signed-in',
    responses: { 200: profile },
  },
  profilePdf: {
    method: 'get',
    path: '/api/my/profile.pdf',
    summary: "A teacher's own profile as a PDF",
    access: 'signed-in',
    responses: { 200: { description: 'The profile', type: 'pdf' } },
  },
  share: {
    method: 'patch',
    path: '/api/my/profile',
    summary: 'Whether the teacher shares their profile with their school coordinator',
    access: 'signed-in',
    body: shareBody,
    responses: { 200: { description: '{ shareWithCoordinator }' } },
  },
  teacherProfile: {
    method: 'get',
    path: '/api/users/:id/profile',
    summary: "A teacher's profile, for those it is shared with",
    access: 'signed-in',
    params: z.object({ id }),
    responses: { 200: { description: '{ name, history }' } },
  },
} satisfies Record<string, ApiRoute>;
