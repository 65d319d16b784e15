// The one clock. Everything in Mera that reads the time (services, jobs, sessions, expiry in both
// engines, mail, the demo seed) reads it here, so a test can set the calendar and nothing else
// disagrees with it. In production it is the system clock; nothing else in server/ calls Date.now()
// or new Date() without arguments (the linter says so).

type Source = () => number;

const systemTime: Source = () => Date.now();
let source: Source = systemTime;

/** The current instant. */
export function now(): Date {
  return new Date(source());
}

/** The current instant in milliseconds since the epoch. */
export function nowMs(): number {
  return source();
}

/**
 * An instant a library computed from the system clock (express-session's cookie expiry), moved onto
 * this clock: as far from now() as it was from the system's now. In production the two are the same.
 */
export function fromSystemTime(instant: Date): Date {
  return new Date(source() + (instant.getTime() - systemTime()));
}

/**
 * Tests: sets the clock. By default it runs on from `at` as real time passes (timers, leases and
 * waits behave as they would), so only the calendar is chosen; `{ frozen: true }` stops it at `at`.
 * Returns a function that puts back the clock as it was before.
 */
export function setClock(at: Date | string, options: { frozen?: boolean } = {}): () => void {
  const start = typeof at === 'string' ? new Date(at).getTime() : at.getTime();
  if (Number.isNaN(start)) throw new Error(`setClock: not a date: ${String(at)}`);
  const before = source;
  if (options.frozen) {
    source = () => start;
  } else {
    const realStart = Date.now();
    source = () => start + (Date.now() - realStart);
  }
  return () => {
    source = before;
  };
}

/** Tests: runs `work` with the clock stopped at `at`, then puts the clock back. */
export async function atInstant<T>(at: Date, work: () => Promise<T>): Promise<T> {
  const restore = setClock(at, { frozen: true });
  try {
    return await work();
  } finally {
    restore();
  }
}
