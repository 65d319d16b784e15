// The routes of a campaign's exports of responses (CSV, XLSX) and of its analytic report (PDF),
// mounted inside the results router (so nobody signed in is already answered there). The results'
// policies decide: a school coordinator gets only their own school; a teacher nothing.
import { pipeline } from 'node:stream/promises';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { dayIn } from '../calendar';
import type { Config } from '../config';
import { Problem } from '../errors';
import { allow, signedIn } from '../http/auth';
import type { Store } from '../store';
import { mayReadResults, mayReadSchoolResults, resultsSchoolOf } from './policies';
import { campaignReportPdf } from './report-pdf';
import { campaignResponsesExport } from './response-export';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id of letters, digits, _ and -');
const exportQuery = z.object({ school: id.optional(), role: id.optional(), lang: z.enum(['ru', 'en']).optional() }).strict();

/** The campaign, the school the actor may read (their own, or the one asked for) and the language. */
function parseExportRequest(req: Request) {
  const campaignId = id.safeParse(req.params.id);
  if (!campaignId.success) throw new Problem('request.invalid', 400, `"id" is not valid: ${campaignId.error.issues[0].message}`, 'id');
  const query = exportQuery.safeParse(req.query);
  if (!query.success) {
    const issue = query.error.issues[0];
    const field = issue.code === 'unrecognized_keys' ? issue.keys[0] : String(issue.path[0] ?? 'query');
    throw new Problem('request.invalid', 400, issue.code === 'unrecognized_keys' ? `"${field}" is not a parameter of exports (only "school", "role" and "lang").` : `"${field}" is not valid: ${issue.message}`, field);
  }
  const actor = signedIn(req);
  allow(mayReadResults(actor), 'Your role may not read campaign results.');
  if (query.data.school !== undefined) allow(mayReadSchoolResults(actor, query.data.school), "You may read only your own school's results.");
  const own = resultsSchoolOf(actor);
  return { campaignId: campaignId.data, own, schoolId: own ?? query.data.school, role: query.data.role, locale: query.data.lang ?? 'ru' };
}

/** A school coordinator asking about a campaign without their school: not theirs to read. */
const notTheirs = (own: string | undefined) => (err: unknown): never => {
  if (own && err instanceof Problem && err.code === 'results.school_not_in_campaign') throw new Problem('auth.forbidden', 403, 'This campaign does not include your school.');
  throw err;
};

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
      const { campaignId, own, schoolId, role } = parseExportRequest(req);
      const file = await campaignResponsesExport(store, campaignId, format, { minGroupSize: config.minGroupSize, schoolId, role }).catch(notTheirs(own));
      await sendFile(res, file);
    });
  }
  // The аналитическая справка: Russian, or English with ?lang=en (the page's language); school and role as the page's filters.
  router.get('/campaigns/:id/report.pdf', async (req, res) => {
    const { campaignId, own, schoolId, role, locale } = parseExportRequest(req);
    const file = await campaignReportPdf(store, campaignId, { minGroupSize: config.minGroupSize, schoolId, role, locale, today: dayIn(config.timeZone, new Date()) }).catch(notTheirs(own));
    await sendFile(res, file);
  });
  return router;
}
