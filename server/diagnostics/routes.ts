// The teacher's diagnostics over HTTP (/api/my/...), and a teacher's profile for those allowed.
import { now } from '../clock';
import { Router } from 'express';
import { findUserById, updateUser } from '../accounts/service';
import { dayIn } from '../calendar';
import type { Config } from '../config';
import { problem } from '../errors';
import { allow, requireUser, signedIn } from '../http/auth';
import { type AnyRequest, validate } from '../http/validate';
import type { Store } from '../store';
import { mayTakeDiagnostics, mayViewProfile } from './policies';
import { presentOwnProfile, presentTeacherProfile } from './presenters';
import { profilePdf } from './profile-pdf';
import { diagnosticApi as api } from './schema';
import { listMyDiagnostics, openMyDiagnostic, profileHistory, saveDraft, submitMyDiagnostic, Teacher } from './service';

export function diagnosticRoutes(store: Store, config: Config): Router {
  const router = Router();
  const today = () => dayIn(config.timeZone, now());
  const teacher = (req: AnyRequest): Teacher => {
    const actor = signedIn(req);
    allow(mayTakeDiagnostics(actor), 'Only teachers take their own diagnostics.');
    return { id: actor.id!, schoolId: actor.schoolId! };
  };

  router.get('/my/diagnostics', requireUser, async (req, res) => {
    res.set('Cache-Control', 'no-store').json({ diagnostics: await listMyDiagnostics(store, teacher(req), today()) });
  });
  router.get('/my/diagnostics/:campaignId', requireUser, validate(api.open), async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await openMyDiagnostic(store, teacher(req), req.params.campaignId, today()));
  });
  router.put('/my/diagnostics/:campaignId/draft', requireUser, validate(api.draft), async (req, res) => {
    const { answers, currentPage } = req.body;
    res.json(await saveDraft(store, teacher(req), req.params.campaignId, answers, currentPage ?? 0, today()));
  });
  router.post('/my/diagnostics/:campaignId/submission', requireUser, validate(api.submit), async (req, res) => {
    res.status(201).json(await submitMyDiagnostic(store, teacher(req), req.params.campaignId, req.body.answers, today()));
  });
  router.get('/my/profile', requireUser, async (req, res) => {
    const t = teacher(req);
    const user = await findUserById(store, t.id);
    res.set('Cache-Control', 'no-store').json(presentOwnProfile(user, await profileHistory(store, t.id)));
  });
  router.get('/my/profile.pdf', requireUser, async (req, res) => {
    const t = teacher(req);
    const user = await findUserById(store, t.id);
    const pdf = await profilePdf(user?.name || user?.email || '', await profileHistory(store, t.id), user?.locale ?? 'ru');
    res
      .set({
        'Cache-Control': 'no-store',
        'Content-Type': 'application/pdf',
        'Content-Disposition': 'attachment; filename="mera-profile.pdf"',
      })
      .send(pdf);
  });
  router.patch('/my/profile', requireUser, validate(api.share), async (req, res) => {
    const t = teacher(req);
    await updateUser(store, t.id, { shareProfile: req.body.shareWithCoordinator });
    res.json({ shareWithCoordinator: req.body.shareWithCoordinator });
  });
  router.get('/users/:id/profile', requireUser, validate(api.teacherProfile), async (req, res) => {
    const actor = signedIn(req);
    const owner = await findUserById(store, req.params.id);
    if (!owner || owner.role !== 'teacher') throw problem('user.not_found', { field: 'id', values: { who: 'teacher' } });
    allow(
      mayViewProfile(actor, { id: owner._id, schoolId: owner.schoolId, shareProfile: owner.shareProfile }),
      'This teacher has not shared their profile with you.',
    );
    res.set('Cache-Control', 'no-store').json(presentTeacherProfile(owner, await profileHistory(store, owner._id)));
  });
  return router;
}
