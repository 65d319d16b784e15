// The framework's routes: the criteria table of a school year, and the same table as CSV / XLSX.
import { z } from 'zod';
import type { ApiRoute } from '../http/api-route';

const frameworkQuery = z
  .object({
    year: z
      .string()
      .regex(/^\d{4}\/\d{2}$/, 'a school year such as 2026/27')
      .optional(),
  })
  .strict();

const table = (format: 'csv' | 'xlsx') =>
  ({
    method: 'get',
    path: `/api/framework/table.${format}`,
    summary: `The criteria table of a school year as ${format.toUpperCase()} (the indicators, then the schools × indicators matrix)`,
    access: 'signed-in',
    query: frameworkQuery,
    responses: { 200: { description: 'The file (an attachment named mera-pokazateli-<year>)', type: format } },
  }) satisfies ApiRoute;

export const frameworkApi = {
  report: {
    method: 'get',
    path: '/api/framework/report.pdf',
    summary: 'The analytic report of the criteria table (PDF), opening with the table; Russian, or English with ?lang=en',
    access: 'signed-in',
    query: frameworkQuery.extend({ lang: z.enum(['ru', 'en']).optional() }).strict(),
    responses: { 200: { description: 'The file (an attachment named mera-pokazateli-<year>.pdf)', type: 'pdf' } },
  },
  framework: {
    method: 'get',
    path: '/api/framework',
    summary:
      "The cluster's criteria table for a school year (this one by default): criteria with their indicators (target, value, met, n, change over the same schools, the schools missing it) and the schools × indicators matrix",
    access: 'signed-in',
    query: frameworkQuery,
    responses: {
      200: { description: '{ cluster, title, year, previousYear, minGroupSize, criteria, summary, schools, matrix }' },
    },
  },
  csv: table('csv'),
  xlsx: table('xlsx'),
} satisfies Record<string, ApiRoute>;
