// Results' policies: administrators and cluster coordinators see everything; a school coordinator
// sees their own school's values beside the cluster's aggregates; teachers see no campaign results.
import type { Actor } from '../http/auth';

export const mayReadResults = (actor: Actor) =>
  actor.role === 'administrator' || actor.role === 'cluster-coordinator' || (actor.role === 'school-coordinator' && !!actor.schoolId);

/** The cluster's criteria table names the schools missing each indicator: cluster-wide readers only. */
export const mayReadFramework = (actor: Actor) => actor.role === 'administrator' || actor.role === 'cluster-coordinator';

/** The one school whose values the actor may see (undefined: every school). */
export const resultsSchoolOf = (actor: Actor): string | undefined => (actor.role === 'school-coordinator' ? actor.schoolId : undefined);

/** Asking for a school's values: any school when cluster-wide, else only one's own. */
export function mayReadSchoolResults(actor: Actor, schoolId: string): boolean {
  const own = resultsSchoolOf(actor);
  return mayReadResults(actor) && (own === undefined || own === schoolId);
}

/**
 * Whose "can teach others" names the actor may read: only a school coordinator, only their own
 * school's teachers who shared their profile with it (cluster coordinators see counts).
 */
export const sharedNamesSchoolOf = (actor: Actor): string | undefined => (actor.role === 'school-coordinator' ? actor.schoolId : undefined);
