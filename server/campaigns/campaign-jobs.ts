// The campaigns' scheduled work: invitations on opening, automatic closing at the closing date and the reminders, kept as
// jobs in the store (server/jobs) so any instance can run them, each exactly once.
import { cancelPending, enqueue, findJobs } from '../jobs/queue';
import type { JobHandler } from '../jobs/scheduler';
import type { Store } from '../store';
import { campaignsCollection, type Campaign } from './data';
import { dayIn } from '../calendar';
import { addDays, dayStart } from './dates';
import { type CampaignInvitees, inviteJob, sendInvitations } from './invitations';
import { nextReminderDay, reminderTime, sendReminders, type ReminderDeps } from './reminders';

export const closeJob = 'campaign.close';
export const reminderJob = 'campaign.remind';
/** Once a day: closes open campaigns whose closing day has passed but that have no closing job (older data). */
const sweepJob = 'campaign.sweep';

/** Schedules the sweep of a day unless it is already there (keyed by day: one per day, whoever asks). */
async function ensureSweep(store: Store, day: string, runAt: Date, now: Date): Promise<void> {
  const key = `${sweepJob}:${day}`;
  if ((await findJobs(store, { key })).length === 0) await enqueue(store, { kind: sweepJob, key, payload: { day }, runAt }, now);
}

/** Makes sure today's sweep is scheduled (every instance calls this at start-up). */
export function scheduleSweep(store: Store, timeZone: string, now: Date): Promise<void> {
  return ensureSweep(store, dayIn(timeZone, now), now, now);
}

/**
 * (Re)schedules an open campaign's jobs: closing at the end of its closing day, and each reminder
 * day still to come. Reminders no longer planned are cancelled.
 */
export async function scheduleCampaignJobs(store: Store, campaign: Campaign, timeZone: string, now: Date): Promise<void> {
  const closesAt = campaign.closesAt ?? dayStart(campaign.closesOn, timeZone);
  await enqueue(store, { kind: closeJob, key: `${closeJob}:${campaign._id}`, payload: { campaignId: campaign._id }, runAt: closesAt }, now);
  const reminders = campaign.reminders ?? [];
  const today = dayIn(timeZone, now);
  for (const [index, day] of reminders.entries()) {
    if (day < today) continue;
    const reminder = index + 1;
    await enqueue(
      store,
      {
        kind: reminderJob,
        key: `${reminderJob}:${campaign._id}:${reminder}`,
        payload: { campaignId: campaign._id, reminder, day },
        runAt: reminderTime(day, timeZone),
      },
      now,
    );
  }
  await cancelPending(store, reminderJob, { campaignId: campaign._id, reminder: { $gt: reminders.length } });
}

export interface CampaignJobDeps extends ReminderDeps {
  /** Closes a campaign (the launch service), recorded as done by Mera at the closing date. */
  close(store: Store, campaignId: string, now: Date): Promise<void>;
  /** Who a campaign invites when it opens (accounts' teachers or school coordinators). */
  invitees: CampaignInvitees;
  /** The site's address the invitations link to. */
  siteUrl: string;
  /** The link secret (a staff survey's or a school form's invitation carries the school's link). */
  secret: () => Promise<string>;
}

/** The handlers the scheduler dispatches campaign jobs to. */
export function campaignJobHandlers(deps: CampaignJobDeps): Record<string, JobHandler> {
  return {
    [closeJob]: async (job, { store, now }) => {
      await deps.close(store, String(job.payload.campaignId), now);
    },
    [sweepJob]: async (_job, { store, now }) => {
      const today = dayIn(deps.timeZone, now);
      const overdue = await store.collection(campaignsCollection).find({ status: 'open', closesOn: { $lt: today } });
      for (const campaign of overdue) await deps.close(store, campaign._id, now);
      // The next sweep: shortly after the next midnight in the cluster's time zone.
      const tomorrow = addDays(today, 1);
      await ensureSweep(store, tomorrow, new Date(dayStart(tomorrow, deps.timeZone).getTime() + 60_000), now);
    },
    [inviteJob]: async (job, { store, now }) => {
      await sendInvitations(store, String(job.payload.campaignId), now, deps);
    },
    [reminderJob]: async (job, { store, now }) => {
      const campaign = await store.collection(campaignsCollection).findOne({ _id: String(job.payload.campaignId) });
      const today = dayIn(deps.timeZone, now);
      if (!campaign || campaign.status !== 'open' || today > campaign.closesOn) return;
      const reminder = Number(job.payload.reminder);
      const outcome = await sendReminders(store, campaign, reminder, now, deps);
      const next = outcome.deferred > 0 ? nextReminderDay(campaign, today) : undefined;
      if (next) {
        await enqueue(
          store,
          {
            kind: reminderJob,
            key: `${reminderJob}:${campaign._id}:${reminder}:${next}`,
            payload: { campaignId: campaign._id, reminder, day: next },
            runAt: reminderTime(next, deps.timeZone),
          },
          now,
        );
      }
    },
  };
}
