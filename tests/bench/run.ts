// `npm run bench`: submission throughput against a bare Express echo, then the embedded engine's
// cold start and memory at 200 000 responses; a summary table last. `--quick` for a fast try.
import os from 'node:os';
import { describeCounters, describeEngine, measureCounters, measureEngine, type CountersResult, type EngineResult } from './engine';
import { describeResults, measureResults } from './results';
import { formatInt, kilobytes, megabytes, type Row, seconds, table } from './format';
import { describePage, measurePage } from './page';
import { measureThroughput, type LoadSettings, type ThroughputResult, type ThroughputRound } from './throughput';

/** Mera must keep at least half the requests/s of an Express app that does nothing. */
const ratioTarget = 0.5;

interface Plan {
  load: LoadSettings;
  responses: number;
  incs: number;
}

function plan(quick: boolean): Plan {
  return quick
    ? { load: { connections: 20, warmupSeconds: 1, durationSeconds: 3, rounds: 1 }, responses: 20_000, incs: 10_000 }
    : { load: { connections: 20, warmupSeconds: 2, durationSeconds: 8, rounds: 3 }, responses: 200_000, incs: 100_000 };
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

function summary(t: ThroughputResult, e: EngineResult, c: CountersResult, cores: number): string {
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
    [`cold start, ${formatInt(e.responses)} responses`, seconds(e.coldStartMs), `responses.db ${megabytes(e.fileBytes)}`],
    ['RSS after open', megabytes(e.rss)],
    ['heapUsed after open', megabytes(e.heapUsed), `${megabytes(e.heapRetained)} after a full GC`],
    [`find ${formatInt(e.found)} of ${formatInt(e.responses)}`, seconds(e.findMs)],
    [
      `counters file after ${formatInt(c.incs)} $inc`,
      kilobytes(c.bytes),
      `${formatInt(c.counters)} counters; at most ${kilobytes(c.largest)} during the run`,
    ],
  ];
  return `Summary (${cores} cores, Node ${process.version})\n${table(['metric', 'value', 'note'], rows)}`;
}

async function main() {
  const quick = process.argv.includes('--quick');
  const { load, responses, incs } = plan(quick);
  const cores = os.cpus().length;
  const started = Date.now();
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

  console.log(`\n2. Embedded engine at ${formatInt(responses)} responses (${cores} cores)`);
  const engine = await measureEngine(responses);
  for (const line of describeEngine(engine)) console.log(line);

  console.log(`\n3. Rollup counters on the embedded engine: file size after ${formatInt(incs)} $inc`);
  const counted = await measureCounters(incs);
  for (const line of describeCounters(counted)) console.log(line);

  console.log(`\n4. Results API for a campaign at ${quick ? '1 000 and 10 000' : '1 000 and 100 000'} responses (rollups)`);
  const results = await measureResults(quick);
  for (const line of describeResults(results)) console.log(line);

  console.log('\n5. The respondent page on a throttled phone: Mera vs a bare survey-core page');
  const page = await measurePage(quick);
  for (const line of describePage(page)) console.log(line);

  console.log(`\n${summary(throughput, engine, counted, cores)}`);
  if (throughput.ratio < ratioTarget) console.log(`\nTARGET MISSED: Mera/echo ${throughput.ratio.toFixed(3)} < ${ratioTarget}`);
  console.log(`\nDone in ${seconds(Date.now() - started)}.`);
}

// A missed target is a measurement, not a failure: only a broken run exits non-zero.
main().catch((err) => {
  console.error(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : err}`);
  process.exitCode = 1;
});
