// Start-up: read config, check the instruments, open the store, seed the demo on an empty
// store, listen; on SIGINT/SIGTERM let requests in flight finish (bounded), then close the store.
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { allCollections } from './collections';
import { connectComponents } from './components';
import { ConfigError, loadConfig } from './config';
import { createMailer, deliverThrough, mailTransport } from './mail/outbox';
import { openStore } from './store';
import { drain } from './system/shutdown';
import { registerBuiltinInstruments } from './surveys/catalogue';
import { InstrumentFilesError, readInstrumentFiles } from './surveys/files';
import { createWorker, jobHandlers } from './jobs/worker';
import { scheduleSweep } from './campaigns/campaign-jobs';
import { registerCampaignJobs } from './campaigns/job-handlers';
import { pendingTeachers } from './diagnostics/service';
import type { PendingRecipients } from './campaigns/reminders';
import { pendingSchoolCoordinators } from './responses/school-forms';
import { now } from './clock';
import { DemoPasswordError, prepareDemo } from './demo';

async function main() {
  const config = loadConfig();
  // The components' hooks (a kept response → the rollups), before the demo seed's first answer.
  connectComponents();
  const builtins = readInstrumentFiles(config.surveysDir);
  const store = await openStore(config.storage, config.dataDir, allCollections, (m) => console.warn(m));
  await registerBuiltinInstruments(store, builtins);
  try {
    await prepareDemo(store, config, (m) => console.log(m));
  } catch (err) {
    await store.close();
    throw err;
  }
  // Account mail: sent at once, and retried by this timer when a send failed.
  const mailer = createMailer(
    store,
    mailTransport(config, (m) => console.log(m)),
    (m, e) => console.error(m, e ?? ''),
  );
  mailer.start();
  const app = createApp({ config, store, mailer });
  // The worker runs the jobs each component registers. The campaigns' invitations and reminders go
  // by the same outbox as account mail; reminders go to the teachers who have not answered.
  const jobs = jobHandlers();
  // Who is reminded: the teachers who have not sent their diagnostic, the coordinators of schools that have not sent their form.
  const teachers = pendingTeachers(store);
  const coordinators = pendingSchoolCoordinators(store);
  const recipients: PendingRecipients = async (campaign) => [...(await teachers(campaign)), ...(await coordinators(campaign))];
  registerCampaignJobs(jobs, { store, config, recipients, deliver: deliverThrough(mailer) });
  const worker = createWorker({ store, handlers: jobs });
  // Today's sweep of overdue campaigns, unless another instance has scheduled it already.
  await scheduleSweep(store, config.timeZone, now());
  worker.start();
  const server = app.listen(config.port, config.host, () => {
    const where = config.storage.engine === 'embedded' ? `embedded engine in ${config.dataDir}` : 'MongoDB';
    // The port actually bound (PORT=0 asks the system for a free one).
    const { port } = server.address() as AddressInfo;
    console.log(`Mera is listening on http://localhost:${port} (${where}, ${builtins.length} instruments)`);
  });
  server.on('error', async (err) => {
    console.error(`Mera cannot listen on port ${config.port}: ${err.message}`);
    await store.close();
    process.exit(1);
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      // A second signal (Ctrl-C again): do not wait for the grace period.
      console.log(`${signal} again: cutting the requests still in flight`);
      server.closeAllConnections();
      return;
    }
    stopping = true;
    const drained = drain(server, config.shutdownGraceMs);
    // Said once the port is closed: from here on a new connection is refused.
    console.log(`${signal}: stopping Mera (requests in flight may finish for up to ${config.shutdownGraceMs} ms)`);
    const { cut } = await drained;
    if (cut) console.warn('Requests still unfinished after the grace period were cut.');
    await worker.stop();
    try {
      await store.close();
    } catch (err) {
      console.error('Mera could not close the store cleanly:', err instanceof Error ? err.message : err);
      process.exit(1);
    }
    console.log('Mera stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof InstrumentFilesError || err instanceof DemoPasswordError) console.error(err.message);
  else console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
