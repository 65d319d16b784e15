// Test support: a real store on a temp directory with the built-in instruments registered and, when
// asked, the demo cluster in it. The demo is seeded once per jest run (globalSetup of the api and
// e2e projects) into a template directory and copied whole for each store that asks for it, so no
// test sees another's writes. The template's store is closed before anything is copied, and the
// copy takes the directory as the engine left it, whatever files the engine keeps there.
import fs from 'node:fs';
import path from 'node:path';
import { allCollections } from '../../server/collections';
import { dayIn } from '../../server/calendar';
import { now } from '../../server/clock';
import { Config, testConfig } from '../../server/config';
import { openStore, Store } from '../../server/store';
import { registerBuiltinInstruments } from '../../server/surveys/catalogue';
import { seedDemo } from '../../seeds/demo';
import { builtinInstruments } from './instruments';
import { tempDir } from './temp-dir';

export interface TestStore {
  config: Config;
  store: Store;
  dataDir: string;
  /** Closes the store and removes its directory. */
  close(): Promise<void>;
}

export async function openTestStore(options: { seed?: boolean; config?: Partial<Config> } = {}): Promise<TestStore> {
  const dataDir = tempDir();
  const config = testConfig({ dataDir, ...options.config });
  const copied = options.seed === true && copyDemoTemplate(config);
  const store = await openStoreWithInstruments(config);
  if (options.seed && !copied) await seedDemo(store, { timeZone: config.timeZone, secret: config.secret });
  return {
    config,
    store,
    dataDir,
    async close() {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function openStoreWithInstruments(config: Config): Promise<Store> {
  const store = await openStore(config.storage, config.dataDir, allCollections);
  await registerBuiltinInstruments(store, builtinInstruments);
  return store;
}

/** Passes the template from globalSetup (jest's parent process) to the test workers it starts afterwards. */
const templateVariable = 'MERA_TEST_DEMO_TEMPLATE';

/** Where the template is and what the demo seed depended on besides the store: a copy is used only where they are the same. */
interface DemoTemplate {
  dataDir: string;
  engine: Config['storage']['engine'];
  timeZone: string;
  /** The configured link secret (none in tests: the seed generated one into the store's settings, which the copy keeps). */
  secret: string | undefined;
  /** The seed's "today": its campaigns are open, closed or planned relative to this day. */
  day: string;
}

/** globalSetup: seeds the template once, also when two projects that use it run together. */
export async function seedDemoTemplate(): Promise<void> {
  if (process.env[templateVariable]) return;
  const config = testConfig({ dataDir: tempDir('mera-demo-template-') });
  const seededAt = now();
  const store = await openStoreWithInstruments(config);
  try {
    await seedDemo(store, { timeZone: config.timeZone, secret: config.secret, now: seededAt });
  } finally {
    await store.close();
  }
  const template: DemoTemplate = {
    dataDir: config.dataDir,
    engine: config.storage.engine,
    timeZone: config.timeZone,
    secret: config.secret,
    day: dayIn(config.timeZone, seededAt),
  };
  process.env[templateVariable] = JSON.stringify(template);
}

/** globalTeardown. */
export async function removeDemoTemplate(): Promise<void> {
  const raw = process.env[templateVariable];
  if (!raw) return;
  delete process.env[templateVariable];
  fs.rmSync((JSON.parse(raw) as DemoTemplate).dataDir, { recursive: true, force: true });
}

/**
 * Copies the template into the empty `config.dataDir` if it fits this config and the clock's day
 * (a test that set the clock to another day gets a seed of its own); false if it does not, or if
 * no template was made (a project without the globalSetup, or a script outside jest).
 */
function copyDemoTemplate(config: Config): boolean {
  const raw = process.env[templateVariable];
  if (!raw) return false;
  const template = JSON.parse(raw) as DemoTemplate;
  const fits =
    template.engine === config.storage.engine &&
    template.timeZone === config.timeZone &&
    template.secret === config.secret &&
    template.day === dayIn(config.timeZone, now());
  if (!fits) return false;
  for (const entry of fs.readdirSync(template.dataDir)) {
    fs.cpSync(path.join(template.dataDir, entry), path.join(config.dataDir, entry), { recursive: true });
  }
  return true;
}
