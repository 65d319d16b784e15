// Results API. Anyone signed in (or the API token) reaches it; the results' policies (policies.ts)
// decide: a school coordinator sees only their school next to the cluster's aggregates.
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Config } from '../config';
import { allow, requireAdministrator, signedIn } from '../http/auth';
import { mayReadResults, mayReadSchoolResults, resultsSchoolOf, sharedNamesSchoolOf } from './policies';
import { Problem } from '../errors';
import type { Store } from '../store';
import { campaignIndicatorExport } from './exports';
import { campaignResults, resultCampaigns } from './results';
import { respondentTypes } from '../surveys/instrument';
import { reportRoutes } from './report-routes';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id of letters, digits, _ and -');
const resultsQuery = z.object({ school: id.optional(), role: id.optional() }).strict();
const campaignListQuery = z.object({
  year: z.string().regex(/^\d{4}\/\d{2}$/, 'a school year such as 2025/26').optional(),
  respondentType: z.enum(respondentTypes).optional(),
}).strict();

/** A query parsed with its schema, or 400 naming the filter that is unknown or not valid. */
function parseQuery<T>(schema: z.ZodType<T>, query: unknown, known: string): T {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.code === 'unrecognized_keys' ? issue.keys[0] : String(issue.path[0] ?? 'query');
  throw new Problem('request.invalid', 400, issue.code === 'unrecognized_keys' ? `"${field}" is not a filter here (only ${known}).` : `"${field}" is not valid: ${issue.message}`, field);
}

export function resultsRoutes(store: Store, config: Pick<Config, 'adminToken' | 'minGroupSize' | 'timeZone'>): Router {
  const router = Router();
  // Nobody signed in: the administrator check's answer (401 naming the token or the sign-in).
  const administrator = requireAdministrator(config.adminToken);
  router.use((req, res, next) => (req.actor ? next() : administrator(req, res, next)));
  const parseRequest = (req: Request) => {
    const campaignId = id.safeParse(req.params.id);
    if (!campaignId.success) throw new Problem('request.invalid', 400, `"id" is not valid: ${campaignId.error.issues[0].message}`, 'id');
    const query = parseQuery(resultsQuery, req.query, '"school" and "role"');
    const actor = signedIn(req);
    allow(mayReadResults(actor), 'Your role may not read campaign results.');
    if (query.school !== undefined) allow(mayReadSchoolResults(actor, query.school), "You may read only your own school's results.");
    const own = resultsSchoolOf(actor);
    return { campaignId: campaignId.data, own, options: { minGroupSize: config.minGroupSize, schoolId: own ?? query.school, role: query.role, sharedNamesOf: sharedNamesSchoolOf(actor) } };
  };
  /** A school coordinator asking about a campaign without their school: not theirs to read. */
  const notTheirs = (own: string | undefined) => (err: unknown): never => {
    if (own && err instanceof Problem && err.code === 'results.school_not_in_campaign') throw new Problem('auth.forbidden', 403, 'This campaign does not include your school.');
    throw err;
  };
  // The campaigns the results page offers: open or closed, the latest first; a school
  // coordinator's only those their school takes part in.
  router.get('/campaigns', async (req, res) => {
    const query = parseQuery(campaignListQuery, req.query, '"year" and "respondentType"');
    const actor = signedIn(req);
    allow(mayReadResults(actor), 'Your role may not read campaign results.');
    res.set('Cache-Control', 'no-store');
    res.json({ campaigns: await resultCampaigns(store, { schoolId: resultsSchoolOf(actor), schoolYear: query.year, respondentType: query.respondentType }) });
  });
  router.get('/campaigns/:id', async (req, res) => {
    const { campaignId, own, options } = parseRequest(req);
    const results = await campaignResults(store, campaignId, options).catch(notTheirs(own));
    res.set('Cache-Control', 'no-store');
    // A school coordinator: the cluster's aggregates without the lists naming other schools.
    res.json(own ? { ...results, indicators: results.indicators.map(({ cluster: { meeting: _m, notMeeting: _n, missing: _x, ...cluster }, ...i }) => ({ ...i, cluster })) } : results);
  });
  // The indicator table as CSV or XLSX, with the same suppression as the page.
  for (const format of ['csv', 'xlsx'] as const) {
    router.get(`/campaigns/:id/indicators.${format}`, async (req, res) => {
      const { campaignId, own, options } = parseRequest(req);
      const file = await campaignIndicatorExport(store, campaignId, format, options).catch(notTheirs(own));
      res.set('Cache-Control', 'no-store');
      res.attachment(file.fileName);
      res.set('Content-Type', file.contentType);
      res.send(file.body);
    });
  }
  // Exports of responses and the analytic report (report-routes.ts), under the same sign-in check.
  router.use(reportRoutes(store, config));
  return router;
}
