// Password-reset requests: answered at once and the same way for every address, registered or not
// (the look-up, the token and the mail happen after the answer, so its timing tells nothing), and
// at most resetMailsPerHour reset mails an hour to one account, so nobody can flood a mailbox.
import { nowMs } from '../clock';
import type { Config } from '../config';
import { countMailAboutSince, type Mailer } from '../mail/outbox';
import type { Store } from '../store';
import { sendAccountLink } from './invitations';
import { findUserByEmail } from './service';

const resetMailsPerHour = 3;

/** The requests still being handled after their answer (tests wait for them; a stopping server does not need to). */
const inFlight = new Set<Promise<void>>();

async function handleReset(store: Store, config: Config, mailer: Mailer, email: string): Promise<void> {
  const user = await findUserByEmail(store, email);
  if (!user?.active) return;
  const lastHour = await countMailAboutSince(store, user._id, 'password-reset', new Date(nowMs() - 3600_000));
  if (lastHour >= resetMailsPerHour) return;
  await sendAccountLink(store, config, mailer, user, 'password-reset');
}

/** Starts handling a reset request and returns at once; a failure is logged, never answered. */
export function requestPasswordReset(
  store: Store,
  config: Config,
  mailer: Mailer,
  email: string,
  log: (message: string, err?: unknown) => void,
): void {
  const work = handleReset(store, config, mailer, email).catch((err) => log('A password-reset request failed', err));
  inFlight.add(work);
  void work.finally(() => inFlight.delete(work));
}

/** Resolves when every reset request taken so far has been handled. */
export async function resetRequestsSettled(): Promise<void> {
  while (inFlight.size) await Promise.all([...inFlight]);
}
