// Scratch probe (not a benchmark): where a second visit's time goes, from a Chromium trace.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { listen, seededToken, startMera } from '../support/mera';
import { buildBarePage, serveBarePage } from './page';

async function throttle(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6 * 1_000_000) / 8, uploadThroughput: (750 * 1000) / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return cdp;
}

async function clickable(page: Page) {
  await page.waitForFunction(
    () => {
      const target = document.querySelector('.sd-question .sd-item, .sd-question .sd-rating__item, .sd-question input, .sd-question textarea');
      if (!target) return false;
      const r = target.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.bottom > innerHeight) return false;
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return !!hit && (target.contains(hit) || hit.contains(target));
    },
    undefined,
    { polling: 'raf', timeout: 120_000 },
  );
  return page.evaluate(() => performance.now());
}

interface Ev { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: any; cat?: string }

function analyse(file: string) {
  const events: Ev[] = JSON.parse(fs.readFileSync(file, 'utf8')).traceEvents;
  const threadNames = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args.name);
  // The page's renderer main thread: the CrRendererMain with most EvaluateScript.
  const counts = new Map<string, number>();
  for (const e of events) if (e.name === 'EvaluateScript' || e.name === 'v8.evaluateModule') counts.set(`${e.pid}:${e.tid}`, (counts.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const main = [...counts].filter(([k]) => threadNames.get(k) === 'CrRendererMain').sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!main) throw new Error('no main thread');
  const nav = events.find((e) => e.name === 'navigationStart' && `${e.pid}:${e.tid}` === main) ?? events.find((e) => e.name === 'navigationStart');
  const t0 = nav ? nav.ts : Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
  const rel = (ts: number) => ((ts - t0) / 1000).toFixed(0).padStart(5);
  // Self time per name on the main thread (X events only).
  const mine = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur !== undefined && e.ts >= t0).sort((a, b) => a.ts - b.ts || (b.dur! - a.dur!));
  const self = new Map<string, number>();
  const stack: Ev[] = [];
  const childTime = new Map<Ev, number>();
  for (const e of mine) {
    while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur! <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) childTime.set(parent, (childTime.get(parent) ?? 0) + e.dur!);
    stack.push(e);
  }
  for (const e of mine) self.set(e.name, (self.get(e.name) ?? 0) + e.dur! - (childTime.get(e) ?? 0));
  const counted = new Map<string, number>();
  for (const e of mine) counted.set(e.name, (counted.get(e.name) ?? 0) + 1);
  console.log('main thread self time (ms), top 30:');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${(v / 1000).toFixed(1).padStart(8)}  ${String(counted.get(k)).padStart(5)}×  ${k}`);
  // Key milestones.
  console.log('timeline (ms from navigationStart):');
  for (const e of events) {
    if (e.ts < t0) continue;
    const key = `${e.pid}:${e.tid}`;
    const url = e.args?.data?.url ?? e.args?.data?.fileName ?? e.args?.fileName ?? '';
    const short = String(url).replace(/^https?:\/\/[^/]+/, '');
    if (['ResourceSendRequest', 'ResourceReceiveResponse', 'ResourceFinish'].includes(e.name)) console.log(`  ${rel(e.ts)} ${e.name} ${short} ${e.name === 'ResourceReceiveResponse' ? `fromCache=${e.args.data.fromCache} status=${e.args.data.statusCode}` : ''}`);
    if (key === main && e.ph === 'X' && e.dur! > 20_000) console.log(`  ${rel(e.ts)}-${rel(e.ts + e.dur!)} ${e.name} ${short}`);
    if (['firstPaint', 'firstContentfulPaint', 'domContentLoadedEventStart', 'loadEventStart'].includes(e.name) && key === main) console.log(`  ${rel(e.ts)} ${e.name}`);
    if (e.name === 'v8.produceModuleCache' || e.name === 'v8.produceCache' || e.name === 'v8.consumeCache' || e.name === 'V8.CompileCode' && false) console.log(`  ${rel(e.ts)} ${e.name} ${JSON.stringify(e.args).slice(0, 200)}`);
    if (key !== main && threadNames.get(key)?.includes('Worker') && e.ph === 'X' && e.dur! > 20_000) console.log(`  ${rel(e.ts)}-${rel(e.ts + e.dur!)} [${threadNames.get(key)}] ${e.name} ${short}`);
  }
  // Cache-related events on any thread.
  const cacheEvents = events.filter((e) => /cache/i.test(e.name) && e.ts >= t0);
  const byName = new Map<string, number>();
  for (const e of cacheEvents) byName.set(e.name, (byName.get(e.name) ?? 0) + 1);
  console.log('cache events:', [...byName].map(([k, v]) => `${k}×${v}`).join(', '));
}

async function main() {
  const mera = await startMera({ seed: true });
  const server = await listen(mera.app);
  const { token } = await seededToken(mera, 'parent-survey');
  let url = `${server.baseUrl}/s/${token}`;
  let bare: Awaited<ReturnType<typeof serveBarePage>> | undefined;
  if (process.env.BARE) {
    const link = await (await fetch(`${server.baseUrl}/api/links/${token}`)).json();
    bare = await serveBarePage(await buildBarePage({ ...link.instrument.survey, showTitle: true }));
    url = `${bare.baseUrl}/`;
  }
  const browser = await launchChromium();
  const visits = Number(process.env.VISITS ?? 2);
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    for (let i = 1; i <= visits; i++) {
      const page = await context.newPage();
      const cdp = await throttle(page);
      const traced = i === visits;
      const profiling = traced && process.env.PROFILE;
      if (profiling) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
        await cdp.send('Profiler.start');
      }
      if (traced && !profiling) await browser.startTracing(page, { path: '/tmp/p3-trace.json', categories: ['devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-v8.compile', 'blink.user_timing', 'loading', 'blink', 'disabled-by-default-devtools.timeline'] });
      await page.goto(url, { waitUntil: 'commit' });
      const ms = await clickable(page);
      const entries = await page.evaluate(() =>
        [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((e) => {
          const r = e as PerformanceResourceTiming;
          return `${r.name.replace(/^https?:\/\/[^/]+/, '').slice(0, 60).padEnd(60)} start ${r.startTime.toFixed(0).padStart(5)} reqStart ${r.requestStart.toFixed(0).padStart(5)} respStart ${r.responseStart.toFixed(0).padStart(5)} end ${r.responseEnd.toFixed(0).padStart(5)} size ${r.transferSize}`;
        }),
      );
      console.log(`visit ${i}: ${ms.toFixed(0)} ms\n${entries.join('\n')}`);
      if (traced && !profiling) await browser.stopTracing();
      if (profiling) {
        const { profile } = (await cdp.send('Profiler.stop')) as any;
        fs.writeFileSync('/tmp/p3-profile.json', JSON.stringify(profile));
      }
      await page.waitForLoadState('networkidle').catch(() => undefined);
      await cdp.detach();
      if (process.env.CLOSE) await page.close();
    }
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
    await bare?.stop();
    await mera.close();
  }
  if (!process.env.PROFILE) analyse('/tmp/p3-trace.json');
}

if (require.main === module) {
  if (process.argv[2]) analyse(path.resolve(process.argv[2]));
  else main().catch((e) => { console.error(e); process.exitCode = 1; });
}
