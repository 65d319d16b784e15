// Start-up: read config, check the instruments, open the store, seed the demo on an empty
// store, listen; stop cleanly on SIGINT/SIGTERM.
import { createApp } from './app';
import { allCollections } from './collections';
import { ConfigError, loadConfig } from './config';
import { createMailer, mailTransport } from './mail/outbox';
import { openStore } from './store';
import { registerBuiltinInstruments } from './surveys/catalogue';
import { InstrumentFilesError, readInstrumentFiles } from './surveys/files';
import { seedDemoIfEmpty } from '../seeds/demo';

async function main() {
  const config = loadConfig();
  const builtins = readInstrumentFiles(config.surveysDir);
  const store = await openStore(config.storage, config.dataDir, allCollections, (m) => console.warn(m));
  await registerBuiltinInstruments(store, builtins);
  if (config.seedDemo) {
    const seeded = await seedDemoIfEmpty(store, { secret: config.secret, timeZone: config.timeZone });
    if (seeded) console.log(`Seeded the demo cluster: ${seeded.schools} schools, ${seeded.campaigns} campaigns, ${seeded.responses} responses.`);
  }
  // Account mail: sent at once, and retried by this timer when a send failed.
  const mailer = createMailer(store, mailTransport(config, (m) => console.log(m)), (m, e) => console.error(m, e ?? ''));
  mailer.start();
  const app = createApp({ config, store, mailer });
  const server = app.listen(config.port, config.host, () => {
    const where = config.storage.engine === 'embedded' ? `embedded engine in ${config.dataDir}` : 'MongoDB';
    console.log(`Mera is listening on http://localhost:${config.port} (${where}, ${builtins.length} instruments)`);
  });
  server.on('error', async (err) => {
    console.error(`Mera cannot listen on port ${config.port}: ${err.message}`);
    await store.close();
    process.exit(1);
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping Mera`);
    server.close();
    server.closeAllConnections();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof InstrumentFilesError) console.error(err.message);
  else console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
