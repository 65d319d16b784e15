// The jobs every Mera instance runs: the campaigns' closing and reminders, dispatched by one
// scheduler per instance over the shared queue. Start-up (main.ts) starts it and stops it.
import { closeCampaign } from '../campaigns/launch';
import { campaignJobHandlers, scheduleSweep } from '../campaigns/campaign-jobs';
import type { Deliver, PendingRecipients } from '../campaigns/reminders';
import type { Config } from '../config';
import type { Store } from '../store';
import { createScheduler, type Scheduler } from './scheduler';

export interface WorkerDeps {
  store: Store;
  config: Config;
  /** The mail transport (notifications); until it is wired, reminders have nobody to go to. */
  deliver?: Deliver;
  /** Who still has to answer a campaign (accounts and responses); nobody until accounts exist. */
  recipients?: PendingRecipients;
  clock?: () => Date;
  intervalMs?: number;
  log?: (message: string, err?: unknown) => void;
}

export function createWorker({ store, config, deliver, recipients, clock = () => new Date(), intervalMs, log }: WorkerDeps): Scheduler & { startWithSweep(): Promise<void> } {
  const handlers = campaignJobHandlers({
    timeZone: config.timeZone,
    accountUrl: config.publicUrl ? `${config.publicUrl}/account` : undefined,
    recipients: recipients ?? (async () => []),
    deliver: deliver ?? (async (message) => {
      throw new Error(`no mail transport to send "${message.subject}" to ${message.to}`);
    }),
    close: async (s, campaignId, now) => {
      await closeCampaign(s, campaignId, { actor: { kind: 'system', reason: 'closing-date' }, now, timeZone: config.timeZone }, { onlyWhenDue: true });
    },
  });
  const scheduler = createScheduler({ store, handlers, clock, intervalMs, log });
  return {
    ...scheduler,
    /** Schedules today's sweep of overdue campaigns (if no instance has yet), then starts. */
    async startWithSweep() {
      await scheduleSweep(store, config.timeZone, clock());
      scheduler.start();
    },
  };
}
