// The embedded engine's operations (docs/operations.md):
//   npm run migrate            imports a data dir written by the NeDB engine (the first start does it too)
//   npm run backup -- <file>   a consistent copy of the database, taken while Mera runs
//   npm run restore -- <file>  puts a backup back; Mera must be stopped
// MERA_DATA_DIR names the data dir, as for Mera itself.
import { allCollections } from '../collections';
import { loadConfig } from '../config';
import { backupDatabase, restoreDatabase } from './backup';
import { openStore } from '.';

async function run(command: string | undefined, file: string | undefined) {
  const config = loadConfig();
  if (config.storage.engine !== 'embedded') {
    throw new Error('MONGODB_URI is set: these commands are for the embedded engine. Back up MongoDB with mongodump.');
  }
  const dataDir = config.dataDir;
  if (command === 'migrate') {
    const store = await openStore(config.storage, dataDir, allCollections, (m) => console.log(m));
    await store.close();
    console.log(`The database in ${dataDir} is ready.`);
  } else if (command === 'backup' && file) {
    const { bytes } = await backupDatabase(dataDir, file);
    console.log(`Backed up ${dataDir} to ${file} (${Math.round(bytes / 1024)} KB).`);
  } else if (command === 'restore' && file) {
    const { keptAside } = restoreDatabase(dataDir, file);
    console.log(`Restored ${file} into ${dataDir}.${keptAside ? ` The database it replaced is kept in ${keptAside}.` : ''}`);
  } else {
    throw new Error('usage: npm run migrate | npm run backup -- <file> | npm run restore -- <file>');
  }
}

run(process.argv[2], process.argv[3]).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
