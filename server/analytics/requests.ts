// Who reads one campaign's results, in one place so every results route and download applies the
// same rules: the reader may read results at all, a school they ask for must be theirs to read, and
// a school coordinator always gets their own school (forced).
import { problem, Problem } from '../errors';
import { allow, signedIn, type Actor } from '../http/auth';
import type { AnyRequest } from '../http/validate';
import { mayReadResults, mayReadSchoolResults, resultsSchoolOf } from './policies';

export interface ResultsReader {
  actor: Actor;
  /** A school coordinator's school (undefined for cluster-wide readers). */
  own: string | undefined;
  /** The school whose values go beside the cluster's: the reader's own, or the one asked for. */
  schoolId: string | undefined;
}

/** The reader of one campaign's results with these filters, or 403. */
export function resultsReader(req: AnyRequest, filters: { school?: string }): ResultsReader {
  const actor = signedIn(req);
  allow(mayReadResults(actor), 'Your role may not read campaign results.');
  if (filters.school !== undefined) allow(mayReadSchoolResults(actor, filters.school), "You may read only your own school's results.");
  const own = resultsSchoolOf(actor);
  return { actor, own, schoolId: own ?? filters.school };
}

/** A school coordinator asking about a campaign without their school: not theirs to read. */
export const notTheirs =
  (own: string | undefined) =>
  (err: unknown): never => {
    if (own && err instanceof Problem && err.code === 'results.school_not_in_campaign')
      throw problem('auth.forbidden', { values: { reason: 'This campaign does not include your school.' } });
    throw err;
  };
