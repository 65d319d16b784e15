// A school added to an open campaign gets what opening gave the others: its link(s) with their QR
// codes and posters, and its invitations; its tasks and reminders follow from the plan by themselves.
// The change does this at once, and a job written before the change does it again a little later, so
// a process stopped between the two still finishes it. Every step is idempotent: links have fixed
// ids, invitations go through deliverOnce, jobs are keyed.
import { enqueue } from '../jobs/queue';
import type { Store } from '../store';
import { type Campaign, campaignsCollection } from './data';
import { instrumentFacts } from './instruments';
import { scheduleInvitations } from './invitations';
import { answersByLink, issueLinks } from './links';

export const addedSchoolsJob = 'campaign.added-schools';

/** How long the follow-up job waits: the change itself has normally done everything by then. */
const followUpDelayMs = 60_000;

/** Writes the follow-up job (before the change is stored, so a stop in between leaves it behind). */
export function scheduleAddedSchools(store: Store, campaignId: string, now: Date): Promise<void> {
  return enqueue(
    store,
    {
      kind: addedSchoolsJob,
      key: `${addedSchoolsJob}:${campaignId}`,
      payload: { campaignId },
      runAt: new Date(now.getTime() + followUpDelayMs),
    },
    now,
  );
}

/** Gives every school of an open campaign what opening gives: links where answers come through links, invitations. */
export async function provideForSchools(store: Store, campaign: Campaign, secret: string, now: Date): Promise<void> {
  if (campaign.status !== 'open') return;
  const facts = await instrumentFacts(store, campaign.instrumentId, campaign.instrumentVersion);
  if (answersByLink(facts)) await issueLinks(store, campaign, secret);
  await scheduleInvitations(store, campaign, now);
}

/** The follow-up job: the campaign as it stands now (a campaign closed or gone meanwhile needs nothing). */
export async function provideAddedSchools(store: Store, campaignId: string, secret: string, now: Date): Promise<void> {
  const campaign = await store.collection(campaignsCollection).findOne({ _id: campaignId });
  if (campaign) await provideForSchools(store, campaign, secret, now);
}
