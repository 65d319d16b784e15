// Campaigns' policies: who may plan, run and read which campaigns. Every campaign route asks these.
// Administrators and cluster coordinators: every campaign. A school coordinator: runs campaigns of
// their own school alone, reads campaigns that include their school (and only their school's links
// and rates). Teachers: nothing (their diagnostics are under /api/my).
import type { Actor } from '../http/auth';

type CampaignSchools = { schoolIds: readonly string[] };

const clusterWide = (actor: Actor) => actor.role === 'administrator' || actor.role === 'cluster-coordinator';

/** The only school a school coordinator acts for (undefined for every other actor). */
const ownSchool = (actor: Actor) => (actor.role === 'school-coordinator' ? actor.schoolId : undefined);

/** Listing campaigns at all (a school coordinator sees those including their school). */
export const mayListCampaigns = (actor: Actor) => clusterWide(actor) || !!ownSchool(actor);

/** The school a campaign list is limited to (undefined: every school). */
export const campaignListSchool = (actor: Actor): string | undefined => (clusterWide(actor) ? undefined : ownSchool(actor));

/** Reading a campaign: it includes the actor's school, or the actor is cluster-wide. */
export function mayReadCampaign(actor: Actor, campaign: CampaignSchools): boolean {
  if (clusterWide(actor)) return true;
  const school = ownSchool(actor);
  return !!school && campaign.schoolIds.includes(school);
}

/** Planning, changing, opening, closing, reopening: a school coordinator only for their school alone. */
export function mayRunCampaign(actor: Actor, campaign: CampaignSchools): boolean {
  if (clusterWide(actor)) return true;
  const school = ownSchool(actor);
  return !!school && campaign.schoolIds.length > 0 && campaign.schoolIds.every((s) => s === school);
}

/** The schools whose links, QR codes, posters and rates the actor may see in a campaign it may read (undefined: all). */
export const visibleSchoolOf = (actor: Actor): string | undefined => campaignListSchool(actor);

/** One campaign's audit log: as running it. */
export function mayReadCampaignAudit(actor: Actor, campaign: CampaignSchools): boolean {
  return mayRunCampaign(actor, campaign);
}

/** The audit log across every campaign: administrators only. */
export const mayReadAllAudit = (actor: Actor) => actor.role === 'administrator';
