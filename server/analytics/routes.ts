// Results API. Anyone signed in (or the API token) reaches it; the results' policies (policies.ts)
// decide: a school coordinator sees only their school next to the cluster's aggregates.
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Config } from '../config';
import { allow, requireAdministrator, signedIn } from '../http/auth';
import { mayReadResults, resultsSchoolOf, sharedNamesSchoolOf } from './policies';
import { campaignRequest, notTheirs, parseQuery, resultFilters } from './requests';
import type { Store } from '../store';
import { campaignIndicatorExport } from './exports';
import { campaignResults, resultCampaigns } from './results';
import { respondentTypes } from '../surveys/instrument';
import { reportRoutes } from './report-routes';

const campaignListQuery = z
  .object({
    year: z
      .string()
      .regex(/^\d{4}\/\d{2}$/, 'a school year such as 2025/26')
      .optional(),
    respondentType: z.enum(respondentTypes).optional(),
  })
  .strict();

export function resultsRoutes(store: Store, config: Pick<Config, 'adminToken' | 'minGroupSize' | 'timeZone'>): Router {
  const router = Router();
  // Nobody signed in: the administrator check's answer (401 naming the token or the sign-in).
  const administrator = requireAdministrator(config.adminToken);
  router.use((req, res, next) => (req.actor ? next() : administrator(req, res, next)));
  const parseRequest = (req: Request) => {
    const { campaignId, query, actor, own, schoolId } = campaignRequest(req, resultFilters, '"school" and "role"');
    return {
      campaignId,
      own,
      options: { minGroupSize: config.minGroupSize, schoolId, role: query.role, sharedNamesOf: sharedNamesSchoolOf(actor) },
    };
  };
  // The campaigns the results page offers: open or closed, the latest first; a school
  // coordinator's only those their school takes part in.
  router.get('/campaigns', async (req, res) => {
    const query = parseQuery(campaignListQuery, req.query, '"year" and "respondentType"');
    const actor = signedIn(req);
    allow(mayReadResults(actor), 'Your role may not read campaign results.');
    res.set('Cache-Control', 'no-store');
    res.json({
      campaigns: await resultCampaigns(store, {
        schoolId: resultsSchoolOf(actor),
        schoolYear: query.year,
        respondentType: query.respondentType,
      }),
    });
  });
  router.get('/campaigns/:id', async (req, res) => {
    const { campaignId, own, options } = parseRequest(req);
    const results = await campaignResults(store, campaignId, options).catch(notTheirs(own));
    res.set('Cache-Control', 'no-store');
    // A school coordinator: the cluster's aggregates without the lists naming other schools.
    res.json(
      own
        ? {
            ...results,
            indicators: results.indicators.map(({ cluster: { meeting: _m, notMeeting: _n, missing: _x, ...cluster }, ...i }) => ({
              ...i,
              cluster,
            })),
          }
        : results,
    );
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
