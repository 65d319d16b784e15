// Test support: a real Mera on a temp embedded store (builtin instruments registered, demo
// seeded when asked), and ways to find a seeded link. Everything is real: no mocks.
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app';
import { allCollections } from '../../server/collections';
import { Config, testConfig } from '../../server/config';
import { openStore, Store } from '../../server/store';
import { registerBuiltinInstruments } from '../../server/surveys/catalogue';
import { readInstrumentFiles } from '../../server/surveys/files';
import { seedDemo } from '../../seeds/demo';
import { campaignsCollection, linksCollection } from '../../server/campaigns/data';
import { linkSecret, linkToken } from '../../server/campaigns/links';
import { tempDir } from './temp-dir';

export const builtinInstruments = readInstrumentFiles(path.join(__dirname, '../../surveys'));

export interface TestMera {
  config: Config;
  store: Store;
  app: ReturnType<typeof createApp>;
  dataDir: string;
  close(): Promise<void>;
}

export async function startMera(options: { seed?: boolean; config?: Partial<Config> } = {}): Promise<TestMera> {
  const dataDir = tempDir();
  const config = testConfig({ dataDir, ...options.config });
  const store = await openStore(config.storage, dataDir, allCollections);
  await registerBuiltinInstruments(store, builtinInstruments);
  if (options.seed) await seedDemo(store, { timeZone: config.timeZone, secret: config.secret });
  const errors: unknown[] = [];
  const app = createApp({ config, store, log: (m, e) => errors.push([m, e]) });
  return {
    config,
    store,
    app,
    dataDir,
    async close() {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Listens on a free loopback port; returns the base URL and a stop function. */
export async function listen(app: TestMera['app']): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** The token of a seeded campaign's link for the given instrument, status and school number. */
export async function seededToken(mera: TestMera, instrumentId: string, status: 'open' | 'closed' = 'open', schoolIndex = 0): Promise<{ token: string; campaignId: string; schoolId: string }> {
  const campaign = await mera.store.collection(campaignsCollection).findOne({ instrumentId, status });
  if (!campaign) throw new Error(`no ${status} ${instrumentId} campaign was seeded`);
  const links = await mera.store.collection(linksCollection).find({ campaignId: campaign._id }, { sort: { schoolId: 1 } });
  const link = links[schoolIndex];
  const secret = await linkSecret(mera.store, mera.config.secret);
  return { token: linkToken(secret, link._id), campaignId: campaign._id, schoolId: link.schoolId };
}
