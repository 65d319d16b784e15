// The job queue and scheduler on a real embedded store, with a clock the test moves: due jobs
// run once, failures come back after a growing delay, a crashed instance's lease runs out and
// another instance takes the job, and two schedulers on one store run each job exactly once.
import { jobsCollection } from '../../server/jobs/data';
import { claim, complete, enqueue, findJobs, retryDelay } from '../../server/jobs/queue';
import { createWorker, jobHandlers, type JobHandler } from '../../server/jobs/worker';
import { openStore, type Store } from '../../server/store';
import { setClock } from '../../server/clock';
import { useTempDir } from '../support/temp-dir';

const dir = useTempDir('mera-jobs-');
let store: Store;
beforeEach(async () => {
  store = await openStore({ engine: 'embedded' }, dir(), [jobsCollection]);
});
afterEach(() => store.close());

const start = new Date('2026-11-23T09:00:00Z');
const at = (ms: number) => new Date(start.getTime() + ms);

/** Mera's clock, stopped at an instant the test sets and moves. */
function testClock(initial = start) {
  setClock(initial, { frozen: true });
  return { set: (d: Date) => setClock(d, { frozen: true }) };
}

const silent = () => undefined;

test('a job runs once it is due, not before, and is then done', async () => {
  const clock = testClock();
  const ran: string[] = [];
  const scheduler = createWorker({
    store,
    log: silent,
    handlers: jobHandlers({ note: async (job) => void ran.push(String(job.payload.text)) }),
  });
  await enqueue(store, { kind: 'note', payload: { text: 'later' }, runAt: at(60_000) }, start);
  await enqueue(store, { kind: 'note', payload: { text: 'now' }, runAt: start }, start);
  expect(await scheduler.runDue()).toBe(1);
  expect(ran).toEqual(['now']);
  clock.set(at(59_999));
  expect(await scheduler.runDue()).toBe(0);
  clock.set(at(60_000));
  expect(await scheduler.runDue()).toBe(1);
  expect(ran).toEqual(['now', 'later']);
  expect((await findJobs(store, {})).map((j) => j.status)).toEqual(['done', 'done']);
});

test('enqueuing the same key again moves the one job instead of adding another', async () => {
  await enqueue(store, { kind: 'close', key: 'close:c1', payload: {}, runAt: at(1000) }, start);
  await enqueue(store, { kind: 'close', key: 'close:c1', payload: {}, runAt: at(5000) }, start);
  const jobs = await findJobs(store, {});
  expect(jobs).toHaveLength(1);
  expect(jobs[0].runAt).toEqual(at(5000));
});

test('a failing job is tried again after a delay that doubles, and is marked failed after the last attempt', async () => {
  const clock = testClock();
  let calls = 0;
  const retry = { maxAttempts: 3, baseDelayMs: 30_000, maxDelayMs: 3_600_000 };
  const scheduler = createWorker({
    store,
    retry,
    log: silent,
    handlers: jobHandlers({
      flaky: async () => {
        calls++;
        throw new Error('mail server down');
      },
    }),
  });
  await enqueue(store, { kind: 'flaky', payload: {}, runAt: start }, start);
  await scheduler.runDue();
  let [job] = await findJobs(store, {});
  expect(job).toMatchObject({ status: 'pending', attempts: 1, lastError: 'mail server down' });
  expect(job.runAt).toEqual(at(30_000));
  clock.set(at(29_999));
  expect(await scheduler.runDue()).toBe(0);
  clock.set(at(30_000));
  await scheduler.runDue();
  [job] = await findJobs(store, {});
  expect(job.runAt).toEqual(at(30_000 + 60_000));
  clock.set(at(90_000));
  await scheduler.runDue();
  [job] = await findJobs(store, {});
  expect(job).toMatchObject({ status: 'failed', attempts: 3 });
  clock.set(at(10 * 3_600_000));
  expect(await scheduler.runDue()).toBe(0);
  expect(calls).toBe(3);
  expect([1, 2, 3, 10, 20].map((n) => retryDelay(n, retry))).toEqual([30_000, 60_000, 120_000, 3_600_000, 3_600_000]);
});

test('a job held by an instance that crashed is taken over once its lease runs out, and the late instance cannot complete it', async () => {
  await enqueue(store, { kind: 'work', payload: {}, runAt: start }, start);
  const crashed = await claim(store, 'instance-a', start, 60_000);
  expect(crashed).toMatchObject({ status: 'running', leaseOwner: 'instance-a', attempts: 1 });
  const clock = testClock(at(59_999));
  let runs = 0;
  const survivor = createWorker({
    store,
    owner: 'instance-b',
    leaseMs: 60_000,
    log: silent,
    handlers: jobHandlers({ work: async () => void runs++ }),
  });
  expect(await survivor.runDue()).toBe(0);
  clock.set(at(60_000));
  expect(await survivor.runDue()).toBe(1);
  expect(runs).toBe(1);
  const [job] = await findJobs(store, {});
  expect(job).toMatchObject({ status: 'done', attempts: 2 });
  expect(await complete(store, crashed!, 'instance-a', at(61_000))).toBe(false);
});

test('two schedulers on one store run each of many due jobs exactly once', async () => {
  const runsPerJob = new Map<string, number>();
  const byScheduler = { a: 0, b: 0 };
  const handler =
    (name: 'a' | 'b'): JobHandler =>
    async (job) => {
      runsPerJob.set(job.key, (runsPerJob.get(job.key) ?? 0) + 1);
      byScheduler[name]++;
      await new Promise((resolve) => setImmediate(resolve)); // let the other scheduler claim meanwhile
    };
  for (let i = 0; i < 60; i++) await enqueue(store, { kind: 'work', key: `job-${i}`, payload: {}, runAt: at(i) }, start);
  testClock(at(1000));
  const a = createWorker({ store, owner: 'a', log: silent, handlers: jobHandlers({ work: handler('a') }) });
  const b = createWorker({ store, owner: 'b', log: silent, handlers: jobHandlers({ work: handler('b') }) });
  const [ranA, ranB] = await Promise.all([a.runDue(), b.runDue()]);
  expect(ranA + ranB).toBe(60);
  expect(runsPerJob.size).toBe(60);
  expect([...runsPerJob.values()].every((n) => n === 1)).toBe(true);
  expect(byScheduler.a).toBeGreaterThan(0);
  expect(byScheduler.b).toBeGreaterThan(0);
  expect((await findJobs(store, { status: 'done' })).length).toBe(60);
});

test('a job of a kind nobody handles fails with a message saying so instead of running forever', async () => {
  testClock(start);
  const scheduler = createWorker({ store, log: silent, handlers: jobHandlers({}) });
  await enqueue(store, { kind: 'mystery', payload: {}, runAt: start }, start);
  await scheduler.runDue();
  const [job] = await findJobs(store, {});
  expect(job.lastError).toMatch(/no handler for jobs of kind "mystery"/);
});

test('start runs due jobs on its interval and stop ends it', async () => {
  let runs = 0;
  testClock(start);
  const scheduler = createWorker({ store, intervalMs: 5, log: silent, handlers: jobHandlers({ work: async () => void runs++ }) });
  await enqueue(store, { kind: 'work', payload: {}, runAt: start }, start);
  scheduler.start();
  // Waits for the interval's own run (no fixed sleep): poll the queue until the job is done.
  for (let i = 0; i < 200 && (await findJobs(store, { status: 'done' })).length === 0; i++) await new Promise((r) => setTimeout(r, 5));
  await scheduler.stop();
  expect(runs).toBe(1);
});

test('a job whose holders keep crashing is given up once its attempts are spent, instead of being taken over forever', async () => {
  const retry = { maxAttempts: 2, baseDelayMs: 1000, maxDelayMs: 1000 };
  await enqueue(store, { kind: 'work', payload: {}, runAt: start }, start);
  await claim(store, 'crashes-1', start, 1000);
  await claim(store, 'crashes-2', at(1000), 1000);
  let runs = 0;
  testClock(at(2000));
  const scheduler = createWorker({ store, leaseMs: 1000, retry, log: silent, handlers: jobHandlers({ work: async () => void runs++ }) });
  await scheduler.runDue();
  expect(runs).toBe(0);
  const [job] = await findJobs(store, {});
  expect(job).toMatchObject({ status: 'failed', attempts: 3, lastError: 'gave up after 2 attempts' });
});

test('registering a second handler for a kind that has one is refused, so two components cannot both claim a kind', () => {
  const handlers = jobHandlers({ work: async () => undefined });
  expect(() => handlers.register('work', async () => undefined)).toThrow(/jobs of kind "work" already have a handler/);
});
