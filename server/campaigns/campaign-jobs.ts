// The campaigns' scheduled work: invitations on opening, automatic closing at the closing date and the reminders, kept as
// jobs in the store (server/jobs) so any instance can run them, each exactly once. Here they are scheduled;
// job-handlers.ts does them when they are due.
import { cancelPending, enqueue, findJobs } from '../jobs/queue';
import type { Store } from '../store';
import type { Campaign } from './data';
import { dayIn } from '../calendar';
import { dayStart } from './dates';
import { reminderTime } from './reminders';

export const closeJob = 'campaign.close';
export const reminderJob = 'campaign.remind';
/** Once a day: closes open campaigns whose closing day has passed but that have no closing job (older data). */
export const sweepJob = 'campaign.sweep';

/** Schedules the sweep of a day unless it is already there (keyed by day: one per day, whoever asks). */
export async function ensureSweep(store: Store, day: string, runAt: Date, now: Date): Promise<void> {
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
