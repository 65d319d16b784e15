// What every results route reads from a request, in one place so the page's filters reach every
// download alike: the campaign's id, the filters (school, role; a download adds its language), who
// asks and which school they may read (a school coordinator's own, forced).
import type { Request } from 'express';
import { z } from 'zod';
import { problem, Problem } from '../errors';
import { allow, signedIn, type Actor } from '../http/auth';
import { mayReadResults, mayReadSchoolResults, resultsSchoolOf } from './policies';

export const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id of letters, digits, _ and -');

/** The results page's filters of one campaign's values: one school beside the cluster, one role's answers. */
export const resultFilters = z.object({ school: id.optional(), role: id.optional() }).strict();

/** A query parsed with its schema, or 400 naming the filter that is unknown or not valid. */
export function parseQuery<T>(schema: z.ZodType<T>, query: unknown, known: string): T {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.code === 'unrecognized_keys' ? issue.keys[0] : String(issue.path[0] ?? 'query');
  throw problem('request.invalid', {
    field,
    values: {
      reason:
        issue.code === 'unrecognized_keys'
          ? `"${field}" is not a filter here (only ${known}).`
          : `"${field}" is not valid: ${issue.message}`,
    },
  });
}

/** A request about one campaign's results: its id, its filters, and the school the actor may read (their own, or the one asked for). */
export function campaignRequest<Q extends { school?: string; role?: string }>(
  req: Request,
  schema: z.ZodType<Q>,
  known: string,
): { campaignId: string; query: Q; actor: Actor; own: string | undefined; schoolId: string | undefined } {
  const campaignId = id.safeParse(req.params.id);
  if (!campaignId.success)
    throw problem('request.invalid', { field: 'id', values: { reason: `"id" is not valid: ${campaignId.error.issues[0].message}` } });
  const query = parseQuery(schema, req.query, known);
  const actor = signedIn(req);
  allow(mayReadResults(actor), 'Your role may not read campaign results.');
  if (query.school !== undefined) allow(mayReadSchoolResults(actor, query.school), "You may read only your own school's results.");
  const own = resultsSchoolOf(actor);
  return { campaignId: campaignId.data, query, actor, own, schoolId: own ?? query.school };
}

/** A school coordinator asking about a campaign without their school: not theirs to read. */
export const notTheirs =
  (own: string | undefined) =>
  (err: unknown): never => {
    if (own && err instanceof Problem && err.code === 'results.school_not_in_campaign')
      allow(false, 'This campaign does not include your school.');
    throw err;
  };
