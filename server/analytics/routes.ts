// Results API. Anyone signed in (or the API token) reaches it; the results' policies (policies.ts)
// decide: a school coordinator sees only their school next to the cluster's aggregates.
import { Router } from 'express';
import type { Config } from '../config';
import { allow, requireAdministrator, signedIn } from '../http/auth';
import { validate } from '../http/validate';
import { mayReadResults, resultsSchoolOf, sharedNamesSchoolOf } from './policies';
import { presentCampaignResults } from './presenters';
import { notTheirs, resultsReader } from './requests';
import type { Store } from '../store';
import { campaignIndicatorExport } from './exports';
import { questionResults } from './questions';
import { campaignResults, resultCampaigns } from './results';
import { reportRoutes } from './report-routes';
import { resultsApi as api } from './schema';

export function resultsRoutes(store: Store, config: Pick<Config, 'adminToken' | 'minGroupSize' | 'timeZone'>): Router {
  const router = Router();
  // Nobody signed in: the administrator check's answer (401 naming the token or the sign-in).
  const administrator = requireAdministrator(config.adminToken);
  router.use((req, res, next) => (req.actor ? next() : administrator(req, res, next)));
  const optionsOf = (reader: ReturnType<typeof resultsReader>, role: string | undefined) => ({
    minGroupSize: config.minGroupSize,
    schoolId: reader.schoolId,
    role,
    sharedNamesOf: sharedNamesSchoolOf(reader.actor),
  });
  // The campaigns the results page offers: open or closed, the latest first; a school
  // coordinator's only those their school takes part in.
  router.get('/campaigns', validate(api.campaigns), async (req, res) => {
    const actor = signedIn(req);
    allow(mayReadResults(actor), 'Your role may not read campaign results.');
    res.set('Cache-Control', 'no-store');
    res.json({
      campaigns: await resultCampaigns(store, {
        schoolId: resultsSchoolOf(actor),
        schoolYear: req.query.year,
        respondentType: req.query.respondentType,
      }),
    });
  });
  router.get('/campaigns/:id', validate(api.results), async (req, res) => {
    const reader = resultsReader(req, req.query);
    const results = await campaignResults(store, req.params.id, optionsOf(reader, req.query.role)).catch(notTheirs(reader.own));
    res.set('Cache-Control', 'no-store');
    res.json(presentCampaignResults(results, reader.own));
  });
  // Question by question, for any instrument (questions.ts): the same readers and minimum group.
  router.get('/campaigns/:id/questions', validate(api.questions), async (req, res) => {
    const reader = resultsReader(req, req.query);
    const results = await questionResults(store, req.params.id, {
      minGroupSize: config.minGroupSize,
      schoolId: reader.schoolId,
      role: req.query.role,
      filter: req.query.filter,
    }).catch(notTheirs(reader.own));
    res.set('Cache-Control', 'no-store');
    res.json(results);
  });
  // The indicator table as CSV or XLSX, with the same suppression as the page.
  for (const [format, route] of [
    ['csv', api.indicatorsCsv],
    ['xlsx', api.indicatorsXlsx],
  ] as const) {
    router.get(`/campaigns/:id/indicators.${format}`, validate(route), async (req, res) => {
      const reader = resultsReader(req, req.query);
      const file = await campaignIndicatorExport(store, req.params.id, format, optionsOf(reader, req.query.role)).catch(
        notTheirs(reader.own),
      );
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
