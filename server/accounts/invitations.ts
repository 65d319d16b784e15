// Invitations and password resets: a one-time link sent by mail in the person's language.
import type { Config } from '../config';
import type { Mailer } from '../mail/outbox';
import type { MailStatus } from '../mail/data';
import { accountMail } from '../mail/templates';
import type { Store } from '../store';
import type { AccountTokenPurpose, User } from './data';
import { issueAccountToken } from './tokens';

/**
 * The address people open links at. Never taken from the request's Host header: a forged Host
 * would otherwise put an attacker's address into a reset mail.
 */
function publicBaseUrl(config: Config): string {
  return config.publicUrl ?? `http://localhost:${config.port}`;
}

export function setPasswordLink(config: Config, token: string): string {
  // In the fragment: it never reaches a server log or a Referer.
  return `${publicBaseUrl(config)}/set-password#${token}`;
}

export interface SentLink {
  link: string;
  expiresAt: Date;
  mail: { status: MailStatus; error?: string };
}

export async function sendAccountLink(
  store: Store,
  config: Config,
  mailer: Mailer,
  user: User,
  purpose: AccountTokenPurpose,
  /** Only stored in the outbox, not waited for (a roster's many invitations). */
  queued = false,
): Promise<SentLink> {
  const { token, expiresAt } = await issueAccountToken(store, user._id, purpose);
  const link = setPasswordLink(config, token);
  const content = accountMail(purpose, user.locale, user.name, link, expiresAt, config.timeZone);
  const message = { to: user.email, ...content, about: { userId: user._id, purpose } };
  const mail = await (queued ? mailer.queue(message) : mailer.enqueue(message));
  return { link, expiresAt, mail: { status: mail.status, ...(mail.lastError ? { error: mail.lastError } : {}) } };
}
