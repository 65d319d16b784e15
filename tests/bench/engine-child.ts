// The embedded engine at scale, one job per process: "--mode generate" fills a database with
// thirty-answer responses; "--mode open", in a fresh process, times the open and a read of one
// campaign's 40 000 responses; "--mode counters" $incs rollup counters; "--mode inserts" times
// acknowledged inserts with synchronous=NORMAL or FULL.
import fs from 'node:fs';
import path from 'node:path';
import { allCollections } from '../../server/collections';
import { testConfig } from '../../server/config';
import { responsesCollection, type StoredResponse } from '../../server/responses/data';
import { defineCollection, newId } from '../../server/store';
import { databaseFileName, openEmbeddedStore } from '../../server/store/embedded';
import { readInstrumentFiles } from '../../server/surveys/files';
import { seededRandom, syntheticAnswers } from '../../seeds/synthetic';
import { argument, failInChild } from './child';
import { insertRowsDirectly } from './direct-rows';

const answersPerResponse = 30;
/** The built-in instrument whose synthetic answer sets (35+ answers) give the 30 answers. */
const answerSource = 'teacher-deficit';
/** Distinct answer sets, cycled: drawing a million of them would cost more time than it tells. */
const answerPoolSize = 1_000;
const schoolsPerCampaign = 10;

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

const fileSize = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : 0);

function response(i: number, campaignIds: string[], schoolIds: string[], pool: Record<string, unknown>[]): StoredResponse {
  const c = i % campaignIds.length;
  return {
    _id: newId(),
    campaignId: campaignIds[c],
    schoolId: schoolIds[c * schoolsPerCampaign + (i % schoolsPerCampaign)],
    instrumentId: answerSource,
    instrumentVersion: 1,
    respondentType: 'teacher',
    day: `2026-10-${String(1 + (i % 28)).padStart(2, '0')}`,
    answers: pool[i % pool.length],
  };
}

/** The store makes the tables and indexes; the responses go straight in (direct-rows.ts), dealt round-robin to the campaigns. */
async function generate(dataDir: string, total: number, campaigns: number) {
  const started = performance.now();
  await (await openEmbeddedStore({ dataDir, collections: allCollections })).close();
  const pool = answerPool();
  const campaignIds = Array.from({ length: campaigns }, () => newId());
  const schoolIds = Array.from({ length: campaigns * schoolsPerCampaign }, () => newId());
  insertRowsDirectly(dataDir, responsesCollection.name, total, (i) => response(i, campaignIds, schoolIds, pool));
  const bytes = fileSize(path.join(dataDir, databaseFileName)) + fileSize(path.join(dataDir, `${databaseFileName}-wal`));
  return { type: 'generated', campaignId: campaignIds[0], bytes, ms: performance.now() - started };
}

/** Open (as Mera starts: every collection) and one find that returns one campaign's responses. */
async function open(dataDir: string, campaignId: string) {
  // What the process holds before any data (node, tsx, mongoose, mingo, better-sqlite3 loaded).
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const store = await openEmbeddedStore({ dataDir, collections: allCollections });
  const openMs = performance.now() - started;
  const rss = process.memoryUsage().rss;

  const readStarted = performance.now();
  const found = await store.collection(responsesCollection).find({ campaignId });
  const readMs = performance.now() - readStarted;
  const rssAfterRead = process.memoryUsage().rss;

  // The same documents streamed (an export's read): the most heap it holds, after a full GC every ten batches.
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let streamed = 0;
  let streamPeak = 0;
  const streamStarted = performance.now();
  for await (const _doc of store.collection(responsesCollection).stream({ campaignId }, { batchSize: 500 })) {
    if (++streamed % 5000 === 0) {
      globalThis.gc?.();
      streamPeak = Math.max(streamPeak, process.memoryUsage().heapUsed - heapBefore);
    }
  }
  const streamMs = performance.now() - streamStarted;
  await store.close();
  return { type: 'opened', rssBefore, openMs, rss, found: found.length, readMs, rssAfterRead, streamed, streamMs, streamPeak };
}

/** Rollup counters as analytics keeps them: one per school and indicator, $inc'ed as responses arrive. */
const counters = defineCollection<{ key: string; n: number; sum: number }>(
  'bench_counters',
  { key: { type: String, required: true }, n: { type: Number }, sum: { type: Number } },
  [{ fields: { key: 1 }, unique: true }],
);
const countersKept = 200;
const incsPerCall = 10;

/** `total` $inc upserts on 200 counters, ten per bulkUpdate (one response's rollup); the database's size after. */
async function incrementCounters(dataDir: string, total: number) {
  fs.mkdirSync(dataDir, { recursive: true });
  const store = await openEmbeddedStore({ dataDir, collections: [counters] as never });
  const collection = store.collection(counters);
  const file = path.join(dataDir, databaseFileName);
  let largest = 0;
  const started = performance.now();
  for (let done = 0; done < total; done += incsPerCall) {
    const operations = Array.from({ length: Math.min(incsPerCall, total - done) }, (_, i) => ({
      filter: { key: `k${(done + i) % countersKept}` },
      update: { $inc: { n: 1, sum: (done + i) % 5 } },
      upsert: true,
    }));
    await collection.bulkUpdate(operations);
    if (done % 1000 === 0) largest = Math.max(largest, fileSize(file) + fileSize(`${file}-wal`));
  }
  const ms = performance.now() - started;
  const kept = await collection.countDocuments();
  await store.close();
  return { type: 'counted', incs: total, counters: kept, ms, bytes: fileSize(file), largest };
}

/** `total` inserts of a thirty-answer response, each awaited (acknowledged) before the next. */
async function timeInserts(dataDir: string, total: number, synchronous: 'normal' | 'full') {
  const store = await openEmbeddedStore({ dataDir, collections: allCollections, synchronous });
  const pool = answerPool();
  const ids = [newId()];
  const schools = Array.from({ length: schoolsPerCampaign }, () => newId());
  const responses = store.collection(responsesCollection);
  const started = performance.now();
  for (let i = 0; i < total; i++) await responses.insertOne(response(i, ids, schools, pool));
  const ms = performance.now() - started;
  await store.close();
  return { type: 'inserted', synchronous, total, ms };
}

async function main() {
  const dataDir = argument('data-dir');
  const mode = argument('mode');
  const result =
    mode === 'generate'
      ? await generate(dataDir, Number(argument('total')), Number(argument('campaigns')))
      : mode === 'counters'
        ? await incrementCounters(dataDir, Number(argument('total')))
        : mode === 'inserts'
          ? await timeInserts(dataDir, Number(argument('total')), argument('synchronous') === 'full' ? 'full' : 'normal')
          : await open(dataDir, argument('campaign-id'));
  process.send!(result, () => process.exit(0));
}

main().catch(failInChild);
