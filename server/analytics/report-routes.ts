// The routes of a campaign's exports of responses (CSV, XLSX) and of its analytic report (PDF),
// mounted inside the results router (so nobody signed in is already answered there). The results'
// policies decide: a school coordinator gets only their own school; a teacher nothing.
import { now } from '../clock';
import { pipeline } from 'node:stream/promises';
import { Router, type Response } from 'express';
import { dayIn } from '../calendar';
import type { Config } from '../config';
import { validate } from '../http/validate';
import type { Store } from '../store';
import { campaignReportPdf } from './report-pdf';
import { notTheirs, resultsReader } from './requests';
import { campaignResponsesExport } from './response-export';
import { resultsApi as api } from './schema';

async function sendFile(res: Response, file: { fileName: string; contentType: string; body: NodeJS.ReadableStream }) {
  res.set('Cache-Control', 'no-store');
  res.attachment(file.fileName);
  res.set('Content-Type', file.contentType);
  await pipeline(file.body, res);
}

export function reportRoutes(store: Store, config: Pick<Config, 'minGroupSize' | 'timeZone'>): Router {
  const router = Router();
  for (const [format, route] of [
    ['csv', api.responsesCsv],
    ['xlsx', api.responsesXlsx],
  ] as const) {
    router.get(`/campaigns/:id/responses.${format}`, validate(route), async (req, res) => {
      const { own, schoolId } = resultsReader(req, req.query);
      const file = await campaignResponsesExport(store, req.params.id, format, {
        minGroupSize: config.minGroupSize,
        schoolId,
        role: req.query.role,
        locale: req.query.lang,
        codes: req.query.codes === '1',
      }).catch(notTheirs(own));
      await sendFile(res, file);
    });
  }
  // The аналитическая справка: Russian, or English with ?lang=en (the page's language); school and role as the page's filters.
  router.get('/campaigns/:id/report.pdf', validate(api.report), async (req, res) => {
    const { own, schoolId } = resultsReader(req, req.query);
    const file = await campaignReportPdf(store, req.params.id, {
      minGroupSize: config.minGroupSize,
      schoolId,
      role: req.query.role,
      locale: req.query.lang ?? 'ru',
      today: dayIn(config.timeZone, now()),
    }).catch(notTheirs(own));
    await sendFile(res, file);
  });
  return router;
}
