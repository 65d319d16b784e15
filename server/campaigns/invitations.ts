// Invitations for people with accounts: opening a campaign whose audience is teachers (or school
// coordinators, for the checklist and the monitoring form) mails each of them, in their language,
// where to answer: through deliverOnce under the key (campaign, person), so a second open, a reopen,
// a retried job or a second instance never sends it twice. The sending runs as a job (server/jobs),
// not in the coordinator's request.
import { dayIn } from '../calendar';
import { listUsers } from '../accounts/service';
import { enqueue } from '../jobs/queue';
import { campaignInvitationMail } from '../mail/templates';
import type { Store } from '../store';
import { Campaign, campaignsCollection, linksCollection } from './data';
import { linkToken } from './links';
import { instrumentFacts } from './instruments';
import { deliverOnce, type Deliver } from './deliveries';
import type { Recipient } from './reminders';

export const inviteJob = 'campaign.invite';

/** Someone a campaign asks, with the school whose task is theirs. */
export interface Invitee extends Recipient {
  schoolId: string;
}

/** Who a campaign invites: nobody for anonymous audiences without accounts (parents, students). */
export type CampaignInvitees = (campaign: Campaign) => Promise<Invitee[]>;

/** The account roles a campaign's audience is made of. */
const accountRoleOf = { teachers: 'teacher', 'school-coordinators': 'school-coordinator' } as const;

/** The active teachers (or school coordinators) of a campaign's schools, as its audience says. */
export function campaignInvitees(store: Store): CampaignInvitees {
  return async (campaign) => {
    const audience = campaign.audience ?? (await audienceFromInstrument(store, campaign));
    const role = audience === 'teachers' || audience === 'school-coordinators' ? accountRoleOf[audience] : undefined;
    if (!role) return [];
    const users = await listUsers(store, { schoolIds: campaign.schoolIds, roles: [role] });
    return users
      .filter((u) => u.active && u.schoolId)
      .map((u) => ({ personId: u._id, email: u.email, name: u.name || undefined, locale: u.locale, schoolId: u.schoolId! }));
  };
}

async function audienceFromInstrument(store: Store, campaign: Campaign) {
  const { respondentType } = await instrumentFacts(store, campaign.instrumentId, campaign.instrumentVersion);
  return respondentType === 'teacher' ? 'teachers' : respondentType === 'school' ? 'school-coordinators' : undefined;
}

/** Where a person answers a campaign: what their task's button opens. */
export type TaskKind = 'diagnostic' | 'staff-survey' | 'school-form';

export interface TaskTarget {
  kind: TaskKind;
  /** A path on Mera's site (the diagnostic page) or the school's respondent link. */
  path: string;
}

/**
 * The teacher's diagnostic: its page, signed in. An anonymous staff survey: the school's link,
 * the same for every colleague, so nothing records who answered. The checklist and the monitoring
 * form: the school's own form (its link), filled by the coordinator.
 */
export async function taskTarget(store: Store, campaign: Campaign, schoolId: string, secret: string): Promise<TaskTarget | undefined> {
  const facts = await instrumentFacts(store, campaign.instrumentId, campaign.instrumentVersion);
  if (facts.respondentType === 'teacher' && !facts.anonymous)
    return { kind: 'diagnostic', path: `/diagnostic?campaign=${encodeURIComponent(campaign._id)}` };
  const links = await store.collection(linksCollection).find({ campaignId: campaign._id, schoolId }, { sort: { className: 1 } });
  const link = links.find((l) => !l.className) ?? links[0];
  if (!link) return undefined;
  return { kind: facts.respondentType === 'school' ? 'school-form' : 'staff-survey', path: `/s/${linkToken(secret, link._id)}` };
}

/**
 * Schedules the invitations of a campaign just opened or reopened (one job per campaign): now, or
 * at the start of its opening day when that is still to come, so the mail's link works when it arrives.
 */
export async function scheduleInvitations(store: Store, campaign: Campaign, now: Date): Promise<void> {
  if (campaign.audience !== 'teachers' && campaign.audience !== 'school-coordinators') return;
  const runAt = campaign.opensAt && campaign.opensAt > now ? campaign.opensAt : now;
  await enqueue(store, { kind: inviteJob, key: `${inviteJob}:${campaign._id}`, payload: { campaignId: campaign._id }, runAt }, now);
}

export interface InvitationDeps {
  invitees: CampaignInvitees;
  deliver: Deliver;
  timeZone: string;
  /** The site's address, e.g. https://mera.cluster.example (MERA_PUBLIC_URL). */
  siteUrl: string;
  secret: () => Promise<string>;
}

/** Sends the invitations of an open campaign to everyone who has not had one yet. */
export async function sendInvitations(
  store: Store,
  campaignId: string,
  now: Date,
  deps: InvitationDeps,
): Promise<{ sent: number; skipped: number }> {
  const campaign = await store.collection(campaignsCollection).findOne({ _id: campaignId });
  const outcome = { sent: 0, skipped: 0 };
  if (!campaign || campaign.status !== 'open' || dayIn(deps.timeZone, now) > campaign.closesOn) return outcome;
  const secret = await deps.secret();
  const targets = new Map<string, TaskTarget | undefined>();
  for (const person of await deps.invitees(campaign)) {
    if (!targets.has(person.schoolId)) targets.set(person.schoolId, await taskTarget(store, campaign, person.schoolId, secret));
    const target = targets.get(person.schoolId);
    if (!target) continue;
    const locale = person.locale ?? 'ru';
    const mail = campaignInvitationMail(locale, {
      name: person.name,
      title: locale === 'en' ? campaign.title.en : campaign.title.default,
      closesOn: campaign.closesOn,
      url: `${deps.siteUrl}${target.path}`,
      accountUrl: `${deps.siteUrl}/account`,
      kind: target.kind,
    });
    const delivered = await deliverOnce(
      store,
      { to: person.email, ...mail, locale, campaignId: campaign._id, personId: person.personId, purpose: 'campaign-invitation' },
      deps.deliver,
      { now },
    );
    if (delivered === 'sent') outcome.sent++;
    else outcome.skipped++;
  }
  return outcome;
}
