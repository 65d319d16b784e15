// The teacher's diagnostics over HTTP (/api/my/...), and a teacher's profile for those allowed.
import { now } from '../clock';
import { Router } from 'express';
import { z } from 'zod';
import { findUserById, updateUser } from '../accounts/service';
import { parse } from '../accounts/schemas';
import { dayIn } from '../calendar';
import type { Config } from '../config';
import { problem } from '../errors';
import { allow, requireUser, signedIn } from '../http/auth';
import type { Store } from '../store';
import { mayTakeDiagnostics, mayViewProfile } from './policies';
import { profilePdf } from './profile-pdf';
import { listMyDiagnostics, openMyDiagnostic, profileHistory, saveDraft, submitMyDiagnostic, Teacher } from './service';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id');
const answersBody = z
  .object({ answers: z.record(z.string(), z.unknown()), currentPage: z.number().int().min(0).max(1000).optional() })
  .strict();
const shareBody = z.object({ shareWithCoordinator: z.boolean() }).strict();

export function diagnosticRoutes(store: Store, config: Config): Router {
  const router = Router();
  const today = () => dayIn(config.timeZone, now());
  const teacher = (req: Parameters<typeof signedIn>[0]): Teacher => {
    const actor = signedIn(req);
    allow(mayTakeDiagnostics(actor), 'Only teachers take their own diagnostics.');
    return { id: actor.id!, schoolId: actor.schoolId! };
  };

  router.get('/my/diagnostics', requireUser, async (req, res) => {
    res.set('Cache-Control', 'no-store').json({ diagnostics: await listMyDiagnostics(store, teacher(req), today()) });
  });
  router.get('/my/diagnostics/:campaignId', requireUser, async (req, res) => {
    res
      .set('Cache-Control', 'no-store')
      .json(await openMyDiagnostic(store, teacher(req), parse(id, req.params.campaignId, 'campaignId'), today()));
  });
  router.put('/my/diagnostics/:campaignId/draft', requireUser, async (req, res) => {
    const body = parse(answersBody, req.body);
    res.json(
      await saveDraft(store, teacher(req), parse(id, req.params.campaignId, 'campaignId'), body.answers, body.currentPage ?? 0, today()),
    );
  });
  router.post('/my/diagnostics/:campaignId/submission', requireUser, async (req, res) => {
    const body = parse(answersBody, req.body);
    res
      .status(201)
      .json(await submitMyDiagnostic(store, teacher(req), parse(id, req.params.campaignId, 'campaignId'), body.answers, today()));
  });
  router.get('/my/profile', requireUser, async (req, res) => {
    const t = teacher(req);
    const user = await findUserById(store, t.id);
    res
      .set('Cache-Control', 'no-store')
      .json({ shareWithCoordinator: user?.shareProfile === true, history: await profileHistory(store, t.id) });
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
  router.patch('/my/profile', requireUser, async (req, res) => {
    const t = teacher(req);
    const body = parse(shareBody, req.body);
    await updateUser(store, t.id, { shareProfile: body.shareWithCoordinator });
    res.json({ shareWithCoordinator: body.shareWithCoordinator });
  });
  router.get('/users/:id/profile', requireUser, async (req, res) => {
    const actor = signedIn(req);
    const owner = await findUserById(store, parse(id, req.params.id, 'id'));
    if (!owner || owner.role !== 'teacher') throw problem('user.not_found', { field: 'id', values: { who: 'teacher' } });
    allow(
      mayViewProfile(actor, { id: owner._id, schoolId: owner.schoolId, shareProfile: owner.shareProfile }),
      'This teacher has not shared their profile with you.',
    );
    res.set('Cache-Control', 'no-store').json({ name: owner.name, history: await profileHistory(store, owner._id) });
  });
  return router;
}
