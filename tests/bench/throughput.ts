// Submission throughput: the real Mera app against a bare Express echo, each in its own child
// process, both driven by the same autocannon settings from this process, in the same run.
import autocannon from 'autocannon';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Child, Message } from './child';
import { formatInt } from './format';

export interface LoadSettings {
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  /** Echo and Mera measured this many times, taking turns; the ratio reported is the median. */
  rounds: number;
}

export interface LoadResult {
  rps: number;
  /** Requests written, answered or not: the ones in flight when the run ended are cut off. */
  sent: number;
  total2xx: number;
  non2xx: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  /**
   * The server's CPU time per request sent (all its threads): steadier than requests/s on a shared
   * machine, whose speed drifts; the ratio of the two servers' figures says where the time goes.
   */
  cpuMicrosPerRequest: number;
}

export interface ThroughputRound {
  echo: LoadResult;
  mera: LoadResult;
  ratio: number;
  /** Responses the store gained during Mera's measured run: every 2xx, plus requests cut off in flight. */
  storedDuringRun: number;
}

export interface ThroughputResult {
  rounds: ThroughputRound[];
  /** The median of the rounds' Mera/echo ratios. */
  ratio: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const startupTimeoutMs = 60_000;
/**
 * autocannon stops with up to one request per connection in flight; the server still stores
 * those. Counting after this pause (and before the run, after the warm-up) keeps them apart.
 */
const settleMs = 500;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** For the few single requests of the setup: a stuck server fails the run, it does not hang it. */
const requestTimeout = () => AbortSignal.timeout(10_000);

interface Target {
  child: Child;
  url: string;
  body: string;
}

async function cpuMicros(target: Target): Promise<number> {
  return (await target.child.ask<Message & { micros: number }>('cpu', 30_000)).micros;
}

/** Runs autocannon once against a target; the warm-up run uses the same call with a shorter duration. */
async function load(target: Target, connections: number, duration: number): Promise<LoadResult> {
  const cpuBefore = await cpuMicros(target);
  const result = await autocannon({
    url: target.url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: target.body,
    connections,
    duration,
    pipelining: 1,
  });
  const cpu = (await cpuMicros(target)) - cpuBefore;
  return {
    rps: result.requests.average,
    sent: result.requests.sent,
    total2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    cpuMicrosPerRequest: result.requests.sent ? cpu / result.requests.sent : 0,
  };
}

/** An open parent-survey link's token, read the way a newcomer finds it: from GET /api/demo. */
async function openParentToken(base: string): Promise<string> {
  const demo = (await (await fetch(`${base}/api/demo`, { signal: requestTimeout() })).json()) as {
    campaigns: { instrumentId: string; status: string; links: { path: string }[] }[];
  };
  const campaign = demo.campaigns.find((c) => c.instrumentId === 'parent-survey' && c.status === 'open');
  const linkPath = campaign?.links[0]?.path;
  if (!linkPath) throw new Error('GET /api/demo lists no open parent-survey campaign with a link');
  return linkPath.replace(/^\/s\//, '');
}

/** One POST before the load, so a broken setup shows as a clear error and not as 0 rps. */
async function checkOnce(target: Target, expected: number): Promise<void> {
  const res = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: target.body,
    signal: requestTimeout(),
  });
  if (res.status !== expected) throw new Error(`POST ${target.url} answered ${res.status}, not ${expected}: ${await res.text()}`);
}

async function prepareMera(child: Child): Promise<Target & { answers: unknown }> {
  const ready = await child.next<Message & { port: number; answers: unknown }>('ready', startupTimeoutMs);
  const base = `http://127.0.0.1:${ready.port}`;
  const token = await openParentToken(base);
  const target = {
    child,
    url: `${base}/api/links/${token}/responses`,
    body: JSON.stringify({ answers: ready.answers }),
    answers: ready.answers,
  };
  await checkOnce(target, 201);
  return target;
}

async function prepareEcho(child: Child, body: string): Promise<Target> {
  const ready = await child.next<Message & { port: number }>('ready', startupTimeoutMs);
  // Same path shape as Mera's, so routing costs the same; the token is not looked at.
  const target = { child, url: `http://127.0.0.1:${ready.port}/api/links/x/responses`, body };
  await checkOnce(target, 200);
  return target;
}

async function storedCount(target: Target): Promise<number> {
  await pause(settleMs);
  return (await target.child.ask<Message & { value: number }>('count', 30_000)).value;
}

function describe(name: string, r: LoadResult): string {
  return (
    `  ${name.padEnd(5)} ${formatInt(r.rps).padStart(8)} req/s   p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms   ` +
    `2xx ${formatInt(r.total2xx)}, non-2xx ${r.non2xx}, errors ${r.errors}   CPU ${formatInt(r.cpuMicrosPerRequest)} µs/request`
  );
}

export async function measureThroughput(settings: LoadSettings): Promise<ThroughputResult> {
  const { connections, warmupSeconds, durationSeconds, rounds } = settings;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mera-bench-app-'));
  const children: Child[] = [];
  const spawn = (args: string[]) => {
    const child = new Child('server-child.ts', args);
    children.push(child);
    return child;
  };
  try {
    console.log('Setting up: Mera with the demo seed, then the bare echo ...');
    const mera = await prepareMera(spawn(['--mode', 'mera', '--data-dir', dataDir]));
    const echo = await prepareEcho(spawn(['--mode', 'echo']), mera.body);
    console.log(
      `  body: ${mera.body.length} bytes of JSON (${Object.keys(mera.answers as object).length} parent-survey answers); POST checked: Mera 201, echo 200`,
    );
    console.log(
      `Load: autocannon, ${connections} connections, ${warmupSeconds} s warm-up (discarded) + ${durationSeconds} s measured, ` +
        `each server, ${rounds} round${rounds > 1 ? 's' : ''} taking turns (this machine's speed drifts; the median ratio counts)`,
    );

    const measureEcho = async () => {
      await load(echo, connections, warmupSeconds);
      return load(echo, connections, durationSeconds);
    };
    const measureMera = async () => {
      await load(mera, connections, warmupSeconds);
      const before = await storedCount(mera);
      const result = await load(mera, connections, durationSeconds);
      return { result, stored: (await storedCount(mera)) - before };
    };
    const results: ThroughputRound[] = [];
    for (let round = 1; round <= rounds; round++) {
      // Alternate who goes first, so a drift in the machine's speed does not favour one side.
      let echoResult: LoadResult;
      let meraRun: { result: LoadResult; stored: number };
      if (round % 2 === 1) {
        echoResult = await measureEcho();
        meraRun = await measureMera();
      } else {
        meraRun = await measureMera();
        echoResult = await measureEcho();
      }
      const ratio = meraRun.result.rps / echoResult.rps;
      if (rounds > 1) console.log(`  round ${round}: Mera/echo ${ratio.toFixed(3)}`);
      console.log(describe('echo', echoResult));
      console.log(describe('Mera', meraRun.result));
      results.push({ echo: echoResult, mera: meraRun.result, ratio, storedDuringRun: meraRun.stored });
    }
    return { rounds: results, ratio: median(results.map((r) => r.ratio)) };
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
