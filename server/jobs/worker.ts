// The jobs every Mera instance runs: the campaigns' invitations, closing and reminders, dispatched by one
// scheduler per instance over the shared queue. Start-up (main.ts) starts it and stops it.
import { now } from '../clock';
import { closeCampaign } from '../campaigns/launch';
import { campaignJobHandlers, scheduleSweep } from '../campaigns/campaign-jobs';
import { instrumentFacts } from '../campaigns/planning';
import { campaignInvitees, type CampaignInvitees } from '../campaigns/invitations';
import { linkSecret } from '../campaigns/links';
import type { Deliver, PendingRecipients } from '../campaigns/reminders';
import { usersCollection } from '../accounts/data';
import type { Config } from '../config';
import { diagnosticsCollection } from '../diagnostics/data';
import type { Mailer } from '../mail/outbox';
import type { Store } from '../store';
import { createScheduler, type Scheduler } from './scheduler';

/**
 * Who still has to answer a campaign: the active teachers of its schools who have not submitted it
 * (the diagnostics component records submissions). An anonymous campaign cannot know: nobody.
 */
export function pendingTeachers(store: Store): PendingRecipients {
  return async (campaign) => {
    const facts = await instrumentFacts(store, campaign.instrumentId, campaign.instrumentVersion);
    if (facts.anonymous) return [];
    const [teachers, submitted] = await Promise.all([
      store
        .collection(usersCollection)
        .find({ role: 'teacher', active: true, schoolId: { $in: campaign.schoolIds } }, { sort: { _id: 1 } }),
      store.collection(diagnosticsCollection).find({ campaignId: campaign._id, status: 'submitted' }),
    ]);
    const answered = new Set(submitted.map((d) => d.userId));
    return teachers.filter((t) => !answered.has(t._id)).map((t) => ({ personId: t._id, email: t.email, name: t.name, locale: t.locale }));
  };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Campaign mail (invitations, reminders) through accounts' outbox (stored, sent, retried): plain text and HTML. */
export function mailReminders(mailer: Mailer): Deliver {
  return async (message) => {
    const html =
      message.html ??
      `<!doctype html><html lang="${message.locale}"><body>${message.text
        .split('\n\n')
        .map(
          (p) =>
            `<p>${escapeHtml(p)
              .replace(/\n/g, '<br>')
              .replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')}</p>`,
        )
        .join('')}</body></html>`;
    await mailer.enqueue({
      to: message.to,
      subject: message.subject,
      text: message.text,
      html,
      about: { userId: message.personId, purpose: message.purpose },
    });
  };
}

/** The site's address in mail: MERA_PUBLIC_URL, or this machine's port without it. */
const siteUrl = (config: Pick<Config, 'publicUrl' | 'port'>) => config.publicUrl ?? `http://localhost:${config.port}`;

/** Where a reminder sends the teacher: their diagnostics page. */
const diagnosticUrl = (config: Pick<Config, 'publicUrl' | 'port'>) => `${siteUrl(config)}/diagnostic`;

export interface WorkerDeps {
  store: Store;
  config: Config;
  /** The mail transport (notifications); until it is wired, reminders have nobody to go to. */
  deliver?: Deliver;
  /** Who still has to answer a campaign (accounts and responses); nobody until accounts exist. */
  recipients?: PendingRecipients;
  /** Who a campaign invites when it opens; by default its schools' teachers or coordinators (accounts). */
  invitees?: CampaignInvitees;
  intervalMs?: number;
  log?: (message: string, err?: unknown) => void;
}

export function createWorker({
  store,
  config,
  deliver,
  recipients,
  invitees,
  intervalMs,
  log,
}: WorkerDeps): Scheduler & { startWithSweep(): Promise<void> } {
  const handlers = campaignJobHandlers({
    timeZone: config.timeZone,
    accountUrl: diagnosticUrl(config),
    recipients: recipients ?? (async () => []),
    invitees: invitees ?? campaignInvitees(store),
    siteUrl: siteUrl(config),
    secret: () => linkSecret(store, config.secret),
    deliver:
      deliver ??
      (async (message) => {
        throw new Error(`no mail transport to send "${message.subject}" to ${message.to}`);
      }),
    close: async (s, campaignId, now) => {
      await closeCampaign(
        s,
        campaignId,
        { actor: { kind: 'system', reason: 'closing-date' }, now, timeZone: config.timeZone },
        { onlyWhenDue: true },
      );
    },
  });
  const scheduler = createScheduler({ store, handlers, intervalMs, log });
  return {
    ...scheduler,
    /** Schedules today's sweep of overdue campaigns (if no instance has yet), then starts. */
    async startWithSweep() {
      await scheduleSweep(store, config.timeZone, now());
      scheduler.start();
    },
  };
}
