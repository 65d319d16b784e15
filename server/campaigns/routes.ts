// The campaign routes: validate → policy → service → presenter.
import { now as clockNow } from '../clock';
import { Router } from 'express';
import { allow, requireAdministrator, requireUser, signedIn } from '../http/auth';
import { type AnyRequest, parseBody, validate } from '../http/validate';
import type { Config } from '../config';
import { problem, Problem } from '../errors';
import { listSchools } from '../schools/service';
import type { Store } from '../store';
import { getInstrument } from '../surveys/catalogue';
import { type Actor, auditLog, latestAudit } from './audit';
import { responseRates, type CampaignProgress } from './follow';
import { campaignLinks, closeCampaign, openCampaign, reopenCampaign } from './launch';
import { CampaignContext, campaignTitles, createCampaign, listCampaigns, loadCampaign, updateCampaign } from './planning';
import { linkPoster, qrPng, qrSvg } from './print';
import { linkUrl, presentAuditEntry, presentCampaign, presentLink, presentLinkPage, presentResponseRates, presentTask } from './presenters';
import { campaignApi as api } from './schema';
import { dayIn } from '../calendar';
import {
  campaignListSchool,
  mayListCampaigns,
  mayReadAllAudit,
  mayReadCampaign,
  mayReadCampaignAudit,
  mayRunCampaign,
  visibleSchoolOf,
} from './policies';
import { checkTakingAnswers, linkByToken, linkSchool } from './service';
import { withCampaignValuesShown } from './campaign-answers';
import { tasksOf } from './tasks';

/** What a respondent's page needs to show the survey behind a link: public, no account. */
export function linkRoutes(store: Store, timeZone: string): Router {
  const router = Router();
  router.get('/:token', validate(api.linkPage), async (req, res) => {
    const { link, campaign } = await linkByToken(store, req.params.token);
    const compiled = await getInstrument(store, campaign.instrumentId, campaign.instrumentVersion);
    // A school's own form stays readable after its campaign closes (its page, signed in, says what
    // may still be done: a reopened form is corrected there); every other link takes answers only on its days.
    if (compiled.instrument.respondentType !== 'school') checkTakingAnswers(campaign, dayIn(timeZone, clockNow()));
    res.set('Cache-Control', 'no-store');
    res.json(
      presentLinkPage(
        campaign,
        await linkSchool(store, link),
        withCampaignValuesShown(compiled.instrument, campaign),
        compiled.questions.contactQuestions,
      ),
    );
  });
  return router;
}

/** The signed-in person's tasks (GET /api/my/tasks): what open campaigns ask of them. */
export function taskRoutes({ store, config, secret, progress }: CampaignRouteDeps): Router {
  const router = Router();
  router.get('/', requireUser, async (req, res) => {
    const actor = signedIn(req);
    const tasks =
      actor.kind === 'user'
        ? await tasksOf(store, { id: actor.id, role: actor.role, schoolId: actor.schoolId }, clockNow(), {
            timeZone: config.timeZone,
            secret,
            progress,
          })
        : [];
    res.set('Cache-Control', 'no-store').json({ tasks: tasks.map(presentTask) });
  });
  return router;
}

export interface CampaignRouteDeps {
  store: Store;
  config: Config;
  /** The link secret (tokens are derived from it). */
  secret: () => Promise<string>;
  /** The answers so far, from the components that keep them (responses, diagnostics). */
  progress: CampaignProgress;
}

/**
 * Coordinators' campaign API: plan, open, close, reopen, links with QR codes and posters,
 * response rates, audit log. Anyone signed in (or the API token) reaches the routes; each route
 * then asks the campaigns' policies (policies.ts) about this actor and this campaign.
 */
export function campaignRoutes({ store, config, secret, progress }: CampaignRouteDeps): Router {
  const router = Router();
  // Nobody signed in: the administrator check's answer (401 naming the token or the sign-in).
  const administrator = requireAdministrator(config.adminToken);
  router.use((req, res, next) => (req.actor ? next() : administrator(req, res, next)));
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  /** Who the audit log names: the signed-in user (id and name) or the API token. */
  const auditActorOf = (req: AnyRequest): Actor => {
    const actor = signedIn(req);
    return actor.kind === 'user' ? { kind: 'user', userId: actor.id, name: actor.name } : { kind: 'administrator' };
  };
  const context = (req: AnyRequest): CampaignContext => ({ actor: auditActorOf(req), now: clockNow(), timeZone: config.timeZone });
  /** The campaign `id`, when the actor may read it (403 otherwise). */
  const readable = async (req: AnyRequest, id: string) => {
    const campaign = await loadCampaign(store, id);
    allow(mayReadCampaign(signedIn(req), campaign), 'This campaign does not include your school.');
    return campaign;
  };
  /** The campaign `id`, when the actor may run it (plan, change, open, close, reopen). */
  const runnable = async (req: AnyRequest, id: string) => {
    const campaign = await loadCampaign(store, id);
    allow(mayRunCampaign(signedIn(req), campaign), 'Only the coordinators of every school of this campaign may change it.');
    return campaign;
  };
  const baseUrl = (req: AnyRequest) => config.publicUrl ?? `${req.protocol}://${req.get('host')}`;

  router.get('/', validate(api.list), async (req, res) => {
    const actor = signedIn(req);
    allow(mayListCampaigns(actor), 'Your role has no campaigns to follow.');
    const filter = req.query;
    const own = campaignListSchool(actor);
    if (own) {
      allow(filter.schoolId === undefined || filter.schoolId === own, 'You may list only the campaigns of your school.');
      filter.schoolId = own;
    }
    res.json({ campaigns: (await listCampaigns(store, filter)).map(presentCampaign) });
  });
  // The changes ask their policy before reading the body: a refused actor gets 403 whatever it sends.
  router.post('/', async (req, res) => {
    allow(mayListCampaigns(signedIn(req)), 'Your role may not plan campaigns.');
    const plan = parseBody(api.plan, req.body);
    allow(mayRunCampaign(signedIn(req), plan), 'You may plan campaigns of your own school only.');
    res.status(201).json(presentCampaign(await createCampaign(store, plan, context(req))));
  });
  router.get('/audit', validate(api.allAudit), async (req, res) => {
    allow(mayReadAllAudit(signedIn(req)), 'Only an administrator may read the audit log of every campaign.');
    const entries = await latestAudit(store, req.query.limit, req.query.campaignId);
    // Each entry names its campaign; times are shown in the cluster's time zone, which the answer gives.
    const titles = await campaignTitles(
      store,
      entries.map((e) => e.campaignId),
    );
    res.json({ timeZone: config.timeZone, entries: entries.map((e) => presentAuditEntry(e, titles.get(e.campaignId) ?? null)) });
  });
  router.get('/:id', validate(api.read), async (req, res) => {
    res.json(presentCampaign(await readable(req, req.params.id)));
  });
  router.patch('/:id', validate({ params: api.change.params }), async (req, res) => {
    const campaign = await runnable(req, req.params.id);
    const { revision, ...change } = parseBody(api.change, req.body);
    if (change.schoolIds)
      allow(mayRunCampaign(signedIn(req), { schoolIds: change.schoolIds }), 'You may plan campaigns of your own school only.');
    try {
      const ctx = { ...context(req), secret: await secret() };
      res.json(presentCampaign(await updateCampaign(store, campaign._id, change, ctx, revision)));
    } catch (err) {
      // A change made on an older revision: the answer carries the campaign as it stands, to show and redo.
      if (err instanceof Problem && err.code === 'campaign.changed')
        throw problem('campaign.changed', { details: { campaign: presentCampaign(await loadCampaign(store, campaign._id)) } });
      throw err;
    }
  });
  router.post('/:id/open', validate({ params: api.open.params }), async (req, res) => {
    const campaign = await runnable(req, req.params.id);
    parseBody(api.open, req.body);
    res.json(presentCampaign(await openCampaign(store, campaign._id, { ...context(req), secret: await secret() })));
  });
  router.post('/:id/close', validate({ params: api.close.params }), async (req, res) => {
    const campaign = await runnable(req, req.params.id);
    parseBody(api.close, req.body);
    res.json(presentCampaign(await closeCampaign(store, campaign._id, context(req))));
  });
  router.post('/:id/reopen', validate({ params: api.reopen.params }), async (req, res) => {
    const campaign = await runnable(req, req.params.id);
    const change = parseBody(api.reopen, req.body);
    res.json(presentCampaign(await reopenCampaign(store, campaign._id, change, { ...context(req), secret: await secret() })));
  });

  router.get('/:id/links', validate(api.links), async (req, res) => {
    const campaign = await readable(req, req.params.id);
    const school = visibleSchoolOf(signedIn(req));
    // In the campaign's school order (as planned), each school's class links in the order stored.
    const position = (id: string) => campaign.schoolIds.indexOf(id);
    const links = (await campaignLinks(store, campaign._id, await secret()))
      .filter((l) => !school || l.schoolId === school)
      .sort((a, b) => position(a.schoolId) - position(b.schoolId));
    const schools = new Map((await listSchools(store)).map((s) => [s._id, s]));
    const base = baseUrl(req);
    res.json({ links: links.map((l) => presentLink(l, campaign._id, schools.get(l.schoolId), base)) });
  });

  /** One link of a campaign the actor may read, with its full URL, or 404. */
  async function linkOf(req: AnyRequest, ids: { id: string; linkId: string }) {
    const campaign = await readable(req, ids.id);
    const link = (await campaignLinks(store, campaign._id, await secret())).find((l) => l.id === ids.linkId);
    const school = visibleSchoolOf(signedIn(req));
    if (link && school) allow(link.schoolId === school, 'This link belongs to another school.');
    if (!link) throw problem('campaign.link_not_found', { field: 'linkId' });
    return { campaign, link, url: linkUrl(baseUrl(req), link) };
  }

  router.get('/:id/links/:linkId/qr.png', validate(api.qrPng), async (req, res) => {
    const { url } = await linkOf(req, req.params);
    res.type('png').send(await qrPng(url));
  });
  router.get('/:id/links/:linkId/qr.svg', validate(api.qrSvg), async (req, res) => {
    const { url } = await linkOf(req, req.params);
    res.type('svg').send(await qrSvg(url));
  });
  router.get('/:id/links/:linkId/poster.pdf', validate(api.poster), async (req, res) => {
    const { campaign, link, url } = await linkOf(req, req.params);
    const { pdf, fileName } = await linkPoster(store, campaign, link, url);
    res.type('pdf').set('Content-Disposition', `inline; filename="${fileName}"`).send(pdf);
  });

  router.get('/:id/response-rates', validate(api.rates), async (req, res) => {
    const rates = await responseRates(store, await readable(req, req.params.id), progress);
    res.json(presentResponseRates(rates, visibleSchoolOf(signedIn(req))));
  });
  router.get('/:id/audit', validate(api.audit), async (req, res) => {
    const campaign = await loadCampaign(store, req.params.id);
    allow(mayReadCampaignAudit(signedIn(req), campaign), 'Only the coordinators of every school of this campaign may read its audit.');
    res.json({ timeZone: config.timeZone, entries: (await auditLog(store, campaign._id)).map((e) => presentAuditEntry(e)) });
  });
  return router;
}
