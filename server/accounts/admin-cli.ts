// npm run admin -- create <email> [--name "Full Name"] [--locale en] [--password-stdin]
//   Creates an administrator. Without --password-stdin it prints a one-time link to set the
//   password (valid 7 days); with it, it reads the password from standard input.
// npm run admin -- reset <email>   removes the account's password at once (and so ends its sign-in)
//   and prints a one-time link to set a new one.
// npm run admin -- remove-demo     removes the demo seed's accounts (a production start refuses
//   while one still signs in with the published demo password).
// On the embedded engine, stop the server first: one process owns the data dir.
import { allCollections } from '../collections';
import { loadConfig } from '../config';
import { problem } from '../errors';
import { openStore } from '../store';
import { usersCollection } from './data';
import { removeDemoAccounts } from './demo';
import { setPasswordLink } from './invitations';
import { endSessionsOf } from './session-store';
import { createUser, findUserByEmail } from './service';
import { issueAccountToken } from './tokens';

const usage =
  'Usage: npm run admin -- create <email> [--name "Full Name"] [--locale ru|en] [--password-stdin]\n       npm run admin -- reset <email>\n       npm run admin -- remove-demo';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function run(args: string[]) {
  const [command, email] = args;
  if (!(['create', 'reset'].includes(command) && email) && command !== 'remove-demo') {
    console.error(usage);
    process.exit(2);
  }
  const config = loadConfig();
  const password = command === 'create' && args.includes('--password-stdin') ? await readStdin() : undefined;
  const store = await openStore(config.storage, config.dataDir, allCollections, (m) => console.warn(m));
  try {
    if (command === 'remove-demo') {
      console.log(`Removed ${await removeDemoAccounts(store)} demo accounts.`);
    } else if (command === 'create') {
      const locale = option(args, '--locale') === 'en' ? 'en' : 'ru';
      const user = await createUser(store, { email, name: option(args, '--name'), role: 'administrator', locale, password });
      if (password !== undefined) {
        console.log(`Administrator ${user.email} created; sign in at ${config.publicUrl ?? `http://localhost:${config.port}`}/sign-in`);
      } else {
        const { token, expiresAt } = await issueAccountToken(store, user._id, 'invitation');
        console.log(
          `Administrator ${user.email} created. Open this link once, before ${expiresAt.toISOString()}, to set the password:\n${setPasswordLink(config, token)}`,
        );
      }
    } else {
      const user = await findUserByEmail(store, email);
      if (!user) throw problem('user.not_found', { field: 'email', values: { who: `user ${email}` } });
      // The old password (perhaps a published or leaked one) stops working now, not when the link is used.
      await store.collection(usersCollection).updateOne({ _id: user._id }, { $unset: { passwordHash: '' } });
      await endSessionsOf(store, user._id);
      const { token, expiresAt } = await issueAccountToken(store, user._id, 'password-reset');
      console.log(
        `Open this link once, before ${expiresAt.toISOString()}, to set a new password for ${user.email}:\n${setPasswordLink(config, token)}`,
      );
    }
  } finally {
    await store.close();
  }
}

run(process.argv.slice(2)).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
