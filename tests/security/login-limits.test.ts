// Issue 23, item 6: limits that cannot be turned against the owner. Failures count per (account,
// address) pair, so an attacker locks out only their own address; a slower per-account back-off
// makes every address wait, but the right password still signs in. MERA_TRUST_PROXY names how many
// proxies to trust, so a forged X-Forwarded-For cannot rotate the address. A reset request answers
// before any look-up or mail (the same for known and unknown addresses), and an account gets at most
// 3 reset mails an hour.
import net from 'node:net';
import { ConfigError, loadConfig, testConfig } from '../../server/config';
import { outboxCollection } from '../../server/mail/data';
import { resetRequestsSettled } from '../../server/accounts/resets';
import { browser, makeUser, PASSWORD } from '../support/accounts';
import { startMera, type TestMera } from '../support/mera';

const accounts = (extra: Partial<ReturnType<typeof testConfig>['accounts']>) => ({ ...testConfig().accounts, trustProxy: 1, ...extra });

test('MERA_TRUST_PROXY is a number of proxies; "true" (trust every hop) is refused at start', () => {
  expect(loadConfig({ MERA_TRUST_PROXY: '1' }).accounts.trustProxy).toBe(1);
  expect(loadConfig({ MERA_TRUST_PROXY: '2' }).accounts.trustProxy).toBe(2);
  expect(loadConfig({}).accounts.trustProxy).toBe(0);
  expect(() => loadConfig({ MERA_TRUST_PROXY: 'true' })).toThrow(ConfigError);
  expect(() => loadConfig({ MERA_TRUST_PROXY: 'true' })).toThrow(/MERA_TRUST_PROXY/);
});

describe('behind one proxy', () => {
  let mera: TestMera;
  beforeAll(async () => {
    mera = await startMera({ config: { accounts: accounts({ loginLimitPerAddress: 30 }) } });
    await makeUser(mera.store, 'head@school.test', 'administrator');
  });
  afterAll(() => mera.close());

  /** A sign-in as seen through our one proxy, which appends the client's real address. */
  const signIn = async (b: Awaited<ReturnType<typeof browser>>, email: string, password: string, forged: string, real: string) =>
    b.agent.post('/api/session').set('x-csrf-token', b.csrf).set('X-Forwarded-For', `${forged}, ${real}`).send({ email, password });

  test('a rotating forged X-Forwarded-For does not get past the per-address limit', async () => {
    const b = await browser(mera);
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++)
      statuses.push((await signIn(b, `nobody${i}@school.test`, 'wrong guess', `198.51.100.${i}`, '203.0.113.9')).status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(30);
    expect(statuses.slice(30)).toEqual(Array(10).fill(429));
  });

  test("an attacker's wrong passwords lock out the attacker's address, never the owner's right password from theirs", async () => {
    const attacker = await browser(mera);
    for (let i = 0; i < 5; i++)
      expect((await signIn(attacker, 'head@school.test', `guess number ${i}`, 'x', '192.0.2.66')).status).toBe(401);
    expect((await signIn(attacker, 'head@school.test', `guess number 6`, 'x', '192.0.2.66')).status).toBe(429);
    // Another address of the attacker's: its own count, but the account's back-off now makes it wait.
    expect((await signIn(attacker, 'head@school.test', 'guess number 7', 'x', '192.0.2.67')).status).toBe(401);
    const owner = await browser(mera);
    const res = await signIn(owner, 'head@school.test', PASSWORD, 'x', '192.0.2.10');
    expect(res.status).toBe(200);
    expect(res.body.user.email).toBe('head@school.test');
  });
});

describe('password resets', () => {
  let mera: TestMera;
  let blackhole: net.Server;
  const held: net.Socket[] = [];
  beforeAll(async () => {
    // An SMTP server that accepts the connection and never answers: a send would wait for it.
    blackhole = net.createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
    const { port } = blackhole.address() as net.AddressInfo;
    mera = await startMera({ config: { mail: { smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Mera <mera@school.test>' } } });
    await makeUser(mera.store, 'forgetful@school.test', 'teacher', 'school-a');
  });
  afterAll(async () => {
    for (const socket of held) socket.destroy();
    blackhole.close();
    await resetRequestsSettled();
    await mera.close();
  });

  test('a reset request for a registered address answers at once, as for an unknown one, without waiting for the mail', async () => {
    const b = await browser(mera);
    const known = await b.agent.post('/api/password-resets').set('x-csrf-token', b.csrf).send({ email: 'forgetful@school.test' });
    const unknown = await b.agent.post('/api/password-resets').set('x-csrf-token', b.csrf).send({ email: 'nobody@school.test' });
    expect([known.status, known.body]).toEqual([202, { accepted: true }]);
    expect([unknown.status, unknown.body]).toEqual([known.status, known.body]);
  }, 10_000);
});

test('an account gets at most 3 reset mails an hour, however often they are asked for', async () => {
  const mera = await startMera();
  try {
    const user = await makeUser(mera.store, 'forgetful@school.test', 'teacher', 'school-a');
    const b = await browser(mera);
    for (let i = 0; i < 6; i++) {
      await b.agent.post('/api/password-resets').set('x-csrf-token', b.csrf).send({ email: 'forgetful@school.test' }).expect(202);
      await resetRequestsSettled();
    }
    const mails = await mera.store.collection(outboxCollection).find({ 'about.userId': user._id, 'about.purpose': 'password-reset' });
    expect(mails).toHaveLength(3);
  } finally {
    await mera.close();
  }
});
