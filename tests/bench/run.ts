// `npm run bench`: submission throughput against a bare Express echo, then the embedded engine's
// open, memory and a read at 200 000 and 1 000 000 responses; a summary table last. `--quick` for a
// fast try; `--engine-only` for the engine's parts alone (one line per size, the counters, FULL's cost).
import os from 'node:os';
import {
  describeCounters,
  describeEngine,
  describeSynchronous,
  engineLine,
  measureCounters,
  measureEngine,
  measureSynchronous,
  type CountersResult,
  type EngineResult,
} from './engine';
import { describeResults, measureResults } from './results';
import { formatInt, kilobytes, megabytes, type Row, seconds, table } from './format';
import { describePage, measurePage } from './page';
import { measureThroughput, type LoadSettings, type ThroughputResult, type ThroughputRound } from './throughput';

/** Mera must keep at least half the requests/s of an Express app that does nothing. */
const ratioTarget = 0.5;

interface Plan {
  load: LoadSettings;
  /** Database sizes for the engine, each generated once and opened in a fresh process. */
  sizes: number[];
  incs: number;
}

/** Targets at 1 000 000 responses. */
const openTargetMs = 1000;
const rssTargetBytes = 250 * 1024 * 1024;

function plan(quick: boolean): Plan {
  return quick
    ? { load: { connections: 20, warmupSeconds: 1, durationSeconds: 3, rounds: 1 }, sizes: [20_000], incs: 10_000 }
    : { load: { connections: 20, warmupSeconds: 2, durationSeconds: 8, rounds: 3 }, sizes: [200_000, 1_000_000], incs: 100_000 };
}

function ratioVerdict(ratio: number): string {
  return ratio >= ratioTarget ? 'met' : 'TARGET MISSED';
}

/** Requests autocannon wrote but never saw answered: cut off in flight when the run ended. */
function cutOff(r: ThroughputRound): number {
  return r.mera.sent - r.mera.total2xx - r.mera.non2xx;
}

/** Every 2xx is stored, and nothing else is stored but the requests cut off in flight. */
function storedMatches(r: ThroughputRound): boolean {
  return r.storedDuringRun >= r.mera.total2xx && r.storedDuringRun - r.mera.total2xx <= cutOff(r);
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function throughputLines(t: ThroughputResult): string[] {
  const ratios = t.rounds.map((r) => r.ratio);
  const spread = t.rounds.length > 1 ? ` (median of ${t.rounds.length} rounds: ${ratios.map((r) => r.toFixed(3)).join(', ')})` : '';
  return [
    `  Mera/echo = ${t.ratio.toFixed(3)}${spread} (target ≥ ${ratioTarget}): ${ratioVerdict(t.ratio)}`,
    ...t.rounds.map((r, i) => {
      const extra = r.storedDuringRun - r.mera.total2xx;
      return (
        `  sanity${t.rounds.length > 1 ? `, round ${i + 1}` : ''}: stored responses +${formatInt(r.storedDuringRun)} during the run, autocannon saw ${formatInt(r.mera.total2xx)} 2xx` +
        (extra === 0 ? '' : ` (+${extra} of the ${cutOff(r)} requests cut off in flight at the end)`) +
        `: ${storedMatches(r) ? 'match' : 'MISMATCH'}`
      );
    }),
  ];
}

/** The engine at each size: the exact line, its details, and the verdict at 1 000 000. */
async function engineSection(sizes: number[]): Promise<EngineResult[]> {
  const results: EngineResult[] = [];
  for (const size of sizes) {
    const r = await measureEngine(size);
    results.push(r);
    console.log(engineLine(r));
    for (const line of describeEngine(r)) console.log(line);
    if (size === 1_000_000) {
      const met = r.openMs <= openTargetMs && r.rss <= rssTargetBytes;
      console.log(`  targets at 1 000 000: open ≤ 1 s, RSS ≤ 250 MB: ${met ? 'met' : 'TARGET MISSED'}`);
    }
  }
  return results;
}

function summary(t: ThroughputResult, engines: EngineResult[], c: CountersResult, cores: number): string {
  const perRound = (pick: (r: ThroughputRound) => number) => t.rounds.map((r) => formatInt(pick(r))).join(' / ');
  const rows: Row[] = [
    ['echo requests/s', perRound((r) => r.echo.rps), t.rounds.length > 1 ? 'each round' : ''],
    ['Mera requests/s', perRound((r) => r.mera.rps), t.rounds.length > 1 ? 'each round' : ''],
    ['Mera / echo', t.ratio.toFixed(3), `${t.rounds.length > 1 ? 'median; ' : ''}target ≥ ${ratioTarget}: ${ratioVerdict(t.ratio)}`],
    [
      'stored = 2xx',
      t.rounds.every(storedMatches) ? 'yes' : 'NO',
      `${formatInt(sum(t.rounds.map((r) => r.storedDuringRun)))} stored, ${formatInt(sum(t.rounds.map((r) => r.mera.total2xx)))} 2xx`,
    ],
    ...engines.flatMap((e): Row[] => [
      [`open, ${formatInt(e.responses)} responses`, seconds(e.openMs), `database ${megabytes(e.fileBytes)}`],
      [`RSS after open, ${formatInt(e.responses)}`, megabytes(e.rss)],
      [`read ${formatInt(e.found)} of ${formatInt(e.responses)}`, seconds(e.readMs)],
    ]),
    [
      `database after ${formatInt(c.incs)} $inc`,
      kilobytes(c.bytes),
      `${formatInt(c.counters)} counters; at most ${kilobytes(c.largest)} with its WAL during the run`,
    ],
  ];
  return `Summary (${cores} cores, Node ${process.version})\n${table(['metric', 'value', 'note'], rows)}`;
}

async function main() {
  const quick = process.argv.includes('--quick');
  const { load, sizes, incs } = plan(quick);
  const cores = os.cpus().length;
  const started = Date.now();
  if (process.argv.includes('--engine-only')) {
    await engineSection(sizes);
    console.log(`\nRollup counters: ${formatInt(incs)} $inc`);
    for (const line of describeCounters(await measureCounters(incs))) console.log(line);
    console.log('\nsynchronous=FULL (survives a power cut) against NORMAL (the default: survives a killed process)');
    for (const line of describeSynchronous(await measureSynchronous(quick ? 200 : 1000))) console.log(line);
    return;
  }
  if (process.argv.includes('--results-only')) {
    console.log('Results API at two campaign sizes (rollups)');
    for (const line of describeResults(await measureResults(quick))) console.log(line);
    return;
  }
  console.log(
    `Mera benchmarks${quick ? ' (--quick: shorter load, 20 000 responses)' : ''}; ${cores} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}\n`,
  );

  console.log('1. Submission throughput: POST /api/links/<token>/responses vs a bare Express echo');
  const throughput = await measureThroughput(load);
  for (const line of throughputLines(throughput)) console.log(line);
  if (process.argv.includes('--throughput-only')) return;

  console.log(`\n2. Embedded engine (SQLite) at ${sizes.map(formatInt).join(' and ')} responses (${cores} cores)`);
  const engines = await engineSection(sizes);

  console.log(`\n3. Rollup counters on the embedded engine: database size after ${formatInt(incs)} $inc`);
  const counted = await measureCounters(incs);
  for (const line of describeCounters(counted)) console.log(line);

  console.log(`\n4. Results API for a campaign at ${quick ? '1 000 and 10 000' : '1 000 and 100 000'} responses (rollups)`);
  const results = await measureResults(quick);
  for (const line of describeResults(results)) console.log(line);

  console.log('\n5. The respondent page on a throttled phone: Mera vs a bare survey-core page');
  const page = await measurePage(quick);
  for (const line of describePage(page)) console.log(line);

  console.log(`\n${summary(throughput, engines, counted, cores)}`);
  if (throughput.ratio < ratioTarget) console.log(`\nTARGET MISSED: Mera/echo ${throughput.ratio.toFixed(3)} < ${ratioTarget}`);
  console.log(`\nDone in ${seconds(Date.now() - started)}.`);
}

// A missed target is a measurement, not a failure: only a broken run exits non-zero.
main().catch((err) => {
  console.error(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : err}`);
  process.exitCode = 1;
});
