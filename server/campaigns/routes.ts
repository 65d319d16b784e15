import { now as clockNow } from '../clock';
import { Router, type Request } from 'express';
import { allow, requireAdministrator, requireUser, signedIn } from '../http/auth';
import type { Config } from '../config';
import { problem } from '../errors';
import { getSchool, listSchools } from '../schools/service';
import type { Store } from '../store';
import { getInstrument } from '../surveys/catalogue';
import { type Actor, type AuditEntry, auditLog, latestAudit } from './audit';
import { audienceOf } from './data';
import { responseRates } from './follow';
import { campaignLinks, closeCampaign, openCampaign, reopenCampaign } from './launch';
import { CampaignContext, createCampaign, listCampaigns, loadCampaign, presentCampaign, updateCampaign } from './planning';
import { posterPdf, qrPng, qrSvg } from './print';
import {
  auditQuery,
  campaignChangeSchema,
  campaignListQuery,
  campaignPlanSchema,
  idParam,
  noBodySchema,
  parseInput,
  reopenSchema,
} from './schema';
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
import { linkSchool, openLink } from './service';
import { withCampaignValuesShown } from '../responses/school-forms';
import { tasksOf } from './tasks';

/** What a respondent's page needs to show the survey behind a link: public, no account. */
export function linkRoutes(store: Store, timeZone: string): Router {
  const router = Router();
  router.get('/:token', async (req, res) => {
    const { link, campaign } = await openLink(store, req.params.token, dayIn(timeZone, clockNow()));
    const compiled = await getInstrument(store, campaign.instrumentId, campaign.instrumentVersion);
    res.set('Cache-Control', 'no-store');
    res.json({
      campaign: { title: campaign.title, closesOn: campaign.closesOn },
      school: await linkSchool(store, link),
      instrument: withCampaignValuesShown(compiled.instrument, campaign),
    });
  });
  return router;
}

/** The signed-in person's tasks (GET /api/my/tasks): what open campaigns ask of them. */
export function taskRoutes({ store, config, secret }: CampaignRouteDeps): Router {
  const router = Router();
  router.get('/', requireUser, async (req, res) => {
    const actor = signedIn(req);
    const tasks =
      actor.kind === 'user'
        ? await tasksOf(store, { id: actor.id, role: actor.role, schoolId: actor.schoolId }, clockNow(), {
            timeZone: config.timeZone,
            secret,
          })
        : [];
    res.set('Cache-Control', 'no-store').json({ tasks });
  });
  return router;
}

export interface CampaignRouteDeps {
  store: Store;
  config: Config;
  /** The link secret (tokens are derived from it). */
  secret: () => Promise<string>;
}

/**
 * Coordinators' campaign API: plan, open, close, reopen, links with QR codes and posters,
 * response rates, audit log. Anyone signed in (or the API token) reaches the routes; each route
 * then asks the campaigns' policies (policies.ts) about this actor and this campaign.
 */
export function campaignRoutes({ store, config, secret }: CampaignRouteDeps): Router {
  const router = Router();
  // Nobody signed in: the administrator check's answer (401 naming the token or the sign-in).
  const administrator = requireAdministrator(config.adminToken);
  router.use((req, res, next) => (req.actor ? next() : administrator(req, res, next)));
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  /** Who the audit log names: the signed-in user (id and name) or the API token. */
  const auditActorOf = (req: Request): Actor => {
    const actor = signedIn(req);
    return actor.kind === 'user' ? { kind: 'user', userId: actor.id, name: actor.name } : { kind: 'administrator' };
  };
  const context = (req: Request): CampaignContext => ({ actor: auditActorOf(req), now: clockNow(), timeZone: config.timeZone });
  const loadOf = (req: Request) => loadCampaign(store, parseInput(idParam, req.params.id, 'campaign.not_found'));
  /** The campaign of the path, when the actor may read it (403 otherwise). */
  const campaignOf = async (req: Request) => {
    const campaign = await loadOf(req);
    allow(mayReadCampaign(signedIn(req), campaign), 'This campaign does not include your school.');
    return campaign;
  };
  /** The campaign of the path, when the actor may run it (plan, change, open, close, reopen). */
  const runnableOf = async (req: Request) => {
    const campaign = await loadOf(req);
    allow(mayRunCampaign(signedIn(req), campaign), 'Only the coordinators of every school of this campaign may change it.');
    return campaign;
  };
  const baseUrl = (req: Request) => config.publicUrl ?? `${req.protocol}://${req.get('host')}`;

  router.get('/', async (req, res) => {
    const actor = signedIn(req);
    allow(mayListCampaigns(actor), 'Your role has no campaigns to follow.');
    const filter = parseInput(campaignListQuery, req.query);
    const own = campaignListSchool(actor);
    if (own) {
      allow(filter.schoolId === undefined || filter.schoolId === own, 'You may list only the campaigns of your school.');
      filter.schoolId = own;
    }
    res.json({ campaigns: (await listCampaigns(store, filter)).map(presentCampaign) });
  });
  router.post('/', async (req, res) => {
    allow(mayListCampaigns(signedIn(req)), 'Your role may not plan campaigns.');
    const plan = parseInput(campaignPlanSchema, req.body);
    allow(mayRunCampaign(signedIn(req), plan), 'You may plan campaigns of your own school only.');
    res.status(201).json(presentCampaign(await createCampaign(store, plan, context(req))));
  });
  const presentEntry = (e: AuditEntry) => ({
    campaignId: e.campaignId,
    revision: e.revision,
    at: e.at.toISOString(),
    actor: e.actor,
    action: e.action,
    changes: e.changes,
  });
  router.get('/audit', async (req, res) => {
    allow(mayReadAllAudit(signedIn(req)), 'Only an administrator may read the audit log of every campaign.');
    const { limit, campaignId } = parseInput(auditQuery, req.query);
    const entries = await latestAudit(store, limit, campaignId);
    // Each entry names its campaign; times are shown in the cluster's time zone, which the answer gives.
    const titles = new Map((await listCampaigns(store, {})).map((c) => [c._id, c.title]));
    res.json({
      timeZone: config.timeZone,
      entries: entries.map((e) => ({ ...presentEntry(e), campaignTitle: titles.get(e.campaignId) ?? null })),
    });
  });
  router.get('/:id', async (req, res) => {
    res.json(presentCampaign(await campaignOf(req)));
  });
  router.patch('/:id', async (req, res) => {
    const campaign = await runnableOf(req);
    const change = parseInput(campaignChangeSchema, req.body);
    if (change.schoolIds)
      allow(mayRunCampaign(signedIn(req), { schoolIds: change.schoolIds }), 'You may plan campaigns of your own school only.');
    res.json(presentCampaign(await updateCampaign(store, campaign._id, change, context(req))));
  });
  router.post('/:id/open', async (req, res) => {
    const campaign = await runnableOf(req);
    parseInput(noBodySchema, req.body);
    res.json(presentCampaign(await openCampaign(store, campaign._id, { ...context(req), secret: await secret() })));
  });
  router.post('/:id/close', async (req, res) => {
    const campaign = await runnableOf(req);
    parseInput(noBodySchema, req.body);
    res.json(presentCampaign(await closeCampaign(store, campaign._id, context(req))));
  });
  router.post('/:id/reopen', async (req, res) => {
    const campaign = await runnableOf(req);
    const change = parseInput(reopenSchema, req.body);
    res.json(presentCampaign(await reopenCampaign(store, campaign._id, change, { ...context(req), secret: await secret() })));
  });

  router.get('/:id/links', async (req, res) => {
    const campaign = await campaignOf(req);
    const school = visibleSchoolOf(signedIn(req));
    const links = (await campaignLinks(store, campaign._id, await secret())).filter((l) => !school || l.schoolId === school);
    const schools = new Map((await listSchools(store)).map((s) => [s._id, s]));
    const base = baseUrl(req);
    res.json({
      links: links.map((l) => {
        const school = schools.get(l.schoolId);
        return {
          id: l.id,
          schoolId: l.schoolId,
          school: school ? { number: school.number, name: school.name, shortName: school.shortName } : null,
          className: l.className,
          url: `${base}/s/${l.token}`,
          qrPng: `/api/campaigns/${campaign._id}/links/${l.id}/qr.png`,
          qrSvg: `/api/campaigns/${campaign._id}/links/${l.id}/qr.svg`,
          poster: `/api/campaigns/${campaign._id}/links/${l.id}/poster.pdf`,
        };
      }),
    });
  });

  /** One link of a campaign with its full URL, or 404. */
  async function linkOf(req: Request) {
    const campaign = await campaignOf(req);
    const linkId = parseInput(idParam, req.params.linkId, 'campaign.link_not_found');
    const link = (await campaignLinks(store, campaign._id, await secret())).find((l) => l.id === linkId);
    const school = visibleSchoolOf(signedIn(req));
    if (link && school && link.schoolId !== school) allow(false, 'This link belongs to another school.');
    if (!link) throw problem('campaign.link_not_found', { field: 'linkId' });
    return { campaign, link, url: `${baseUrl(req)}/s/${link.token}` };
  }

  router.get('/:id/links/:linkId/qr.png', async (req, res) => {
    const { url } = await linkOf(req);
    res.type('png').send(await qrPng(url));
  });
  router.get('/:id/links/:linkId/qr.svg', async (req, res) => {
    const { url } = await linkOf(req);
    res.type('svg').send(await qrSvg(url));
  });
  router.get('/:id/links/:linkId/poster.pdf', async (req, res) => {
    const { campaign, link, url } = await linkOf(req);
    const school = await getSchool(store, link.schoolId);
    const { instrument } = await getInstrument(store, campaign.instrumentId, campaign.instrumentVersion);
    const pdf = await posterPdf({
      title: campaign.title,
      audience: campaign.audience ?? audienceOf[instrument.respondentType],
      schoolName: school?.name.default ?? link.schoolId,
      className: link.className,
      url,
      opensOn: campaign.opensOn,
      closesOn: campaign.closesOn,
    });
    const name = `poster-${school?.number ?? link.schoolId}${link.className ? `-${encodeURIComponent(link.className)}` : ''}.pdf`;
    res.type('pdf').set('Content-Disposition', `inline; filename="${name}"`).send(pdf);
  });

  router.get('/:id/response-rates', async (req, res) => {
    const rates = await responseRates(store, await campaignOf(req));
    const school = visibleSchoolOf(signedIn(req));
    // A school coordinator: their school's row, and the total of that row alone.
    const own = rates.schools.filter((s) => s.schoolId === school);
    res.json(
      school
        ? {
            ...rates,
            schools: own,
            classes: rates.classes.filter((c) => c.schoolId === school),
            total: own[0]
              ? { answers: own[0].answers, target: own[0].target, rate: own[0].rate }
              : { answers: 0, target: null, rate: null },
          }
        : rates,
    );
  });
  router.get('/:id/audit', async (req, res) => {
    const campaign = await loadOf(req);
    allow(mayReadCampaignAudit(signedIn(req), campaign), 'Only the coordinators of every school of this campaign may read its audit.');
    const entries = await auditLog(store, campaign._id);
    res.json({ timeZone: config.timeZone, entries: entries.map(presentEntry) });
  });
  return router;
}
