// Who may do what with a school's own form (school-forms.ts). Fill it in: the school's coordinator,
// and the colleagues of the school named to the form's working group. Read it: those, and the
// cluster (administrators, cluster coordinators). Reopen it after its campaign closed: the cluster
// only. Name the working group: the school's coordinator (and the cluster).
import type { Actor } from '../http/auth';

export type FormAccess = 'fill' | 'read';

const clusterWide = (actor: Actor) => actor.role === 'administrator' || actor.role === 'cluster-coordinator';

export function formAccess(
  actor: Actor,
  campaign: { schoolIds: readonly string[] },
  schoolId: string,
  group: readonly string[],
): FormAccess | undefined {
  if (!campaign.schoolIds.includes(schoolId)) return undefined;
  if (actor.kind === 'user' && actor.schoolId === schoolId && (actor.role === 'school-coordinator' || group.includes(actor.id)))
    return 'fill';
  return clusterWide(actor) ? 'read' : undefined;
}

export const mayReopenSchoolForm = (actor: Actor, campaign: { schoolIds: readonly string[] }, schoolId: string) =>
  clusterWide(actor) && campaign.schoolIds.includes(schoolId);

export const mayNameWorkingGroup = (actor: Actor, campaign: { schoolIds: readonly string[] }, schoolId: string) =>
  campaign.schoolIds.includes(schoolId) && (clusterWide(actor) || (actor.role === 'school-coordinator' && actor.schoolId === schoolId));

/** Which schools' changes a reader of a campaign's results may see marked (undefined: all). */
export const changesSchoolOf = (actor: Actor): string | undefined => (clusterWide(actor) ? undefined : (actor.schoolId ?? ''));
