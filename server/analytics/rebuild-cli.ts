// npm run rollups:rebuild                       recomputes every campaign's rollups from the responses
// npm run rollups:rebuild -- --campaign <id>    only that campaign's
// Stop the server first on the embedded engine (one process owns the data dir); on MongoDB, run it
// when no submissions arrive, or rebuild the campaign again afterwards.
import { allCollections } from '../collections';
import { loadConfig } from '../config';
import { openStore } from '../store';
import { rebuildRollups } from './rollups';

async function run() {
  const at = process.argv.indexOf('--campaign');
  const campaignId = at >= 0 ? process.argv[at + 1] : undefined;
  if (at >= 0 && !campaignId) throw new Error('--campaign needs a campaign id');
  const config = loadConfig();
  const store = await openStore(config.storage, config.dataDir, allCollections, (m) => console.warn(m));
  try {
    const { responses } = await rebuildRollups(store, campaignId);
    console.log(`Rollups rebuilt from ${responses} responses${campaignId ? ` of campaign ${campaignId}` : ''}.`);
  } finally {
    await store.close();
  }
}

run().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
