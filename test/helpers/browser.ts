// A real browser for UI tests: Debian's system Chromium driven by playwright-core, which has no
// browser download of its own. .ci/run installs chromium; CI without it fails, never skips.
import { execFileSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';

/** The path `which chromium` prints, or undefined when there is none. */
function findChromium(): string | undefined {
  try {
    const path = execFileSync('which', ['chromium'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return path === '' ? undefined : path;
  } catch {
    return undefined;
  }
}

/** Locally, a machine without Chromium skips the browser tests (the reason is printed); in CI it is a failure. */
export const chromiumMissingLocally = (): boolean => findChromium() === undefined && !process.env.CI;

export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (executablePath === undefined) {
    throw new Error('Chromium is not installed, and the dashboard tests need it: run `apt-get install -y chromium` (.ci/run does).');
  }
  return chromium.launch({
    executablePath,
    headless: true,
    // As root (CI containers) Chromium's sandbox cannot start; the pages are our own. The rest keep
    // it from calling Google's services, which a closed network answers with a flood of refusals.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--disable-extensions',
    ],
  });
}
