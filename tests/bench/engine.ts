// The embedded engine's cold start and memory with a large responses collection: generated in
// one child process, then opened in a fresh one so its memory holds nothing but the open store.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Child, Message } from './child';
import { formatInt, kilobytes, megabytes, seconds } from './format';

/** Responses are spread over this many campaigns; the find asks for one of them (a fifth). */
const campaigns = 5;
const generateTimeoutMs = 120_000;
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
  coldStartMs: number;
  rss: number;
  heapUsed: number;
  heapRetained: number;
  findMs: number;
  found: number;
  rssAfterFind: number;
  streamed: number;
  streamMs: number;
  /** The most heap the stream held (after a full GC at each batch's end), above the heap retained after opening. */
  streamPeak: number;
  /** The heap find()'s answer holds, above the heap retained after opening. */
  findHeld: number;
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

export async function measureEngine(responses: number): Promise<EngineResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mera-bench-engine-'));
  try {
    console.log(`Generating ${formatInt(responses)} thirty-answer responses (${campaigns} campaigns) in a child process ...`);
    const generated = await runChild<Generated>(
      ['--mode', 'generate', '--data-dir', dataDir, '--total', String(responses), '--campaigns', String(campaigns)],
      'generated',
      generateTimeoutMs,
    );
    console.log(`  responses.db: ${megabytes(generated.bytes)}, written in ${seconds(generated.ms)}`);

    console.log('Opening it in a fresh child process ...');
    const opened = await runChild<Opened>(
      ['--mode', 'open', '--data-dir', dataDir, '--campaign-id', generated.campaignId],
      'opened',
      openTimeoutMs,
      ['--expose-gc'],
    );
    const { type: _type, ...measured } = opened;
    return { responses, fileBytes: generated.bytes, generateMs: generated.ms, ...measured };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export interface CountersResult {
  incs: number;
  counters: number;
  ms: number;
  /** The counters file after the run and one more compaction interval. */
  bytes: number;
  /** The largest size seen during the run. */
  largest: number;
}

/** File size of rollup counters after many $inc (compaction keeps it near the live documents' size). */
export async function measureCounters(incs: number): Promise<CountersResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mera-bench-counters-'));
  try {
    console.log(`${formatInt(incs)} $inc on 200 rollup counters (bulkUpdate, ten at a time) in a child process ...`);
    const { type: _type, ...r } = await runChild<Message & CountersResult>(
      ['--mode', 'counters', '--data-dir', dataDir, '--total', String(incs)],
      'counted',
      generateTimeoutMs,
    );
    return r;
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export function describeCounters(r: CountersResult): string[] {
  return [
    `  ${formatInt(r.incs)} $inc in ${seconds(r.ms)} (${formatInt((r.incs / r.ms) * 1000)} $inc/s)`,
    `  counters file: ${kilobytes(r.bytes)} for ${formatInt(r.counters)} counters after compaction; at most ${kilobytes(r.largest)} during the run`,
  ];
}

export function describeEngine(r: EngineResult): string[] {
  return [
    `  cold start (openEmbeddedStore: load + index): ${seconds(r.coldStartMs)}`,
    `  after open: RSS ${megabytes(r.rss)} (${megabytes(r.rssBefore)} before it, code loaded), heapUsed ${megabytes(r.heapUsed)} (${megabytes(r.heapRetained)} after a full GC)`,
    `  find({ campaignId }) returning ${formatInt(r.found)} documents: ${seconds(r.findMs)} (RSS afterwards ${megabytes(r.rssAfterFind)}; its answer holds ${megabytes(r.findHeld)} of heap)`,
    `  stream({ campaignId }) of the same ${formatInt(r.streamed)} documents in batches of 500: ${seconds(r.streamMs)} (a full GC after each batch), holding at most ${megabytes(r.streamPeak)} of heap`,
  ];
}
