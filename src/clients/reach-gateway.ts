// Finding the gateway a client command talks to: the address `gateway start` would use, asked for
// /health; when nothing answers there, a gateway started in the background (detached, logging to
// gateway.log in the home) and waited for until it answers.
import { spawn } from 'node:child_process';
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep } from '../util/sleep.js';

export type Probe =
  | { state: 'up'; health: { status?: string; accounts?: number; activeAccounts?: number } }
  | { state: 'down' }
  | { state: 'needs-key' }
  | { state: 'foreign'; status: number };

function authHeaders(apiKey: string | undefined): Record<string, string> {
  return apiKey ? { authorization: `Bearer ${apiKey}` } : {};
}

/** What answers GET /health at `url`. */
export async function probeGateway(url: string, apiKey: string | undefined, timeoutMs = 3000): Promise<Probe> {
  let res: Response;
  try {
    res = await fetch(`${url}/health`, { headers: authHeaders(apiKey), signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    return { state: 'down' };
  }
  const text = await res.text();
  if (res.status === 401) return { state: 'needs-key' };
  try {
    const health = JSON.parse(text) as { status?: unknown };
    if (res.ok && typeof health.status === 'string') return { state: 'up', health: health as { status: string } };
  } catch {
    // not JSON: not a gateway
  }
  return { state: 'foreign', status: res.status };
}

/** The model ids the running gateway serves (GET /v1/models); empty when it cannot say. */
export async function fetchCatalog(url: string, apiKey: string | undefined): Promise<Set<string>> {
  try {
    const res = await fetch(`${url}/v1/models`, { headers: authHeaders(apiKey), signal: AbortSignal.timeout(5000) });
    if (!res.ok) return new Set();
    const body = (await res.json()) as { data?: Array<{ id?: unknown }> };
    return new Set((body.data ?? []).map((m) => m.id).filter((id): id is string => typeof id === 'string'));
  } catch {
    return new Set();
  }
}

/** bin/gateway.js of this package, from dist/clients/ and src/clients/ alike. */
const GATEWAY_BIN = fileURLToPath(new URL('../../bin/gateway.js', import.meta.url));

export interface BackgroundGateway {
  pid: number;
  logPath: string;
}

/**
 * Starts `gateway start` detached, its output appended to gateway.log in the home, and resolves
 * once /health answers; rejects with the log's last lines when it exits first or never answers.
 */
export async function startBackgroundGateway(opts: {
  home: string;
  url: string;
  apiKey?: string;
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
}): Promise<BackgroundGateway> {
  const logPath = join(opts.home, 'gateway.log');
  const log = await open(logPath, 'a', 0o600);
  let exited: string | undefined;
  let child;
  try {
    child = spawn(process.execPath, [GATEWAY_BIN, 'start'], {
      detached: true,
      stdio: ['ignore', log.fd, log.fd],
      env: { ...opts.env, NO_COLOR: '1' },
      windowsHide: true,
    });
  } finally {
    await log.close();
  }
  child.once('exit', (code, signal) => (exited = signal ?? `code ${code}`));
  child.once('error', (e) => (exited = e.message));
  child.unref();
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  while (exited === undefined && Date.now() < deadline) {
    const probe = await probeGateway(opts.url, opts.apiKey, 1000);
    if (probe.state === 'up' || probe.state === 'needs-key') return { pid: child.pid!, logPath };
    await sleep(100);
  }
  const tail = (await readFile(logPath, 'utf8').catch(() => '')).trimEnd().split('\n').slice(-5).join('\n');
  if (exited === undefined) child.kill('SIGTERM');
  throw new Error(
    `The gateway started in the background ${exited === undefined ? 'did not answer in time' : `stopped (${exited})`}; the end of ${logPath}:\n${tail}`,
  );
}
