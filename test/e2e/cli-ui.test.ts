// `gateway ui` run in-process against an in-process gateway: it opens (or prints) a link that signs
// in once, never the key itself, and says what to do when no gateway answers.
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startGateway, type Gateway } from '../helpers/start-gateway.js';

const KEY = 'ui-cli-key';

let gw: Gateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

async function runUi(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = new PassThrough().on('data', (d: Buffer) => (stdout += d.toString()));
  const err = new PassThrough().on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await main(['node', 'gateway', 'ui', ...args], { env: { NO_COLOR: '1', ...env }, stdout: out, stderr: err });
  return { code, stdout, stderr };
}

const envFor = (g: Gateway, extra: Record<string, string> = {}): Record<string, string> => ({
  GATEWAY_HOME: g.home,
  GATEWAY_PORT: new URL(g.url).port,
  GATEWAY_BROWSER_CMD: 'none',
  ...extra,
});

/** A port nothing listens on (bound, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/** The browser command runs detached: its file appears once it ran (written whole, by rename). */
async function waitForFile(path: string): Promise<string> {
  for (;;) {
    try {
      return await readFile(path, 'utf8');
    } catch {
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

describe('gateway ui', () => {
  it('opens a one-time link with GATEWAY_BROWSER_CMD, never the key', async () => {
    gw = await startGateway({ env: { GATEWAY_API_KEY: KEY } });
    const opened = join(gw.home, 'opened.txt');
    const browser = join(gw.home, 'browser.sh');
    await writeFile(browser, `#!/bin/sh\nprintf '%s' "$1" > '${opened}.part' && mv '${opened}.part' '${opened}'\n`);
    await chmod(browser, 0o755);
    const r = await runUi([], envFor(gw, { GATEWAY_API_KEY: KEY, GATEWAY_BROWSER_CMD: browser }));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Opening the dashboard in your browser \(the link signs in once, within 5 minutes\)/);
    const link = r.stdout.trim();
    expect(link).toMatch(new RegExp(`^${gw.url}/ui/#code=[\\w-]+$`));
    expect(r.stdout + r.stderr).not.toContain(KEY);
    expect(await waitForFile(opened)).toBe(link);
  });

  it('without an API key prints the plain dashboard URL', async () => {
    gw = await startGateway();
    const r = await runUi(['--no-open'], envFor(gw));
    expect(r).toMatchObject({ code: 0, stdout: `${gw.url}/ui/\n`, stderr: '' });
  });

  it('says so when the key is wrong or no gateway answers', async () => {
    gw = await startGateway({ env: { GATEWAY_API_KEY: KEY } });
    const wrong = await runUi(['--no-open'], envFor(gw, { GATEWAY_API_KEY: 'other' }));
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/refused the API key.*GATEWAY_API_KEY/);
    const port = await freePort();
    const none = await runUi(['--no-open', '--port', String(port)], envFor(gw));
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(new RegExp(`No gateway answers on http://127.0.0.1:${port}.*gateway start`));
  });
});
