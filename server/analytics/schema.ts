// The results routes: what each reads (a campaign's id, the page's filters, a download's language)
// and answers. Every route of one campaign's results and downloads takes the same filters.
import { z } from 'zod';
import type { ApiRoute, AnswerType } from '../http/api-route';
import { id } from '../http/validate';
import { respondentTypes } from '../surveys/instrument';

/** The results page's filters of one campaign's values: one school beside the cluster, one role's answers. */
const resultFilters = z.object({ school: id.optional(), role: id.optional() }).strict();

/** A download's filters: the page's, and the report's language (the page's). */
const exportQuery = resultFilters.extend({ lang: z.enum(['ru', 'en']).optional() }).strict();

/** The responses' export: the page's filters, the language, and the codes option of the CSV. */
const responsesQuery = exportQuery.extend({ codes: z.enum(['0', '1']).optional() }).strict();

const resultCampaignsQuery = z
  .object({
    year: z
      .string()
      .regex(/^\d{4}\/\d{2}$/, 'a school year such as 2025/26')
      .optional(),
    respondentType: z.enum(respondentTypes).optional(),
  })
  .strict();

const campaignParams = z.object({ id });

const download = <Q extends z.ZodObject>(path: string, summary: string, type: AnswerType, query: Q) =>
  ({
    method: 'get',
    path: `/api/results/campaigns/:id/${path}`,
    summary,
    access: 'signed-in',
    params: campaignParams,
    query,
    responses: { 200: { description: 'The file (an attachment)', type } },
  }) satisfies ApiRoute;

export const resultsApi = {
  campaigns: {
    method: 'get',
    path: '/api/results/campaigns',
    summary: 'The campaigns the results page offers (open or closed, the latest first; a school coordinator: their school’s)',
    access: 'signed-in',
    query: resultCampaignsQuery,
    responses: {
      200: {
        description: '{ campaigns: [{ id, title, instrumentId, respondentType, schoolYear, status, opensOn, closesOn, schoolIds }] }',
      },
    },
  },
  results: {
    method: 'get',
    path: '/api/results/campaigns/:id',
    summary: "One campaign's results: indicators for the cluster and its schools, trend, deficits (small groups withheld)",
    access: 'signed-in',
    params: campaignParams,
    query: resultFilters,
    responses: {
      200: {
        description: '{ campaign, filters, roles, previousCampaign, history, minGroupSize, schools, respondents, indicators, deficits }',
      },
    },
  },
  questions: {
    method: 'get',
    path: '/api/results/campaigns/:id/questions',
    summary: "One campaign's results question by question (any instrument, with or without indicators; small groups withheld)",
    access: 'signed-in',
    params: campaignParams,
    query: resultFilters.extend({ filter: z.string().max(300).optional() }).strict(),
    responses: {
      200: {
        description:
          '{ campaign, minGroupSize, respondents, filter, filterQuestions, questions: [{ name, title, type, cluster, school? }] }',
      },
    },
  },
  indicatorsCsv: download('indicators.csv', 'The indicator table as CSV', 'csv', resultFilters),
  indicatorsXlsx: download('indicators.xlsx', 'The indicator table as XLSX', 'xlsx', resultFilters),
  responsesCsv: download(
    'responses.csv',
    'The responses, answer by answer, as CSV (anonymous surveys and school forms); lang=en for English headers and labels, codes=1 for stored values under their keys',
    'csv',
    responsesQuery,
  ),
  responsesXlsx: download(
    'responses.xlsx',
    'The responses, answer by answer, as XLSX (labels on the first sheet, stored values on "Коды"); lang=en for English',
    'xlsx',
    responsesQuery,
  ),
  report: download('report.pdf', 'The analytic report (аналитическая справка), Russian or English', 'pdf', exportQuery),
} satisfies Record<string, ApiRoute>;
