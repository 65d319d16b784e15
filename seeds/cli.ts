// npm run seed            seeds the demo cluster into an empty store
// npm run seed -- --reset empties schools, campaigns, links and responses first, then seeds
import { allCollections } from '../server/collections';
import { loadConfig } from '../server/config';
import { openStore } from '../server/store';
import { registerBuiltinInstruments } from '../server/surveys/catalogue';
import { readInstrumentFiles } from '../server/surveys/files';
import { clearDemo, seedDemo, seedDemoIfEmpty } from './demo';

async function run() {
  const reset = process.argv.includes('--reset');
  const config = loadConfig();
  const builtins = readInstrumentFiles(config.surveysDir);
  const store = await openStore(config.storage, config.dataDir, allCollections, (m) => console.warn(m));
  try {
    await registerBuiltinInstruments(store, builtins);
    if (reset) await clearDemo(store);
    const options = { secret: config.secret, timeZone: config.timeZone };
    const counts = reset ? await seedDemo(store, options) : await seedDemoIfEmpty(store, options);
    console.log(
      counts
        ? `Seeded: ${counts.schools} schools, ${counts.campaigns} campaigns, ${counts.responses} responses.`
        : 'The store already has data; nothing seeded (use "npm run seed -- --reset" to start again).',
    );
  } finally {
    await store.close();
  }
}

run().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
