// Results API. Guarded by the administrator token until accounts and their policies arrive
// (a school coordinator will then see only their school next to the cluster's aggregates).
import { Router, type Request } from 'express';
import { z } from 'zod';
import { requireAdministrator } from '../accounts/admin-token';
import type { Config } from '../config';
import { Problem } from '../errors';
import type { Store } from '../store';
import { campaignIndicatorExport, campaignsWithResults } from './exports';
import { campaignResults } from './results';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id of letters, digits, _ and -');
const resultsQuery = z.object({ school: id.optional() }).strict();

export function resultsRoutes(store: Store, config: Pick<Config, 'adminToken' | 'minGroupSize'>): Router {
  const router = Router();
  router.use(requireAdministrator(config.adminToken));
  const parseRequest = (req: Request) => {
    const campaignId = id.safeParse(req.params.id);
    if (!campaignId.success) throw new Problem('request.invalid', 400, `"id" is not valid: ${campaignId.error.issues[0].message}`, 'id');
    const query = resultsQuery.safeParse(req.query);
    if (!query.success) {
      const issue = query.error.issues[0];
      const field = issue.code === 'unrecognized_keys' ? issue.keys[0] : String(issue.path[0] ?? 'query');
      throw new Problem('request.invalid', 400, issue.code === 'unrecognized_keys' ? `"${field}" is not a filter of results (only "school").` : `"${field}" is not valid: ${issue.message}`, field);
    }
    return { campaignId: campaignId.data, options: { minGroupSize: config.minGroupSize, schoolId: query.data.school } };
  };
  // The campaigns the results page offers: open or closed, the latest first.
  router.get('/campaigns', async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    res.json({ campaigns: await campaignsWithResults(store) });
  });
  router.get('/campaigns/:id', async (req, res) => {
    const { campaignId, options } = parseRequest(req);
    res.set('Cache-Control', 'no-store');
    res.json(await campaignResults(store, campaignId, options));
  });
  // The indicator table as CSV or XLSX, with the same suppression as the page.
  for (const format of ['csv', 'xlsx'] as const) {
    router.get(`/campaigns/:id/indicators.${format}`, async (req, res) => {
      const { campaignId, options } = parseRequest(req);
      const file = await campaignIndicatorExport(store, campaignId, format, options);
      res.set('Cache-Control', 'no-store');
      res.attachment(file.fileName);
      res.set('Content-Type', file.contentType);
      res.send(file.body);
    });
  }
  return router;
}
