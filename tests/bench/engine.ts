// The embedded engine (SQLite) at scale: a database of thirty-answer responses generated in one
// child process, then opened in a fresh one, so its memory holds nothing but the open store.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Child, Message } from './child';
import { formatInt, kilobytes, megabytes, seconds } from './format';

/** Each campaign holds this many responses: the read asks for one of them. */
const perCampaign = 40_000;
const generateTimeoutMs = 1_200_000;
const openTimeoutMs = 150_000;

interface Generated extends Message {
  campaignId: string;
  bytes: number;
  ms: number;
}

export interface EngineResult {
  responses: number;
  fileBytes: number;
  generateMs: number;
  rssBefore: number;
  openMs: number;
  rss: number;
  found: number;
  readMs: number;
  rssAfterRead: number;
  streamed: number;
  streamMs: number;
  /** The most heap the stream held (after a full GC at each batch's end). */
  streamPeak: number;
}

type Opened = Message & Omit<EngineResult, 'responses' | 'fileBytes' | 'generateMs'>;

async function runChild<T extends Message>(args: string[], reply: string, timeoutMs: number, nodeFlags: string[] = []): Promise<T> {
  const child = new Child('engine-child.ts', args, nodeFlags);
  try {
    return await child.next<T>(reply, timeoutMs);
  } finally {
    await child.stop();
  }
}

function withDataDir<R>(prefix: string, work: (dataDir: string) => Promise<R>): Promise<R> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return work(dataDir).finally(() => fs.rmSync(dataDir, { recursive: true, force: true }));
}

export function measureEngine(responses: number): Promise<EngineResult> {
  const campaigns = Math.max(1, Math.round(responses / perCampaign));
  return withDataDir('mera-bench-engine-', async (dataDir) => {
    console.log(`Generating ${formatInt(responses)} thirty-answer responses (${campaigns} campaigns) in a child process ...`);
    const generated = await runChild<Generated>(
      ['--mode', 'generate', '--data-dir', dataDir, '--total', String(responses), '--campaigns', String(campaigns)],
      'generated',
      generateTimeoutMs,
    );
    console.log(`  database: ${megabytes(generated.bytes)}, written in ${seconds(generated.ms)}`);
    const opened = await runChild<Opened>(
      ['--mode', 'open', '--data-dir', dataDir, '--campaign-id', generated.campaignId],
      'opened',
      openTimeoutMs,
      ['--expose-gc'],
    );
    const { type: _type, ...measured } = opened;
    return { responses, fileBytes: generated.bytes, generateMs: generated.ms, ...measured };
  });
}

/** The line the issue asks for, in exactly this form. */
export function engineLine(r: EngineResult): string {
  return `engine: ${formatInt(r.responses)} responses: open ${(r.openMs / 1000).toFixed(2)} s, RSS ${formatInt(r.rss / 1024 / 1024)} MB, read ${formatInt(r.found)} ${(r.readMs / 1000).toFixed(2)} s`;
}

export function describeEngine(r: EngineResult): string[] {
  return [
    `  database ${megabytes(r.fileBytes)}; RSS ${megabytes(r.rssBefore)} before the open (code loaded), ${megabytes(r.rssAfterRead)} after the read`,
    `  stream of the same ${formatInt(r.streamed)} responses in batches of 500: ${seconds(r.streamMs)}, holding at most ${megabytes(r.streamPeak)} of heap (after a full GC every 5 000)`,
  ];
}

export interface CountersResult {
  incs: number;
  counters: number;
  ms: number;
  /** The database file once the store is closed (its WAL folded in). */
  bytes: number;
  /** The largest size seen during the run, database and WAL together. */
  largest: number;
}

/** File size of rollup counters after many $inc: an update rewrites its row in place. */
export function measureCounters(incs: number): Promise<CountersResult> {
  return withDataDir('mera-bench-counters-', async (dataDir) => {
    console.log(`${formatInt(incs)} $inc on 200 rollup counters (bulkUpdate, ten at a time) in a child process ...`);
    const { type: _type, ...r } = await runChild<Message & CountersResult>(
      ['--mode', 'counters', '--data-dir', dataDir, '--total', String(incs)],
      'counted',
      generateTimeoutMs,
    );
    return r;
  });
}

export function describeCounters(r: CountersResult): string[] {
  return [
    `  ${formatInt(r.incs)} $inc in ${seconds(r.ms)} (${formatInt((r.incs / r.ms) * 1000)} $inc/s)`,
    `  database file after ${formatInt(r.incs)} $inc: ${kilobytes(r.bytes)} for ${formatInt(r.counters)} counters; at most ${kilobytes(r.largest)} with its WAL during the run`,
  ];
}

export interface SynchronousResult {
  inserts: number;
  normalMs: number;
  fullMs: number;
}

/** What synchronous=FULL costs an acknowledged insert against the default NORMAL. */
export async function measureSynchronous(inserts: number): Promise<SynchronousResult> {
  const time = (synchronous: string) =>
    withDataDir('mera-bench-sync-', async (dataDir) => {
      const r = await runChild<Message & { ms: number }>(
        ['--mode', 'inserts', '--data-dir', dataDir, '--total', String(inserts), '--synchronous', synchronous],
        'inserted',
        generateTimeoutMs,
      );
      return r.ms;
    });
  return { inserts, normalMs: await time('normal'), fullMs: await time('full') };
}

export function describeSynchronous(r: SynchronousResult): string[] {
  const each = (ms: number) => `${((ms / r.inserts) * 1000).toFixed(0)} µs`;
  return [
    `  ${formatInt(r.inserts)} acknowledged inserts one after another: synchronous=NORMAL (default) ${each(r.normalMs)} each, FULL ${each(r.fullMs)} each (×${(r.fullMs / r.normalMs).toFixed(1)})`,
  ];
}
