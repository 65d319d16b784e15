import { Router, type Request } from 'express';
import { requireAdministrator } from '../accounts/admin-token';
import type { Config } from '../config';
import { Problem } from '../errors';
import { getSchool, listSchools } from '../schools/service';
import type { Store } from '../store';
import { getInstrument } from '../surveys/catalogue';
import { type Actor, type AuditEntry, auditLog, latestAudit } from './audit';
import { audienceOf } from './data';
import { responseRates } from './follow';
import { campaignLinks, closeCampaign, openCampaign, reopenCampaign } from './launch';
import { CampaignContext, createCampaign, listCampaigns, loadCampaign, presentCampaign, updateCampaign } from './planning';
import { posterPdf, qrPng, qrSvg } from './print';
import { auditQuery, campaignChangeSchema, campaignListQuery, campaignPlanSchema, idParam, noBodySchema, parseInput, reopenSchema } from './schema';
import { dayIn } from '../calendar';
import { linkSchool, openLink } from './service';

/** What a respondent's page needs to show the survey behind a link: public, no account. */
export function linkRoutes(store: Store, timeZone: string): Router {
  const router = Router();
  router.get('/:token', async (req, res) => {
    const { link, campaign } = await openLink(store, req.params.token, dayIn(timeZone, new Date()));
    const compiled = await getInstrument(store, campaign.instrumentId, campaign.instrumentVersion);
    res.set('Cache-Control', 'no-store');
    res.json({
      campaign: { title: campaign.title, closesOn: campaign.closesOn },
      school: await linkSchool(store, link),
      instrument: compiled.instrument,
    });
  });
  return router;
}

export interface CampaignRouteDeps {
  store: Store;
  config: Config;
  /** The link secret (tokens are derived from it). */
  secret: () => Promise<string>;
  now?: () => Date;
}

/**
 * Coordinators' campaign API: plan, open, close, reopen, links with QR codes and posters,
 * response rates, audit log. Guarded by the administrator token until accounts' roles arrive.
 */
export function campaignRoutes({ store, config, secret, now = () => new Date() }: CampaignRouteDeps): Router {
  const router = Router();
  router.use(requireAdministrator(config.adminToken));
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  // Accounts will name the signed-in user here; until then only the administrator token acts.
  const actorOf = (_req: Request): Actor => ({ kind: 'administrator' });
  const context = (req: Request): CampaignContext => ({ actor: actorOf(req), now: now(), timeZone: config.timeZone });
  const campaignOf = (req: Request) => loadCampaign(store, parseInput(idParam, req.params.id, 'campaign.not_found'));
  const baseUrl = (req: Request) => config.publicUrl ?? `${req.protocol}://${req.get('host')}`;

  router.get('/', async (req, res) => {
    const filter = parseInput(campaignListQuery, req.query);
    res.json({ campaigns: (await listCampaigns(store, filter)).map(presentCampaign) });
  });
  router.post('/', async (req, res) => {
    const plan = parseInput(campaignPlanSchema, req.body);
    res.status(201).json(presentCampaign(await createCampaign(store, plan, context(req))));
  });
  const presentEntry = (e: AuditEntry) => ({ campaignId: e.campaignId, revision: e.revision, at: e.at.toISOString(), actor: e.actor, action: e.action, changes: e.changes });
  router.get('/audit', async (req, res) => {
    const { limit } = parseInput(auditQuery, req.query);
    res.json({ entries: (await latestAudit(store, limit)).map(presentEntry) });
  });
  router.get('/:id', async (req, res) => {
    res.json(presentCampaign(await campaignOf(req)));
  });
  router.patch('/:id', async (req, res) => {
    const change = parseInput(campaignChangeSchema, req.body);
    res.json(presentCampaign(await updateCampaign(store, (await campaignOf(req))._id, change, context(req))));
  });
  router.post('/:id/open', async (req, res) => {
    parseInput(noBodySchema, req.body);
    const campaign = await campaignOf(req);
    res.json(presentCampaign(await openCampaign(store, campaign._id, { ...context(req), secret: await secret() })));
  });
  router.post('/:id/close', async (req, res) => {
    parseInput(noBodySchema, req.body);
    res.json(presentCampaign(await closeCampaign(store, (await campaignOf(req))._id, context(req))));
  });
  router.post('/:id/reopen', async (req, res) => {
    const change = parseInput(reopenSchema, req.body);
    const campaign = await campaignOf(req);
    res.json(presentCampaign(await reopenCampaign(store, campaign._id, change, { ...context(req), secret: await secret() })));
  });

  router.get('/:id/links', async (req, res) => {
    const campaign = await campaignOf(req);
    const links = await campaignLinks(store, campaign._id, await secret());
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
    const linkId = parseInput(idParam, req.params.linkId, 'link.unknown');
    const link = (await campaignLinks(store, campaign._id, await secret())).find((l) => l.id === linkId);
    if (!link) throw new Problem('link.unknown', 404, 'This campaign has no such link.', 'linkId');
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
    res.json(await responseRates(store, await campaignOf(req)));
  });
  router.get('/:id/audit', async (req, res) => {
    const campaign = await campaignOf(req);
    const entries = await auditLog(store, campaign._id);
    res.json({ entries: entries.map(presentEntry) });
  });
  return router;
}
