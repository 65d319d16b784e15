// Real Chromium for e2e tests, through playwright-core. No browser is downloaded: it is
// Debian's chromium (or CHROMIUM_PATH). A missing browser fails the test with how to install it.
import fs from 'node:fs';
import { chromium, Browser } from 'playwright-core';

function chromiumPath(): string {
  // Test code may read the environment: the browser's location is the test machine's concern, not Mera's config.
  const candidate = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(candidate)) {
    throw new Error(
      `No Chromium at ${candidate}. End-to-end tests need a real browser: install Debian's (apt-get update && apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary.`,
    );
  }
  return candidate;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
