// A school's own forms, signed in (/api/school-forms): validate → policy (policies.ts, asked by the
// service where it needs the working group) → service (school-forms.ts) → answer.
import { Router } from 'express';
import { dayIn } from '../calendar';
import { findCampaign, loadCampaign } from '../campaigns/planning';
import { linkByToken } from '../campaigns/service';
import { groupCandidates, setWorkingGroup, workingGroupOf } from '../campaigns/working-groups';
import { now as clockNow } from '../clock';
import { problem } from '../errors';
import { allow, requireUser, signedIn } from '../http/auth';
import { type AnyRequest, parseBody, validate } from '../http/validate';
import type { Store } from '../store';
import { mayNameWorkingGroup, changesSchoolOf } from './policies';
import { schoolFormApi as api } from './schema';
import {
  changedSinceFirstSent,
  reopenSchoolForm,
  saveSchoolFormDraft,
  schoolFormState,
  submitSchoolForm,
  type FormPlace,
} from './school-forms';

export function schoolFormRoutes(store: Store, timeZone: string): Router {
  const router = Router();
  router.use(requireUser, (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  const placeOf = async (req: AnyRequest, campaignId: string, schoolId: string): Promise<FormPlace> => {
    const campaign = await loadCampaign(store, campaignId);
    const now = clockNow();
    return { campaign, schoolId, actor: signedIn(req), now, today: dayIn(timeZone, now) };
  };

  router.get('/link/:token', validate(api.byLink), async (req, res) => {
    const { link, campaign } = await linkByToken(store, req.params.token);
    const now = clockNow();
    res.json(await schoolFormState(store, { campaign, schoolId: link.schoolId, actor: signedIn(req), now, today: dayIn(timeZone, now) }));
  });
  router.get('/:campaignId/changes', validate(api.changes), async (req, res) => {
    const campaign = await findCampaign(store, req.params.campaignId);
    if (!campaign) throw problem('campaign.not_found', { field: 'campaignId' });
    const own = changesSchoolOf(signedIn(req));
    const changes = await changedSinceFirstSent(store, campaign._id);
    res.json({ changes: own === undefined ? changes : Object.fromEntries(Object.entries(changes).filter(([s]) => s === own)) });
  });
  router.get('/:campaignId/:schoolId', validate(api.state), async (req, res) => {
    res.json(await schoolFormState(store, await placeOf(req, req.params.campaignId, req.params.schoolId)));
  });
  router.put('/:campaignId/:schoolId/draft', validate(api.draft), async (req, res) => {
    const place = await placeOf(req, req.params.campaignId, req.params.schoolId);
    res.json(await saveSchoolFormDraft(store, place, req.body.answers, req.body.basedOn));
  });
  router.post('/:campaignId/:schoolId/revisions', validate({ params: api.submit.params }), async (req, res) => {
    const place = await placeOf(req, req.params.campaignId, req.params.schoolId);
    const body = parseBody(api.submit, req.body);
    res.status(201).json(await submitSchoolForm(store, place, body.answers, { basedOn: body.basedOn, reason: body.reason }));
  });
  router.post('/:campaignId/:schoolId/reopen', validate(api.reopen), async (req, res) => {
    const place = await placeOf(req, req.params.campaignId, req.params.schoolId);
    res.json(await reopenSchoolForm(store, place, req.body.reason));
  });
  router.get('/:campaignId/:schoolId/group', validate(api.group), async (req, res) => {
    const { campaign, schoolId, actor } = await placeOf(req, req.params.campaignId, req.params.schoolId);
    allow(mayNameWorkingGroup(actor, campaign, schoolId), "Only the school's coordinator names the form's working group.");
    const candidates = await groupCandidates(store, schoolId);
    res.json({
      members: await workingGroupOf(store, campaign._id, schoolId),
      candidates: candidates.map((u) => ({ id: u._id, name: u.name, email: u.email, role: u.role })),
    });
  });
  router.put('/:campaignId/:schoolId/group', validate(api.setGroup), async (req, res) => {
    const { campaign, schoolId, actor, now } = await placeOf(req, req.params.campaignId, req.params.schoolId);
    allow(mayNameWorkingGroup(actor, campaign, schoolId), "Only the school's coordinator names the form's working group.");
    res.json({ members: await setWorkingGroup(store, campaign._id, schoolId, req.body.userIds, now) });
  });
  return router;
}
