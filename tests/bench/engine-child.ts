// The embedded engine at scale, one job per process: "--mode generate" writes a responses.db of
// thirty-answer responses; "--mode open", in a fresh process, times the cold start and a big find.
import fs from 'node:fs';
import path from 'node:path';
import { allCollections } from '../../server/collections';
import { testConfig } from '../../server/config';
import { responsesCollection, type StoredResponse } from '../../server/responses/data';
import { defineCollection, newId } from '../../server/store';
import { openEmbeddedStore } from '../../server/store/embedded';
import { readInstrumentFiles } from '../../server/surveys/files';
import { seededRandom, syntheticAnswers } from '../../seeds/synthetic';
import { argument, failInChild } from './child';

const answersPerResponse = 30;
/** The built-in instrument whose synthetic answer sets (35+ answers) give the 30 answers. */
const answerSource = 'teacher-deficit';
/** Distinct answer sets, cycled: drawing 200 000 of them would cost more time than it tells. */
const answerPoolSize = 1_000;
const schoolsPerCampaign = 10;
const linesPerWrite = 5_000;

function answerPool(): Record<string, unknown>[] {
  const instrument = readInstrumentFiles(testConfig().surveysDir).find((c) => c.instrument.id === answerSource);
  if (!instrument) throw new Error(`no built-in instrument "${answerSource}"`);
  const random = seededRandom(7);
  return Array.from({ length: answerPoolSize }, (_, i) => {
    const entries = Object.entries(syntheticAnswers(instrument.questions, random, (i % 10) / 10));
    if (entries.length < answersPerResponse) throw new Error(`${answerSource} gave only ${entries.length} answers`);
    return Object.fromEntries(entries.slice(0, answersPerResponse));
  });
}

/**
 * Writes responses.db directly in NeDB's on-disk format (one JSON document per line, string _id):
 * going through the store would validate each document with mongoose, minutes at this size.
 * Responses are dealt round-robin to the campaigns, so each holds total / campaigns of them.
 */
function generate(dataDir: string, total: number, campaigns: number) {
  const started = performance.now();
  const pool = answerPool();
  const campaignIds = Array.from({ length: campaigns }, () => newId());
  const schoolIds = Array.from({ length: campaigns * schoolsPerCampaign }, () => newId());
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, `${responsesCollection.name}.db`);
  const fd = fs.openSync(file, 'w');
  try {
    for (let start = 0; start < total; start += linesPerWrite) {
      const lines: string[] = [];
      for (let i = start; i < Math.min(total, start + linesPerWrite); i++) {
        const c = i % campaigns;
        const doc: StoredResponse = {
          _id: newId(),
          campaignId: campaignIds[c],
          schoolId: schoolIds[c * schoolsPerCampaign + (i % schoolsPerCampaign)],
          instrumentId: answerSource,
          instrumentVersion: 1,
          respondentType: 'teacher',
          day: `2026-10-${String(1 + (i % 28)).padStart(2, '0')}`,
          answers: pool[i % pool.length],
        };
        lines.push(JSON.stringify(doc));
      }
      fs.writeSync(fd, lines.join('\n') + '\n');
    }
  } finally {
    fs.closeSync(fd);
  }
  return { type: 'generated', campaignId: campaignIds[0], bytes: fs.statSync(file).size, ms: performance.now() - started };
}

/** Cold start (NeDB load + indexes + models) and one find that returns a fifth of the responses. */
async function open(dataDir: string, campaignId: string) {
  // What the process holds before any data (node, tsx, mongoose, mingo, NeDB loaded).
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const store = await openEmbeddedStore({ dataDir, collections: allCollections });
  const coldStartMs = performance.now() - started;
  const afterOpen = process.memoryUsage();
  // The heap right after loading still holds the parse garbage; a full GC shows what stays.
  globalThis.gc?.();
  const heapRetained = process.memoryUsage().heapUsed;

  // The same documents streamed (an export's read): what the stream holds at its largest, taken
  // after a full GC at the end of each batch, against what holding find()'s answer holds.
  let streamed = 0;
  let streamPeak = 0;
  const streamStarted = performance.now();
  for await (const _doc of store.collection(responsesCollection).stream({ campaignId }, { batchSize: 500 })) {
    if (++streamed % 500 === 0) {
      globalThis.gc?.();
      streamPeak = Math.max(streamPeak, process.memoryUsage().heapUsed - heapRetained);
    }
  }
  const streamMs = performance.now() - streamStarted;
  globalThis.gc?.();

  const findStarted = performance.now();
  const found = await store.collection(responsesCollection).find({ campaignId });
  const findMs = performance.now() - findStarted;
  const rssAfterFind = process.memoryUsage().rss;
  globalThis.gc?.();
  const findHeld = process.memoryUsage().heapUsed - heapRetained;
  await store.close();
  return {
    type: 'opened',
    rssBefore,
    coldStartMs,
    rss: afterOpen.rss,
    heapUsed: afterOpen.heapUsed,
    heapRetained,
    findMs,
    found: found.length,
    rssAfterFind,
    streamed,
    streamMs,
    streamPeak,
    findHeld,
  };
}

/** Rollup counters as analytics keeps them: one per school and indicator, $inc'ed as responses arrive. */
const counters = defineCollection<{ key: string; n: number; sum: number }>(
  'bench_counters',
  { key: { type: String, required: true }, n: { type: Number }, sum: { type: Number } },
  [{ fields: { key: 1 }, unique: true }],
);
const countersKept = 200;
const incsPerCall = 10;
const compactionIntervalMs = 200;

/**
 * `total` $inc upserts on 200 counters, ten per bulkUpdate (one response's rollup), with compaction
 * every 200 ms; then the counters file's size once one more compaction interval has passed.
 */
async function incrementCounters(dataDir: string, total: number) {
  fs.mkdirSync(dataDir, { recursive: true });
  const store = await openEmbeddedStore({ dataDir, collections: [counters] as never });
  const collection = store.collection(counters);
  const file = path.join(dataDir, `${counters.name}.db`);
  let largest = 0;
  const started = performance.now();
  for (let done = 0; done < total; done += incsPerCall) {
    const operations = Array.from({ length: Math.min(incsPerCall, total - done) }, (_, i) => ({
      filter: { key: `k${(done + i) % countersKept}` },
      update: { $inc: { n: 1, sum: (done + i) % 5 } },
      upsert: true,
    }));
    await collection.bulkUpdate(operations);
    if (done % 1000 === 0) largest = Math.max(largest, fs.statSync(file).size);
  }
  const ms = performance.now() - started;
  const bytesBeforeCompaction = fs.statSync(file).size;
  await new Promise((resolve) => setTimeout(resolve, compactionIntervalMs * 3));
  const bytes = fs.statSync(file).size;
  const kept = await collection.countDocuments();
  await store.close();
  return { type: 'counted', incs: total, counters: kept, ms, bytes, largest: Math.max(largest, bytesBeforeCompaction) };
}

async function main() {
  const dataDir = argument('data-dir');
  const mode = argument('mode');
  const result =
    mode === 'generate'
      ? generate(dataDir, Number(argument('total')), Number(argument('campaigns')))
      : mode === 'counters'
        ? await incrementCounters(dataDir, Number(argument('total')))
        : await open(dataDir, argument('campaign-id'));
  process.send!(result, () => process.exit(0));
}

main().catch(failInChild);
