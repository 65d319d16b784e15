// Shared set-up of the browser tests: a seeded Mera listening on loopback and one Chromium,
// started before a file's tests and stopped after them.
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser';
import { listen, startMera, TestMera } from './mera';

export interface BrowserWorld {
  mera: TestMera;
  baseUrl: string;
  browser: Browser;
}

/** Registers beforeAll/afterAll; the returned object is filled in before the first test runs. */
export function useSeededMeraInChromium(): BrowserWorld {
  const world = {} as BrowserWorld;
  let stop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    world.mera = await startMera({ seed: true });
    const server = await listen(world.mera.app);
    world.baseUrl = server.baseUrl;
    stop = server.stop;
    world.browser = await launchChromium();
  });
  afterAll(async () => {
    await world.browser?.close();
    await stop?.();
    await world.mera?.close();
  });
  return world;
}
