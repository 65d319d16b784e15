// The results API at two sizes in one store: a campaign with 1 000 responses and one with
// 100 000 (quick: 10 000). Results are read from rollups, so the larger campaign must answer in
// at most twice the time of the smaller one (the ratio of median latencies, target ≤ 2).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { rebuildRollups } from '../../server/analytics/rollups';
import { createApp } from '../../server/app';
import { campaignsCollection } from '../../server/campaigns/data';
import { allCollections } from '../../server/collections';
import { testConfig } from '../../server/config';
import { responsesCollection, type StoredResponse } from '../../server/responses/data';
import { schoolsCollection } from '../../server/schools/data';
import { newId, type Store } from '../../server/store';
import { openEmbeddedStore } from '../../server/store/embedded';
import { getInstrument, registerBuiltinInstruments } from '../../server/surveys/catalogue';
import { readInstrumentFiles } from '../../server/surveys/files';
import { clusterSchools } from '../../seeds/schools';
import { seededRandom, syntheticAnswers } from '../../seeds/synthetic';
import { formatInt, seconds } from './format';
import { insertRowsDirectly } from './direct-rows';

const resultsRatioTarget = 2;
const instrumentId = 'parent-survey';
const adminToken = 'bench-results-admin-token-000';
const answerPoolSize = 1_000;

export interface ResultsBenchResult {
  small: number;
  large: number;
  smallMs: number;
  largeMs: number;
  ratio: number;
  rebuildMs: number;
  requests: number;
  /** The analytic report (PDF, from rollups too): medians at both sizes and their ratio. */
  report: { smallMs: number; largeMs: number; ratio: number; requests: number };
  /** The export of every response of the large campaign (CSV, shuffled): one request. */
  exportLargeMs: number;
  exportBytes: number;
}

async function setUp(store: Store, sizes: number[]): Promise<string[]> {
  await registerBuiltinInstruments(store, readInstrumentFiles(testConfig().surveysDir));
  const schools = await store.collection(schoolsCollection).insertMany(clusterSchools);
  const compiled = await getInstrument(store, instrumentId);
  const ids: string[] = [];
  for (const [i, size] of sizes.entries()) {
    const campaign = await store.collection(campaignsCollection).insertOne({
      title: { default: `Bench ${size}`, en: `Bench ${size}` },
      instrumentId,
      instrumentVersion: compiled.instrument.version,
      schoolIds: schools.map((s) => s._id),
      status: 'closed',
      opensOn: `202${i}-09-01`,
      closesOn: `202${i}-10-01`,
      demo: false,
      createdAt: new Date(),
    });
    ids.push(campaign._id);
  }
  return ids;
}

/** Writes the responses straight into the engine's table (tests/bench/direct-rows.ts), the store closed meanwhile. */
async function writeResponses(dataDir: string, store: Store, campaignIds: string[], sizes: number[]) {
  const compiled = await getInstrument(store, instrumentId);
  const schoolIds = (await store.collection(schoolsCollection).find({})).map((s) => s._id);
  await store.close();
  const random = seededRandom(11);
  const pool = Array.from({ length: answerPoolSize }, (_, i) => syntheticAnswers(compiled.questions, random, (i % 10) / 10));
  for (const [c, size] of sizes.entries()) {
    insertRowsDirectly(dataDir, responsesCollection.name, size, (i): StoredResponse => ({
      _id: newId(),
      campaignId: campaignIds[c],
      schoolId: schoolIds[i % schoolIds.length],
      instrumentId,
      instrumentVersion: compiled.instrument.version,
      respondentType: 'parent',
      day: `202${c}-09-${String(1 + (i % 28)).padStart(2, '0')}`,
      answers: pool[i % pool.length],
    }));
  }
}

function get(baseUrl: string, urlPath: string, sized?: { bytes: number }): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    http
      .get(`${baseUrl}${urlPath}`, { headers: { Authorization: `Bearer ${adminToken}` } }, (res) => {
        res.on('data', (chunk: Buffer) => sized && (sized.bytes += chunk.length));
        res.on('end', () =>
          res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`GET ${urlPath}: ${res.statusCode}`)),
        );
      })
      .on('error', reject);
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export async function measureResults(quick: boolean): Promise<ResultsBenchResult> {
  // A first, small campaign is the "previous campaign" of the 1 000 one, as that one is of the
  // large one: both measured requests then read two campaigns' rollups.
  const sizes = [100, 1_000, quick ? 10_000 : 100_000];
  const requests = quick ? 20 : 50;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mera-bench-results-'));
  try {
    let store = await openEmbeddedStore({ dataDir, collections: allCollections });
    const campaignIds = await setUp(store, sizes);
    await store.close();
    // The instrument and schools read through a store, which is closed before the rows go in.
    await writeResponses(dataDir, await openEmbeddedStore({ dataDir, collections: allCollections }), campaignIds, sizes);
    console.log(`Loading ${formatInt(sizes[0] + sizes[1] + sizes[2])} parent responses and rebuilding the rollups ...`);
    store = await openEmbeddedStore({ dataDir, collections: allCollections });
    const rebuildStarted = performance.now();
    await rebuildRollups(store);
    const rebuildMs = performance.now() - rebuildStarted;
    console.log(`  rollups rebuilt in ${seconds(rebuildMs)}`);

    const app = createApp({ config: testConfig({ dataDir, adminToken }), store });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const measured = campaignIds.slice(1);
      const times: number[][] = [[], []];
      for (let round = 0; round < 5; round++) for (const id of measured) await get(baseUrl, `/api/results/campaigns/${id}`);
      // Alternating, so drift in the machine's speed falls on both sizes alike.
      for (let round = 0; round < requests; round++) {
        for (const [c, id] of measured.entries()) times[c].push(await get(baseUrl, `/api/results/campaigns/${id}`));
      }
      const [smallMs, largeMs] = times.map(median);
      // The report reads the same rollups: its time must not grow with the responses either.
      const reportRequests = quick ? 5 : 11;
      const reportTimes: number[][] = [[], []];
      for (const id of measured) await get(baseUrl, `/api/results/campaigns/${id}/report.pdf`);
      for (let round = 0; round < reportRequests; round++) {
        for (const [c, id] of measured.entries()) reportTimes[c].push(await get(baseUrl, `/api/results/campaigns/${id}/report.pdf`));
      }
      const [reportSmall, reportLarge] = reportTimes.map(median);
      const sized = { bytes: 0 };
      const exportLargeMs = await get(baseUrl, `/api/results/campaigns/${measured[1]}/responses.csv`, sized);
      return {
        small: sizes[1],
        large: sizes[2],
        smallMs,
        largeMs,
        ratio: largeMs / smallMs,
        rebuildMs,
        requests,
        report: { smallMs: reportSmall, largeMs: reportLarge, ratio: reportLarge / reportSmall, requests: reportRequests },
        exportLargeMs,
        exportBytes: sized.bytes,
      };
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export function describeResults(r: ResultsBenchResult): string[] {
  return [
    `  GET /api/results/campaigns/:id, median of ${r.requests}: ${r.smallMs.toFixed(1)} ms at ${formatInt(r.small)} responses, ${r.largeMs.toFixed(1)} ms at ${formatInt(r.large)}`,
    `  large/small = ${r.ratio.toFixed(2)} (target ≤ ${resultsRatioTarget}): ${r.ratio <= resultsRatioTarget ? 'met' : 'TARGET MISSED'}`,
    `  GET …/report.pdf, median of ${r.report.requests}: ${r.report.smallMs.toFixed(1)} ms at ${formatInt(r.small)}, ${r.report.largeMs.toFixed(1)} ms at ${formatInt(r.large)}: large/small = ${r.report.ratio.toFixed(2)} (target ≤ ${resultsRatioTarget}): ${r.report.ratio <= resultsRatioTarget ? 'met' : 'TARGET MISSED'}`,
    `  GET …/responses.csv of all ${formatInt(r.large)} responses (shuffled, once): ${seconds(r.exportLargeMs)}, ${(r.exportBytes / 1e6).toFixed(1)} MB`,
  ];
}
