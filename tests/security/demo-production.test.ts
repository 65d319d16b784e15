// Issue 23, item 4: demo accounts only where asked. In production the demo is seeded only with
// MERA_SEED_DEMO=true; its accounts then sign in with a password generated at start and written to
// the log, never the published one, which /api/demo-accounts does not publish; and a production start
// on a store where an account still has the published password refuses, naming the command to run.
import request from 'supertest';
import { usersCollection } from '../../server/accounts/data';
import { DEMO_PASSWORD, removeDemoAccounts } from '../../server/accounts/demo';
import { hashPassword } from '../../server/accounts/passwords';
import { loadConfig, testConfig } from '../../server/config';
import { DemoPasswordError, prepareDemo } from '../../server/demo';
import { makeUser, signedInBrowser } from '../support/accounts';
import { startMera, type TestMera } from '../support/mera';

const production = (seedDemo: boolean) => ({
  env: 'production' as const,
  seedDemo,
  // Plain HTTP in the test: the cookie without Secure, so the test client sends it back.
  accounts: { ...testConfig().accounts, secureCookies: false },
});

const canSignIn = (mera: TestMera, email: string, password: string) =>
  signedInBrowser(mera, email, password).then(
    () => true,
    () => false,
  );

test('NODE_ENV=production seeds no demo unless MERA_SEED_DEMO=true says so; elsewhere the demo stays the default', () => {
  expect(loadConfig({ NODE_ENV: 'production' }).seedDemo).toBe(false);
  expect(loadConfig({ NODE_ENV: 'production', MERA_SEED_DEMO: 'true' }).seedDemo).toBe(true);
  expect(loadConfig({ NODE_ENV: 'development' }).seedDemo).toBe(true);
  expect(loadConfig({ NODE_ENV: 'development', MERA_SEED_DEMO: 'false' }).seedDemo).toBe(false);
});

describe('a production start with MERA_SEED_DEMO=true', () => {
  let mera: TestMera;
  const log: string[] = [];
  beforeAll(async () => {
    mera = await startMera({ seed: true, config: production(true) });
    await prepareDemo(mera.store, mera.config, (m) => log.push(m));
  });
  afterAll(() => mera.close());

  test('gives the demo accounts a password generated for this start, written to the log; the published one no longer signs in', async () => {
    const line = log.find((m) => /password generated for this start/.test(m));
    expect(line).toBeDefined();
    const generated = line!.split(': ').pop()!;
    expect(generated).not.toBe(DEMO_PASSWORD);
    expect(generated.length).toBeGreaterThanOrEqual(16);
    expect(await canSignIn(mera, 'admin@demo.mera.local', DEMO_PASSWORD)).toBe(false);
    expect(await canSignIn(mera, 'admin@demo.mera.local', generated)).toBe(true);
  });

  test('/api/demo-accounts lists the accounts but publishes no password', async () => {
    const res = await request(mera.app).get('/api/demo-accounts').expect(200);
    expect(res.body.accounts.map((a: { email: string }) => a.email)).toContain('admin@demo.mera.local');
    expect(res.body).not.toHaveProperty('password');
    expect(JSON.stringify(res.body)).not.toContain(DEMO_PASSWORD);
  });
});

test('a production start on a store whose accounts still have the published demo password refuses, naming the command; once removed it starts', async () => {
  const mera = await startMera({ seed: true, config: production(false) });
  try {
    const refused = prepareDemo(mera.store, mera.config, () => undefined);
    await expect(refused).rejects.toBeInstanceOf(DemoPasswordError);
    await expect(refused).rejects.toThrow(/admin@demo\.mera\.local.*npm run admin -- remove-demo.*npm run admin -- reset <email>/s);
    // An administrator who has the published password (set before the rules refused it) is named too.
    await removeDemoAccounts(mera.store);
    const head = await makeUser(mera.store, 'head@school.example', 'administrator', undefined, undefined);
    const users = mera.store.collection(usersCollection);
    await users.updateOne({ _id: head._id }, { $set: { passwordHash: await hashPassword(DEMO_PASSWORD) } });
    await expect(prepareDemo(mera.store, mera.config, () => undefined)).rejects.toThrow(/head@school\.example/);
    await users.updateOne({ _id: head._id }, { $unset: { passwordHash: '' } });
    await expect(prepareDemo(mera.store, mera.config, () => undefined)).resolves.toBeUndefined();
    expect((await request(mera.app).get('/api/demo-accounts').expect(200)).body).toEqual({ accounts: [] });
  } finally {
    await mera.close();
  }
});
