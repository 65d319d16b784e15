// The routes of a campaign's exports of responses (CSV, XLSX) and of its analytic report (PDF),
// mounted inside the results router (so nobody signed in is already answered there). The results'
// policies decide: a school coordinator gets only their own school; a teacher nothing.
import { now } from '../clock';
import { pipeline } from 'node:stream/promises';
import { Router, type Response } from 'express';
import { z } from 'zod';
import { dayIn } from '../calendar';
import type { Config } from '../config';
import type { Store } from '../store';
import { campaignReportPdf } from './report-pdf';
import { campaignRequest, notTheirs, resultFilters } from './requests';
import { campaignResponsesExport } from './response-export';

// The page's filters, and the report's language (the page's).
const exportQuery = resultFilters.extend({ lang: z.enum(['ru', 'en']).optional() }).strict();
const known = '"school", "role" and "lang"';

async function sendFile(res: Response, file: { fileName: string; contentType: string; body: NodeJS.ReadableStream }) {
  res.set('Cache-Control', 'no-store');
  res.attachment(file.fileName);
  res.set('Content-Type', file.contentType);
  await pipeline(file.body, res);
}

export function reportRoutes(store: Store, config: Pick<Config, 'minGroupSize' | 'timeZone'>): Router {
  const router = Router();
  for (const format of ['csv', 'xlsx'] as const) {
    router.get(`/campaigns/:id/responses.${format}`, async (req, res) => {
      const { campaignId, own, schoolId, query } = campaignRequest(req, exportQuery, known);
      const file = await campaignResponsesExport(store, campaignId, format, {
        minGroupSize: config.minGroupSize,
        schoolId,
        role: query.role,
      }).catch(notTheirs(own));
      await sendFile(res, file);
    });
  }
  // The аналитическая справка: Russian, or English with ?lang=en (the page's language); school and role as the page's filters.
  router.get('/campaigns/:id/report.pdf', async (req, res) => {
    const { campaignId, own, schoolId, query } = campaignRequest(req, exportQuery, known);
    const file = await campaignReportPdf(store, campaignId, {
      minGroupSize: config.minGroupSize,
      schoolId,
      role: query.role,
      locale: query.lang ?? 'ru',
      today: dayIn(config.timeZone, now()),
    }).catch(notTheirs(own));
    await sendFile(res, file);
  });
  return router;
}
