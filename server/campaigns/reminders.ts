// Reminders to people who were asked and have not answered (non-anonymous campaigns), on the days
// the coordinator chose: teachers of their diagnostic, school coordinators of their school's form. Never more than one reminder mail a day to a person, and each goes through
// deliverOnce under the key (campaign, person, reminder number), so a reminder is never sent twice,
// whichever instance runs it and however often its job is retried.
import { DuplicateKeyError, type Store } from '../store';
import { mailDaysCollection, type Campaign } from './data';
import { dayIn } from '../calendar';
import { addDays, dayStart } from './dates';
import { deliverOnce, type CampaignMail, type Deliver, type Gate } from './deliveries';

export type { CampaignMail, Deliver } from './deliveries';

/** Someone a campaign asks: one of accounts' users. */
export interface Recipient {
  personId: string;
  email: string;
  name?: string;
  locale?: 'ru' | 'en';
  /** A school coordinator reminded of the school's own form (the checklist, the monitoring form), not of their own answer. */
  schoolForm?: true;
}

export type ReminderMessage = CampaignMail;

/** The people a campaign asks who have not answered yet. */
export type PendingRecipients = (campaign: Campaign) => Promise<Recipient[]>;

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

function reminderMessage(
  campaign: Campaign,
  person: Recipient,
  reminder: number,
  deps: Pick<ReminderDeps, 'accountUrl' | 'siteUrl'>,
): ReminderMessage {
  // A school's form waits on the account page's tasks; a teacher's diagnostic on its own page.
  const accountUrl = person.schoolForm && deps.siteUrl ? `${deps.siteUrl}/account` : deps.accountUrl;
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
  const text = person.schoolForm
    ? locale === 'en'
      ? `${greeting}\n\nA reminder: your school has not sent its return "${title}" yet; it is due by ${until}. You, or the working group you name, fill it in signed in.${accountUrl ? `\nYou will find it in your account: ${accountUrl}` : ''}\n\nThank you,\nMera`
      : `${greeting}\n\nНапоминаем: ваша школа ещё не отправила форму «${title}» — официальную отчётность, срок до ${until.replace(/\.$/, '')}. Её заполняете вы или названная вами рабочая группа, войдя в Меру.${accountUrl ? `\nФорма ждёт в личном кабинете: ${accountUrl}` : ''}\n\nСпасибо!\nМера`
    : locale === 'en'
      ? `${greeting}\n\nA reminder: please answer "${title}" by ${until}.${accountUrl ? `\nYou will find it in your account: ${accountUrl}` : ''}\n\nThank you,\nMera`
      : `${greeting}\n\nНапоминаем: пожалуйста, ответьте на опрос «${title}» до ${until.replace(/\.$/, '')}.${accountUrl ? `\nОпрос ждёт вас в личном кабинете: ${accountUrl}` : ''}\n\nСпасибо!\nМера`;
  const subject = locale === 'en' ? `Reminder: ${title}` : `Напоминание: ${title}`;
  return { to: person.email, subject, text, locale, campaignId: campaign._id, personId: person.personId, purpose: 'reminder', reminder };
}

export interface ReminderDeps {
  recipients: PendingRecipients;
  deliver: Deliver;
  timeZone: string;
  accountUrl?: string;
  /** The site's address, for a school form's reminder (its task is on the account page). */
  siteUrl?: string;
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
  const outcome: ReminderOutcome = { sent: 0, skipped: 0, deferred: 0 };
  for (const person of await deps.recipients(campaign)) {
    const mail = reminderMessage(campaign, person, reminder, deps);
    const gate = oneMailADay(store, person.personId, day, campaign._id, now);
    outcome[await deliverOnce(store, mail, deps.deliver, { day, now, gate })]++;
  }
  return outcome;
}

/** The daily cap: a person's one reminder mail of the day, taken (and given back if it does not go), or already gone. */
function oneMailADay(store: Store, personId: string, day: string, campaignId: string, now: Date): Gate {
  return async () => {
    const mailDays = store.collection(mailDaysCollection);
    const slot = `${personId}:${day}`;
    try {
      await mailDays.insertOne({ _id: slot, personId, day, campaignId, at: now });
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
      return undefined;
    }
    return async () => {
      await mailDays.deleteOne({ _id: slot, campaignId });
    };
  };
}

/** The next day a deferred reminder may go out, if the campaign is still taking answers then. */
export function nextReminderDay(campaign: Campaign, today: string): string | undefined {
  const next = addDays(today, 1);
  return next <= campaign.closesOn ? next : undefined;
}
