// The campaigns' jobs, done when due: closing at the closing date (and the daily sweep of older
// campaigns that have no closing job), the invitations on opening, the schools added to an open
// campaign and the reminders. Start-up
// (main.ts) registers them with the worker, which only claims jobs and dispatches them here.
import type { Config } from '../config';
import { enqueue } from '../jobs/queue';
import type { JobHandlers } from '../jobs/worker';
import type { Store } from '../store';
import { dayIn } from '../calendar';
import { addedSchoolsJob, provideAddedSchools } from './added-schools';
import { closeJob, ensureSweep, reminderJob, sweepJob } from './campaign-jobs';
import { campaignsCollection } from './data';
import { addDays, dayStart } from './dates';
import { campaignInvitees, inviteJob, sendInvitations, type CampaignInvitees, type InvitationDeps } from './invitations';
import { closeCampaign } from './launch';
import { linkSecret } from './links';
import { nextReminderDay, reminderTime, sendReminders, type Deliver, type PendingRecipients, type ReminderDeps } from './reminders';

/** The site's address in mail: MERA_PUBLIC_URL, or this machine's port without it. */
const siteUrl = (config: Pick<Config, 'publicUrl' | 'port'>) => config.publicUrl ?? `http://localhost:${config.port}`;

/** Where a reminder sends the teacher: their diagnostics page. */
const diagnosticUrl = (config: Pick<Config, 'publicUrl' | 'port'>) => `${siteUrl(config)}/diagnostic`;

export interface CampaignJobDeps {
  store: Store;
  config: Pick<Config, 'timeZone' | 'publicUrl' | 'port' | 'secret'>;
  /** Sends campaign mail (start-up passes the mail outbox); without it every send fails and its job is retried. */
  deliver?: Deliver;
  /** Who still has to answer a campaign (start-up passes the diagnostics' pending teachers); without it, nobody. */
  recipients?: PendingRecipients;
  /** Who a campaign invites when it opens; by default its schools' teachers or coordinators (accounts). */
  invitees?: CampaignInvitees;
}

/** Registers the handlers of the campaigns' jobs with the worker's registry. */
export function registerCampaignJobs(handlers: JobHandlers, { store, config, deliver, recipients, invitees }: CampaignJobDeps): void {
  const { timeZone } = config;
  const mail: InvitationDeps & ReminderDeps = {
    timeZone,
    accountUrl: diagnosticUrl(config),
    siteUrl: siteUrl(config),
    secret: () => linkSecret(store, config.secret),
    recipients: recipients ?? (async () => []),
    invitees: invitees ?? campaignInvitees(store),
    deliver:
      deliver ??
      (async (message) => {
        throw new Error(`no mail transport to send "${message.subject}" to ${message.to}`);
      }),
  };
  /** Closes a campaign at its closing date, recorded as done by Mera. */
  const close = async (s: Store, campaignId: string, now: Date) => {
    await closeCampaign(s, campaignId, { actor: { kind: 'system', reason: 'closing-date' }, now, timeZone }, { onlyWhenDue: true });
  };

  handlers.register(closeJob, async (job, { store, now }) => {
    await close(store, String(job.payload.campaignId), now);
  });
  handlers.register(sweepJob, async (_job, { store, now }) => {
    const today = dayIn(timeZone, now);
    const overdue = await store.collection(campaignsCollection).find({ status: 'open', closesOn: { $lt: today } });
    for (const campaign of overdue) await close(store, campaign._id, now);
    // The next sweep: shortly after the next midnight in the cluster's time zone.
    const tomorrow = addDays(today, 1);
    await ensureSweep(store, tomorrow, new Date(dayStart(tomorrow, timeZone).getTime() + 60_000), now);
  });
  handlers.register(addedSchoolsJob, async (job, { store, now }) => {
    await provideAddedSchools(store, String(job.payload.campaignId), await mail.secret(), now);
  });
  handlers.register(inviteJob, async (job, { store, now }) => {
    await sendInvitations(store, String(job.payload.campaignId), now, mail);
  });
  handlers.register(reminderJob, async (job, { store, now }) => {
    const campaign = await store.collection(campaignsCollection).findOne({ _id: String(job.payload.campaignId) });
    const today = dayIn(timeZone, now);
    if (!campaign || campaign.status !== 'open' || today > campaign.closesOn) return;
    const reminder = Number(job.payload.reminder);
    const outcome = await sendReminders(store, campaign, reminder, now, mail);
    const next = outcome.deferred > 0 ? nextReminderDay(campaign, today) : undefined;
    if (next) {
      await enqueue(
        store,
        {
          kind: reminderJob,
          key: `${reminderJob}:${campaign._id}:${reminder}:${next}`,
          payload: { campaignId: campaign._id, reminder, day: next },
          runAt: reminderTime(next, timeZone),
        },
        now,
      );
    }
  });
}
