// The outbox: mail is stored first, then sent; a failed send is retried with back-off and, after
// the last try, marked failed with its reason (shown to whoever sent it; never silent).
import { now as clockNow } from '../clock';
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../config';
import type { Locale } from '../accounts/data';
import type { Store } from '../store';
import { outboxCollection, OutgoingMail } from './data';
import { htmlOfText } from './templates';

/** Waits after the 1st, 2nd, ... failed attempt; after the last the message is marked failed. */
const retryDelaysSeconds = [60, 5 * 60, 30 * 60, 2 * 3600, 6 * 3600];
/** How long one instance holds a message it is sending before another may try it. */
const claimSeconds = 120;

export interface Mailer {
  /** Stores the message and tries to send it at once; resolves with its state after that try. */
  enqueue(message: { to: string; subject: string; text: string; html: string; about?: OutgoingMail['about'] }): Promise<OutgoingMail>;
  /** Stores the message for sending and returns at once: the first try runs after (and the timer retries). */
  queue(message: { to: string; subject: string; text: string; html: string; about?: OutgoingMail['about'] }): Promise<OutgoingMail>;
  /** Sends every message whose next attempt is due. */
  deliverDue(now?: Date): Promise<void>;
  /** Starts a timer that delivers due messages (stopped by the returned function). */
  start(everyMs?: number): () => void;
}

type Send = (message: OutgoingMail) => Promise<void>;

/** SMTP through nodemailer; without SMTP_URL, each message becomes an .eml file in <dataDir>/outbox. */
export function mailTransport(config: Config, log: (message: string) => void): Send {
  const from = config.mail.from;
  if (config.mail.smtpUrl) {
    const transport = nodemailer.createTransport(config.mail.smtpUrl);
    return async (m) => {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text, html: m.html });
    };
  }
  const dir = path.join(config.dataDir, 'outbox');
  const writer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return async (m) => {
    const info = await writer.sendMail({ from, to: m.to, subject: m.subject, text: m.text, html: m.html });
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${clockNow().toISOString().replace(/[:.]/g, '-')}-${m._id}.eml`);
    fs.writeFileSync(file, info.message as Buffer);
    log(`Mail to ${m.to} ("${m.subject}") written to ${file} (no SMTP_URL set).`);
  };
}

export function createMailer(store: Store, send: Send, log: (message: string, err?: unknown) => void): Mailer {
  const outbox = store.collection(outboxCollection);

  async function attempt(message: OutgoingMail, now: Date): Promise<OutgoingMail> {
    // Claim it: only one instance sends a given attempt.
    const claimed = await outbox.updateOne(
      { _id: message._id, status: 'pending', nextAttemptAt: { $lte: now } },
      { $set: { nextAttemptAt: new Date(now.getTime() + claimSeconds * 1000) } },
    );
    if (claimed.modified !== 1) return message;
    try {
      await send(message);
      await outbox.updateOne({ _id: message._id }, { $set: { status: 'sent', sentAt: clockNow() }, $inc: { attempts: 1 } });
    } catch (err) {
      const attempts = message.attempts + 1;
      const reason = err instanceof Error ? err.message : String(err);
      const delay = retryDelaysSeconds[attempts - 1];
      log(`Mail to ${message.to} failed (attempt ${attempts}): ${reason}`);
      await outbox.updateOne(
        { _id: message._id },
        delay === undefined
          ? { $set: { status: 'failed', attempts, lastError: reason } }
          : { $set: { attempts, lastError: reason, nextAttemptAt: new Date(now.getTime() + delay * 1000) } },
      );
    }
    return (await outbox.findOne({ _id: message._id })) ?? message;
  }

  const mailer: Mailer = {
    async enqueue(m) {
      const now = clockNow();
      const stored = await outbox.insertOne({ ...m, status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now });
      return attempt(stored, now);
    },
    async queue(m) {
      const now = clockNow();
      const stored = await outbox.insertOne({ ...m, status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now });
      attempt(stored, now).catch((err) => log(`Mail to ${stored.to} could not be tried`, err));
      return stored;
    },
    async deliverDue(now = clockNow()) {
      const due = await outbox.find({ status: 'pending', nextAttemptAt: { $lte: now } }, { sort: { nextAttemptAt: 1 }, limit: 50 });
      for (const message of due) await attempt(message, now);
    },
    start(everyMs = 30_000) {
      let running = false;
      const timer = setInterval(() => {
        if (running) return;
        running = true;
        mailer
          .deliverDue()
          .catch((err) => log('Mail delivery round failed', err))
          .finally(() => (running = false));
      }, everyMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
  return mailer;
}

/** A mail to one person about something of theirs, such as a campaign's invitation or reminder. */
export interface PersonalMail {
  to: string;
  subject: string;
  text: string;
  /** The same as HTML; without it, it is made from the text (links made clickable). */
  html?: string;
  locale: Locale;
  personId: string;
  /** What it is about, so the sender's screen can show its fate. */
  purpose: string;
}

/** Delivers personal mail through the outbox (stored, sent, retried), as plain text and HTML. */
export function deliverThrough(mailer: Mailer): (message: PersonalMail) => Promise<void> {
  return async (message) => {
    await mailer.enqueue({
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html ?? htmlOfText(message.text, message.locale),
      about: { userId: message.personId, purpose: message.purpose },
    });
  };
}

/** The latest mail about each of these users and purpose, for the coordinator's screen. */
export async function latestMailAbout(store: Store, userIds: string[], purpose: string): Promise<Map<string, OutgoingMail>> {
  const found = await store
    .collection(outboxCollection)
    .find({ 'about.userId': { $in: userIds }, 'about.purpose': purpose }, { sort: { createdAt: 1 } });
  return new Map(found.map((m) => [m.about!.userId, m]));
}

/** How many mails about this user and purpose were stored since `since` (a limit on resets per account). */
export function countMailAboutSince(store: Store, userId: string, purpose: string, since: Date): Promise<number> {
  return store
    .collection(outboxCollection)
    .countDocuments({ 'about.userId': userId, 'about.purpose': purpose, createdAt: { $gte: since } });
}
