// Where a second visit's time goes: the page benchmark's parent link (tests/bench/page.ts: 390×844,
// 1.6 Mbps down, 750 kbps up, 150 ms RTT, CPU 4×), visited once, then again in a new tab with a warm
// cache while Chromium traces it. Prints the main thread's busy spans with what filled them, the
// resources with their timings, and the lazy compiles. Not a benchmark: tracing slows the page
// (compile events most), so compare builds with page.ts and use this to see why.
//   npx tsx tests/bench/page-trace.ts            Mera
//   npx tsx tests/bench/page-trace.ts --bare     the bare page (client/bench-bare) instead
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { listen, seededToken, startMera } from '../support/mera';
import { buildBarePage, serveBarePage, throttle, waitUntilClickable } from './page';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string }; name?: string };
}

const spanNames = [
  'v8.evaluateModule',
  'EvaluateScript',
  'FunctionCall',
  'V8.CompileCode',
  'V8.CollectSourcePositions',
  'Layout',
  'UpdateLayoutTree',
  'ParseHTML',
  'ParseAuthorStyleSheet',
  'Paint',
  'MinorGC',
  'MajorGC',
];

/** The main thread's tasks over 10 ms, each with the time its notable events took, and the resources' timings. */
export function describeTrace(events: TraceEvent[]): string[] {
  const key = (e: TraceEvent) => `${e.pid}:${e.tid}`;
  const threadNames = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [key(e), e.args?.name]));
  const scripts = new Map<string, number>();
  for (const e of events)
    if (e.name === 'v8.evaluateModule' || e.name === 'EvaluateScript') scripts.set(key(e), (scripts.get(key(e)) ?? 0) + 1);
  const main = [...scripts].filter(([k]) => threadNames.get(k) === 'CrRendererMain').sort((a, b) => b[1] - a[1])[0]?.[0];
  const navigation = events.find((e) => e.name === 'ResourceSendRequest' && /\/(s\/[^/]+)?$/.test(e.args?.data?.url ?? ''));
  if (!main || !navigation) return ['no page in the trace'];
  const t0 = navigation.ts;
  const at = (ts: number) => ((ts - t0) / 1000).toFixed(0).padStart(5);
  const ours = events.filter((e) => key(e) === main && e.ph === 'X' && e.ts >= t0);
  const tasks = ours.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask').sort((a, b) => a.ts - b.ts);
  const lines: string[] = [];
  const end = Math.max(...tasks.map((t) => t.ts + t.dur!));
  const busy = tasks.reduce((sum, t) => sum + t.dur!, 0);
  lines.push(
    `main thread: busy ${(busy / 1000).toFixed(0)} ms of ${((end - t0) / 1000).toFixed(0)} ms (tasks over 10 ms below; times in ms from the navigation's request)`,
  );
  for (const task of tasks) {
    if (task.dur! < 10_000) continue;
    const inside = ours.filter((e) => e.ts >= task.ts && e.ts < task.ts + task.dur! && spanNames.includes(e.name));
    const sums = new Map<string, number>();
    for (const e of inside) sums.set(e.name, (sums.get(e.name) ?? 0) + e.dur!);
    const script = inside.find((e) => e.args?.data?.url)?.args?.data?.url?.replace(/^https?:\/\/[^/]+/, '') ?? '';
    const what = [...sums]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([n, d]) => `${n} ${(d / 1000).toFixed(0)}`)
      .join(', ');
    lines.push(`  ${at(task.ts)}-${at(task.ts + task.dur!)} ${(task.dur! / 1000).toFixed(0).padStart(4)} ms  ${script.padEnd(40)} ${what}`);
  }
  const compiles = ours.filter((e) => e.name === 'V8.CompileCode');
  lines.push(`lazy compiles on the main thread: ${compiles.length} (${(compiles.reduce((s, e) => s + e.dur!, 0) / 1000).toFixed(0)} ms)`);
  lines.push('resources (sent, finished):');
  const sent = new Map<string, TraceEvent>();
  for (const e of events) {
    const id = (e.args?.data as { requestId?: string } | undefined)?.requestId;
    if (!id || e.ts < t0) continue;
    if (e.name === 'ResourceSendRequest') sent.set(id, e);
    if (e.name === 'ResourceFinish' && sent.has(id))
      lines.push(`  ${at(sent.get(id)!.ts)} ${at(e.ts)}  ${sent.get(id)!.args?.data?.url?.replace(/^https?:\/\/[^/]+/, '')}`);
  }
  return lines;
}

async function visit(page: Page, url: string): Promise<number> {
  const cdp = await throttle(page);
  await page.goto(url, { waitUntil: 'commit' });
  const ms = await waitUntilClickable(page);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await cdp.detach();
  return ms;
}

async function main() {
  const mera = await startMera({ seed: true });
  const server = await listen(mera.app);
  const { token } = await seededToken(mera, 'parent-survey');
  let url = `${server.baseUrl}/s/${token}`;
  let bare: Awaited<ReturnType<typeof serveBarePage>> | undefined;
  let bareDir: string | undefined;
  if (process.argv.includes('--bare')) {
    const link = await (await fetch(`${server.baseUrl}/api/links/${token}`)).json();
    bareDir = await buildBarePage({ ...link.instrument.survey, showTitle: true });
    bare = await serveBarePage(bareDir);
    url = `${bare.baseUrl}/`;
  }
  const browser = await launchChromium();
  const traceFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mera-page-trace-')), 'trace.json');
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    console.log(`first visit: ${(await visit(await context.newPage(), url)).toFixed(0)} ms`);
    const again = await context.newPage();
    await browser.startTracing(again, {
      path: traceFile,
      categories: ['toplevel', 'devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-v8.compile', 'loading'],
    });
    console.log(`second visit (traced, so slower than page.ts measures): ${(await visit(again, url)).toFixed(0)} ms`);
    await browser.stopTracing();
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
    await bare?.stop();
    await mera.close();
    if (bareDir) fs.rmSync(bareDir, { recursive: true, force: true });
  }
  describeTrace(JSON.parse(fs.readFileSync(traceFile, 'utf8')).traceEvents).forEach((l) => console.log(l));
  console.log(`trace: ${traceFile} (open it in Chromium's DevTools, Performance panel)`);
}

if (require.main === module)
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
