// The embedded engine's operations (docs/operations.md):
//   npm run migrate            imports a data dir written by the NeDB engine (the first start does it too)
//   npm run migrate -- --to-mongodb <uri>   copies the embedded engine's data into an empty MongoDB
//   npm run backup -- <file>   a consistent copy of the database, taken while Mera runs
//   npm run restore -- <file>  puts a backup back; Mera must be stopped
// MERA_DATA_DIR names the data dir, as for Mera itself.
import { allCollections } from '../collections';
import { loadConfig, loadConfigOnMongo } from '../config';
import { backupDatabase, restoreDatabase } from './backup';
import { copyCollections } from './copy';
import { openEmbeddedStore } from './embedded';
import { openMongoStore } from './mongo';
import { openStore } from '.';

/** Mera stopped: copies every collection from the data dir's database into the (empty) MongoDB at uri. */
async function copyToMongo(dataDir: string, uri: string) {
  const mongo = loadConfigOnMongo(uri).storage;
  if (mongo.engine !== 'mongodb') throw new Error('usage: npm run migrate -- --to-mongodb <mongodb://...>');
  const from = await openEmbeddedStore({ dataDir, collections: allCollections, log: (m) => console.log(m) });
  try {
    const to = await openMongoStore({ ...mongo, collections: allCollections, log: (m) => console.log(m) });
    try {
      const copied = await copyCollections(from, to, allCollections, (m) => console.log(m));
      const total = Object.values(copied).reduce((a, b) => a + b, 0);
      console.log(`Copied ${total} documents to MongoDB. Set MONGODB_URI to start Mera on it.`);
    } finally {
      await to.close();
    }
  } finally {
    await from.close();
  }
}

async function run(command: string | undefined, file: string | undefined) {
  const config = loadConfig();
  if (config.storage.engine !== 'embedded') {
    throw new Error('MONGODB_URI is set: these commands are for the embedded engine. Back up MongoDB with mongodump.');
  }
  const dataDir = config.dataDir;
  if (command === 'migrate' && file === '--to-mongodb') {
    await copyToMongo(dataDir, process.argv[4] ?? '');
  } else if (command === 'migrate') {
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
    throw new Error('usage: npm run migrate [-- --to-mongodb <uri>] | npm run backup -- <file> | npm run restore -- <file>');
  }
}

run(process.argv[2], process.argv[3]).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
