// Campaign mail, sent once: each delivery (the invitation, or reminder n, to one person about one
// campaign) is recorded under a unique key before the mail is handed over, so a second open, a
// reopen, a retried job or a second instance never sends it twice; a mail that could not be handed
// over is forgotten again, so the job's retry sends it.
import { DuplicateKeyError, type Collection, type Store } from '../store';
import { invitationDeliveriesCollection, reminderDeliveriesCollection } from './data';

/** A mail to one person about a campaign: an invitation when it opens, or a reminder. */
export interface CampaignMail {
  to: string;
  subject: string;
  text: string;
  /** The same as HTML; without it the transport makes it from the text (links made clickable). */
  html?: string;
  locale: 'ru' | 'en';
  campaignId: string;
  personId: string;
  purpose: 'reminder' | 'campaign-invitation';
  /** The reminder's number (reminders only). */
  reminder?: number;
}

/** Sends (or queues) one mail; start-up passes the mail outbox (deliverThrough in mail/outbox.ts). */
export type Deliver = (message: CampaignMail) => Promise<void>;

/**
 * Something that must hold before a mail goes, such as the reminders' one mail a day to a person:
 * taken (the answer undoes it if the mail does not go after all), or not to be had now (undefined).
 */
export type Gate = () => Promise<(() => Promise<void>) | undefined>;

/** Sent now; already sent (or being sent by another instance); or held back by its gate. */
export type DeliveryOutcome = 'sent' | 'skipped' | 'deferred';

interface DeliveryRecord {
  _id: string;
  campaignId: string;
  personId: string;
  status: 'sending' | 'sent';
  at: Date;
  /** Reminders: which one, and the day it went. */
  reminder?: number;
  day?: string;
}

/** Where a mail's delivery is recorded, under its key: unique per campaign, person and purpose. */
function deliveryOf(
  store: Store,
  mail: CampaignMail,
  day: string | undefined,
  now: Date,
): { deliveries: Collection<DeliveryRecord>; record: DeliveryRecord } {
  const { campaignId, personId } = mail;
  const sending = { campaignId, personId, status: 'sending' as const, at: now };
  if (mail.purpose === 'reminder') {
    const reminder = mail.reminder!;
    return {
      deliveries: store.collection(reminderDeliveriesCollection),
      record: { _id: `${campaignId}:${personId}:${reminder}`, ...sending, reminder, day },
    };
  }
  return { deliveries: store.collection(invitationDeliveriesCollection), record: { _id: `${campaignId}:${personId}`, ...sending } };
}

/** Records the delivery, sends the mail, marks it sent: once per campaign, person and purpose. */
export async function deliverOnce(
  store: Store,
  mail: CampaignMail,
  deliver: Deliver,
  { day, now, gate }: { now: Date; day?: string; gate?: Gate },
): Promise<DeliveryOutcome> {
  const { deliveries, record } = deliveryOf(store, mail, day, now);
  if (await deliveries.findOne({ _id: record._id })) return 'skipped';
  const release = gate ? await gate() : async () => undefined;
  if (!release) return 'deferred';
  try {
    await deliveries.insertOne(record);
  } catch (err) {
    await release();
    if (!(err instanceof DuplicateKeyError)) throw err;
    return 'skipped'; // another instance is sending it
  }
  try {
    await deliver(mail);
  } catch (err) {
    // Not handed over: forget the delivery (and what the gate took), so the job's retry sends it.
    await deliveries.deleteOne({ _id: record._id });
    await release();
    throw err;
  }
  await deliveries.updateOne({ _id: record._id }, { $set: { status: 'sent' } });
  return 'sent';
}
