// Reminders to people who were asked and have not answered (non-anonymous campaigns), on the days
// the coordinator chose. Never more than one reminder mail a day to a person, and each delivery is
// recorded under a unique key (campaign, person, reminder number) before it is sent, so a reminder
// is never sent twice, whichever instance runs it and however often its job is retried.
import { DuplicateKeyError, defineCollection, type Store } from '../store';
import type { Campaign } from './data';
import { dayIn } from '../calendar';
import { addDays, dayStart } from './dates';

/** Someone a campaign asks (from accounts' users once they exist). */
export interface Recipient {
  personId: string;
  email: string;
  name?: string;
  locale?: 'ru' | 'en';
}

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

export type ReminderMessage = CampaignMail;

/** Sends (or queues) one mail; the mail transport comes from notifications. */
export type Deliver = (message: CampaignMail) => Promise<void>;
/** The people a campaign asks who have not answered yet. */
export type PendingRecipients = (campaign: Campaign) => Promise<Recipient[]>;

export interface ReminderDelivery {
  _id: string;
  campaignId: string;
  personId: string;
  reminder: number;
  day: string;
  status: 'sending' | 'sent';
  at: Date;
}

export const reminderDeliveriesCollection = defineCollection<ReminderDelivery>(
  'reminderDeliveries',
  {
    campaignId: { type: String, required: true },
    personId: { type: String, required: true },
    reminder: { type: Number, required: true },
    day: { type: String, required: true },
    status: { type: String, required: true, enum: ['sending', 'sent'] },
    at: { type: Date, required: true },
  },
  [{ fields: { campaignId: 1, personId: 1, reminder: 1 }, unique: true }],
);

/** One document per person and day that person got a reminder: the daily cap, across campaigns. */
export interface MailDay {
  _id: string;
  personId: string;
  day: string;
  campaignId: string;
  at: Date;
}

export const mailDaysCollection = defineCollection<MailDay>(
  'reminderMailDays',
  {
    personId: { type: String, required: true },
    day: { type: String, required: true },
    campaignId: { type: String, required: true },
    at: { type: Date, required: true },
  },
  [
    { fields: { personId: 1, day: 1 }, unique: true },
    { fields: { at: 1 }, expireAfterSeconds: 3 * 24 * 3600 },
  ],
);

/** Reminders go out at this hour of the cluster's day. */
const reminderHour = 10;

export function reminderTime(day: string, timeZone: string): Date {
  return dayStart(day, timeZone, reminderHour);
}

export interface ReminderOutcome {
  sent: number;
  /** Already reminded (this reminder number) earlier. */
  skipped: number;
  /** Already got a reminder mail today (another campaign): tried again tomorrow. */
  deferred: number;
}

const dateFormat = (locale: 'ru' | 'en', day: string) =>
  new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );

function reminderMessage(campaign: Campaign, person: Recipient, reminder: number, accountUrl: string | undefined): ReminderMessage {
  const locale = person.locale ?? 'ru';
  const title = locale === 'en' ? campaign.title.en : campaign.title.default;
  const until = dateFormat(locale, campaign.closesOn);
  const greeting = person.name
    ? locale === 'en'
      ? `Dear ${person.name},`
      : `${person.name}, здравствуйте!`
    : locale === 'en'
      ? 'Hello,'
      : 'Здравствуйте!';
  const text =
    locale === 'en'
      ? `${greeting}\n\nA reminder: please answer "${title}" by ${until}.${accountUrl ? `\nYou will find it in your account: ${accountUrl}` : ''}\n\nThank you,\nMera`
      : `${greeting}\n\nНапоминаем: пожалуйста, ответьте на опрос «${title}» до ${until}.${accountUrl ? `\nОпрос ждёт вас в личном кабинете: ${accountUrl}` : ''}\n\nСпасибо!\nМера`;
  const subject = locale === 'en' ? `Reminder: ${title}` : `Напоминание: ${title}`;
  return { to: person.email, subject, text, locale, campaignId: campaign._id, personId: person.personId, purpose: 'reminder', reminder };
}

export interface ReminderDeps {
  recipients: PendingRecipients;
  deliver: Deliver;
  timeZone: string;
  accountUrl?: string;
}

/** Sends reminder number `reminder` of a campaign to everyone who still has to answer. */
export async function sendReminders(
  store: Store,
  campaign: Campaign,
  reminder: number,
  now: Date,
  deps: ReminderDeps,
): Promise<ReminderOutcome> {
  const day = dayIn(deps.timeZone, now);
  const deliveries = store.collection(reminderDeliveriesCollection);
  const mailDays = store.collection(mailDaysCollection);
  const outcome: ReminderOutcome = { sent: 0, skipped: 0, deferred: 0 };
  for (const person of await deps.recipients(campaign)) {
    const key = `${campaign._id}:${person.personId}:${reminder}`;
    if (await deliveries.findOne({ _id: key })) {
      outcome.skipped++;
      continue;
    }
    const slot = `${person.personId}:${day}`;
    try {
      await mailDays.insertOne({ _id: slot, personId: person.personId, day, campaignId: campaign._id, at: now });
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
      outcome.deferred++;
      continue;
    }
    try {
      await deliveries.insertOne({
        _id: key,
        campaignId: campaign._id,
        personId: person.personId,
        reminder,
        day,
        status: 'sending',
        at: now,
      });
    } catch (err) {
      await mailDays.deleteOne({ _id: slot, campaignId: campaign._id });
      if (!(err instanceof DuplicateKeyError)) throw err;
      outcome.skipped++; // another instance is sending it
      continue;
    }
    try {
      await deps.deliver(reminderMessage(campaign, person, reminder, deps.accountUrl));
    } catch (err) {
      // Not sent: forget the delivery and the day's slot, so the job's retry sends it.
      await deliveries.deleteOne({ _id: key });
      await mailDays.deleteOne({ _id: slot, campaignId: campaign._id });
      throw err;
    }
    await deliveries.updateOne({ _id: key }, { $set: { status: 'sent' } });
    outcome.sent++;
  }
  return outcome;
}

/** The next day a deferred reminder may go out, if the campaign is still taking answers then. */
export function nextReminderDay(campaign: Campaign, today: string): string | undefined {
  const next = addDays(today, 1);
  return next <= campaign.closesOn ? next : undefined;
}
