// The worker, as getodk/central-backend's: on an interval it claims due jobs one at a time and hands
// each to the handler registered for its kind. It holds no domain logic, only dispatch: the handlers
// live with the components whose work they do, and each component registers its own at start-up
// (main.ts). Time comes from the one clock (server/clock.ts), which tests set.
import { now } from '../clock';
import { newId, type Store } from '../store';
import type { Job } from './data';
import { claim, complete, defaultRetry, fail, RetryPolicy } from './queue';

export type JobHandler = (job: Job, context: { store: Store; now: Date }) => Promise<void>;

/** Which handler runs each kind of job: filled at start-up by the components that own the kinds. */
export interface JobHandlers {
  /** Adds the handler of a kind. A kind has one handler: a second one for it is a mistake, and throws. */
  register(kind: string, handler: JobHandler): void;
  handlerOf(kind: string): JobHandler | undefined;
}

export function jobHandlers(initial: Record<string, JobHandler> = {}): JobHandlers {
  const byKind = new Map<string, JobHandler>();
  const handlers: JobHandlers = {
    register(kind, handler) {
      if (byKind.has(kind)) throw new Error(`jobs of kind "${kind}" already have a handler`);
      byKind.set(kind, handler);
    },
    handlerOf: (kind) => byKind.get(kind),
  };
  for (const [kind, handler] of Object.entries(initial)) handlers.register(kind, handler);
  return handlers;
}

export interface WorkerOptions {
  store: Store;
  handlers: JobHandlers;
  /** This instance's name in leases (random by default). */
  owner?: string;
  /** How long a claim holds a job before another instance may take it over. */
  leaseMs?: number;
  intervalMs?: number;
  retry?: RetryPolicy;
  log?: (message: string, err?: unknown) => void;
}

export interface Worker {
  readonly owner: string;
  /** Runs every job due now, one after another; resolves with how many ran (succeeded or not). */
  runDue(): Promise<number>;
  start(): void;
  /** Stops the interval and waits for a run under way. */
  stop(): Promise<void>;
}

export function createWorker(options: WorkerOptions): Worker {
  const { store, handlers, leaseMs = 5 * 60_000, intervalMs = 30_000, retry = defaultRetry } = options;
  const log = options.log ?? ((message: string, err?: unknown) => console.error(message, err ?? ''));
  const owner = options.owner ?? `worker-${newId()}`;
  let running: Promise<number> | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function runOne(job: Job): Promise<void> {
    const handler = handlers.handlerOf(job.kind);
    try {
      if (!handler) throw new Error(`no handler for jobs of kind "${job.kind}"`);
      // Claimed again after its holders kept crashing (each takeover counts): stop, do not loop.
      if (job.attempts > retry.maxAttempts) throw new Error(`gave up after ${job.attempts - 1} attempts`);
      await handler(job, { store, now: now() });
    } catch (err) {
      const outcome = await fail(store, job, owner, err, now(), retry);
      log(`job ${job.kind} (${job.key}) failed, attempt ${job.attempts}: ${outcome}`, err);
      return;
    }
    if (!(await complete(store, job, owner, now()))) log(`job ${job.kind} (${job.key}) finished after its lease was taken over`);
  }

  async function drain(): Promise<number> {
    let count = 0;
    for (let job = await claim(store, owner, now(), leaseMs); job; job = await claim(store, owner, now(), leaseMs)) {
      await runOne(job);
      count++;
    }
    return count;
  }

  const runDue = () => {
    // One run at a time per worker: a tick that finds one under way joins it.
    running ??= drain().finally(() => {
      running = undefined;
    });
    return running;
  };

  return {
    owner,
    runDue,
    start() {
      if (timer) return;
      timer = setInterval(() => {
        runDue().catch((err) => log('the job worker could not run', err));
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
  };
}
