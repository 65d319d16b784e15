// The page benchmark: a parent's survey link on a phone over a weak connection, in Chromium with
// CDP throttling (1.6 Mbps down, 750 kbps up, 150 ms round trip, CPU 4× slower). Measures the
// time until the first question is visible and clickable, and the bytes over the wire, for Mera
// and, in the same run, for a bare page (survey-core + survey-react-ui + React rendering the same
// definition from a static JSON file, precompressed and served the same way); then a second
// visit to Mera with a warm cache. Targets: Mera ≤ 1.25 × the bare page's time, bytes ≤ 1.15 ×
// its bytes, second visit ≤ 1.5 s.
import { execFileSync } from 'node:child_process';
import compression from 'compression';
import express from 'express';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { precompressedAssets } from '../../server/http/client-pages';
import { launchChromium } from '../support/browser';
import { listen, seededToken, startMera } from '../support/mera';

const pageTargets = { time: 1.25, bytes: 1.15, secondVisitMs: 1500 };

export interface PageVisit {
  ms: number;
  bytes: number;
}

export interface PageResult {
  mera: PageVisit;
  bare: PageVisit;
  meraSecond: PageVisit;
  timeRatio: number;
  bytesRatio: number;
  runs: number;
  /** Every run's time (ms), in run order, so the spread can be read beside the medians. */
  all: { mera: number[]; bare: number[]; meraSecond: number[] };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Builds the bare page into a temp dir with the same precompression as Mera's client. */
export async function buildBarePage(definition: unknown): Promise<string> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mera-bare-page-'));
  const root = path.resolve(__dirname, '../..');
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      path.join(root, 'client/bench-bare/vite.config.ts'),
      '--outDir',
      outDir,
    ],
    { cwd: root, stdio: 'inherit' },
  );
  fs.writeFileSync(path.join(outDir, 'definition.json'), JSON.stringify(definition));
  return outDir;
}

/** Serves the bare page as Mera serves its own: precompressed assets, compressed JSON. */
export async function serveBarePage(dir: string) {
  const app = express();
  app.use('/assets', precompressedAssets(path.join(dir, 'assets')));
  app.use(compression({ threshold: 1024 }));
  app.get('/definition.json', (_req, res) => {
    res.set('Cache-Control', 'no-store');
    res.type('json').send(fs.readFileSync(path.join(dir, 'definition.json'), 'utf8'));
  });
  app.get('/', (_req, res) => {
    res.set('Cache-Control', 'no-cache');
    res.type('html').send(fs.readFileSync(path.join(dir, 'index.html'), 'utf8'));
  });
  return listen(app as never);
}

/** The benchmark's phone on a weak connection, on this page: network and CPU throttled through CDP. */
export async function throttle(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1_000_000) / 8,
    uploadThroughput: (750 * 1000) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return cdp;
}

/** Waits until the first question is visible and clickable; returns the ms since navigation start. */
export async function waitUntilClickable(page: Page): Promise<number> {
  // Visible and clickable: the first question's first option is on screen and is what a tap there would hit.
  await page.waitForFunction(
    () => {
      const target = document.querySelector(
        '.sd-question .sd-item, .sd-question .sd-rating__item, .sd-question input, .sd-question textarea',
      );
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

/** One visit under throttling: ms from navigation start until the first question can be clicked, and bytes received. */
async function visit(page: Page, url: string): Promise<PageVisit> {
  const cdp = await throttle(page);
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
    bytes += e.encodedDataLength;
  });
  await page.goto(url, { waitUntil: 'commit' });
  const ms = await waitUntilClickable(page);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await cdp.detach();
  return { ms, bytes };
}

async function fresh(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  return { context, page: await context.newPage() };
}

export async function measurePage(quick: boolean): Promise<PageResult> {
  const clientIndex = path.resolve(__dirname, '../../dist/client/index.html');
  if (!fs.existsSync(clientIndex)) throw new Error('the client is not built: run "npm run build:client" first');
  const mera = await startMera({ seed: true });
  const meraServer = await listen(mera.app);
  const { token } = await seededToken(mera, 'parent-survey');
  const link = await (await fetch(`${meraServer.baseUrl}/api/links/${token}`)).json();
  const bareDir = await buildBarePage({ ...link.instrument.survey, showTitle: true });
  const bareServer = await serveBarePage(bareDir);
  const browser = await launchChromium();
  const runs = quick ? 1 : 3;
  const meraVisits: PageVisit[] = [];
  const bareVisits: PageVisit[] = [];
  const secondVisits: PageVisit[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      // Alternate who goes first, so neither always meets a warmer machine.
      const order = i % 2 === 0 ? ['bare', 'mera'] : ['mera', 'bare'];
      for (const who of order) {
        const { context, page } = await fresh(browser);
        if (who === 'bare') bareVisits.push(await visit(page, `${bareServer.baseUrl}/`));
        else {
          meraVisits.push(await visit(page, `${meraServer.baseUrl}/s/${token}`));
          const again = await context.newPage();
          secondVisits.push(await visit(again, `${meraServer.baseUrl}/s/${token}`));
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await bareServer.stop();
    await meraServer.stop();
    await mera.close();
    fs.rmSync(bareDir, { recursive: true, force: true });
  }
  const pick = (visits: PageVisit[]) => ({ ms: median(visits.map((v) => v.ms)), bytes: median(visits.map((v) => v.bytes)) });
  const all = { mera: meraVisits.map((v) => v.ms), bare: bareVisits.map((v) => v.ms), meraSecond: secondVisits.map((v) => v.ms) };
  const result = { mera: pick(meraVisits), bare: pick(bareVisits), meraSecond: pick(secondVisits), runs, all };
  return { ...result, timeRatio: result.mera.ms / result.bare.ms, bytesRatio: result.mera.bytes / result.bare.bytes };
}

export function describePage(r: PageResult): string[] {
  const kb = (b: number) => `${(b / 1024).toFixed(0)} kB`;
  const verdict = (ok: boolean) => (ok ? 'met' : 'TARGET MISSED');
  const runs = (ms: number[]) => ms.map((m) => (m / 1000).toFixed(2)).join(' / ');
  return [
    `  bare page: first question clickable after ${(r.bare.ms / 1000).toFixed(2)} s, ${kb(r.bare.bytes)} over the wire`,
    `  Mera:      first question clickable after ${(r.mera.ms / 1000).toFixed(2)} s, ${kb(r.mera.bytes)} over the wire`,
    `  Mera/bare time  = ${r.timeRatio.toFixed(2)} (target ≤ ${pageTargets.time}): ${verdict(r.timeRatio <= pageTargets.time)}`,
    `  Mera/bare bytes = ${r.bytesRatio.toFixed(2)} (target ≤ ${pageTargets.bytes}): ${verdict(r.bytesRatio <= pageTargets.bytes)}`,
    `  Mera second visit (warm cache): ${(r.meraSecond.ms / 1000).toFixed(2)} s, ${kb(r.meraSecond.bytes)} (target ≤ ${pageTargets.secondVisitMs / 1000} s): ${verdict(r.meraSecond.ms <= pageTargets.secondVisitMs)}`,
    `  (median of ${r.runs} run${r.runs > 1 ? 's' : ''} each; 390×844 phone, 1.6 Mbps down, 750 kbps up, 150 ms RTT, CPU 4×)`,
    ...(r.runs > 1 ? [`  runs (s): bare ${runs(r.all.bare)}; Mera ${runs(r.all.mera)}; second visit ${runs(r.all.meraSecond)}`] : []),
  ];
}

// `npx tsx tests/bench/page.ts [--quick]` runs this benchmark alone.
if (require.main === module) {
  measurePage(process.argv.includes('--quick'))
    .then((r) => describePage(r).forEach((l) => console.log(l)))
    .catch((err) => {
      console.error(err);
      process.exitCode = 1;
    });
}
