// Issue 23, item 11: PDFs are drawn without blocking other requests. While ten analytic reports are
// made at once, the thread that answers requests never stalls more than 100 ms beyond its usual
// longest stall (both measured in the same run with Node's event-loop delay monitor, so a busy
// machine moves both), and health polls keep being answered. The reports are drawn outside that
// thread (server/system/pdf.ts). The monitor measures the one thing that makes every other request
// wait, a long synchronous stretch, and not the time polls queue behind each other's turns, which on
// a loaded two-core machine depends on what else runs.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { listen, seededToken, startMera, type TestMera } from '../support/mera';

// A measure of time on a shared two-core machine (jest runs two test files at once): one run may be
// caught by the other file's burst; a PDF drawn on the request thread fails every run (500 ms seen).
jest.retryTimes(2, { logErrorsBeforeRetry: true });

const adminToken = 'pdf-event-loop-admin-token-012345';
let mera: TestMera;
let server: Awaited<ReturnType<typeof listen>>;
beforeAll(async () => {
  mera = await startMera({ seed: true, config: { adminToken } });
  server = await listen(mera.app);
});
afterAll(async () => {
  await server.stop();
  await mera.close();
});

/** The event loop's longest stall (ms) while `work` runs, and how many health polls were answered meanwhile. */
async function longestStallDuring(work: Promise<unknown>): Promise<{ slowest: number; polls: number }> {
  let done = false;
  void work.finally(() => (done = true));
  const monitor = monitorEventLoopDelay({ resolution: 10 });
  monitor.enable();
  let polls = 0;
  try {
    while (!done) {
      const health = await fetch(`${server.baseUrl}/api/health`);
      await health.arrayBuffer();
      expect(health.status).toBe(200);
      polls++;
    }
  } finally {
    monitor.disable();
  }
  return { slowest: monitor.max / 1e6, polls };
}

test('while ten reports are made at once the server never stalls more than 100 ms beyond its usual longest stall, and health polls are answered', async () => {
  const { campaignId } = await seededToken(mera, 'parent-survey');
  const reportUrl = `${server.baseUrl}/api/results/campaigns/${campaignId}/report.pdf`;
  const headers = { Authorization: `Bearer ${adminToken}` };
  const report = async () => {
    const res = await fetch(reportUrl, { headers });
    const body = Buffer.from(await res.arrayBuffer());
    return { status: res.status, type: res.headers.get('content-type'), start: body.subarray(0, 5).toString() };
  };
  // Once first (instrument compile, fonts), so the measure is of drawing, not of first use.
  expect(await report()).toEqual({ status: 200, type: 'application/pdf', start: '%PDF-' });
  const usual = await longestStallDuring(new Promise((resolve) => setTimeout(resolve, 2000)));
  const reports = Promise.all(Array.from({ length: 10 }, report));
  const during = await longestStallDuring(reports);
  expect(await reports).toEqual(Array(10).fill({ status: 200, type: 'application/pdf', start: '%PDF-' }));
  expect(during.polls).toBeGreaterThan(5);
  expect(during.slowest).toBeLessThanOrEqual(usual.slowest + 100);
});
