// Issue 11 rows 7 and 8 through the real server: a request path cannot forge a log line, and a
// client that leaves before its answer is an INFO line with status 499, not an ERROR 500.
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/logger.js';
import { rawRequest } from '../helpers/raw-request.js';
import { startGateway, type Gateway } from '../helpers/start-gateway.js';

let gw: Gateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

/** A gateway whose log lines (each one write) are kept, in the given format. */
async function gatewayWithLog(format: 'text' | 'json', opts: Parameters<typeof startGateway>[0] = {}): Promise<{ gw: Gateway; lines: string[] }> {
  const lines: string[] = [];
  const log = createLogger({ level: 'debug', format, write: (l) => lines.push(l) });
  gw = await startGateway({ ...opts, log });
  return { gw, lines };
}

/** Polls until `check` passes; the server writes its access-log line after the answer. */
async function eventually(check: () => void): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      check();
      return;
    } catch (e) {
      if (i > 200) throw e;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

describe('logs under hostile input (issue 11 rows 7, 8)', () => {
  for (const format of ['text', 'json'] as const) {
    it(`a path with %0a cannot forge a log line (${format})`, async () => {
      const { gw, lines } = await gatewayWithLog(format);
      const res = await rawRequest(`${gw.url}/v1/nothing%0a2026-01-01T00:00:00.000Z%20ERROR%20forged%0d%1b[2J`);
      expect(res.status).toBe(404);
      await eventually(() => expect(lines.some((l) => l.includes('/v1/nothing'))).toBe(true));
      for (const line of lines) expect(line).not.toMatch(/[\n\r\u001b]/);
      const access = lines.find((l) => l.includes('/v1/nothing'))!;
      expect(access).toContain('404');
      // The JSON line still carries the path as the server saw it, newline and all.
      if (format === 'json') expect((JSON.parse(access) as { path: string }).path).toContain('\n2026-01-01');
    });
  }

  it('a client that disconnects before its answer is an INFO line with status 499, and the upstream call ends', async () => {
    const { gw, lines } = await gatewayWithLog('text', { emulatorOptions: { faults: { hang: true } } });
    const ac = new AbortController();
    const pending = fetch(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'hi' }] }),
      signal: ac.signal,
    }).catch((e: unknown) => e);
    await eventually(() => expect(gw.emulator.state.faultCounters.hanging).toBe(1));
    ac.abort();
    await pending;
    await eventually(() => expect(lines.some((l) => / INFO  request .*path=\/v1\/chat\/completions/.test(l))).toBe(true));
    const access = lines.find((l) => / request .*path=\/v1\/chat\/completions/.test(l))!;
    expect(access).toContain('status=499');
    expect(lines.filter((l) => / ERROR /.test(l))).toEqual([]);
    expect(lines.some((l) => / INFO  client disconnected /.test(l))).toBe(true);
    // The gateway gave up its call to Google too.
    await eventually(() => expect(gw.emulator.state.faultCounters.hanging).toBe(0));
  });

  it('a client that leaves midway through a stream is a 499 too, without a warning', async () => {
    const { gw, lines } = await gatewayWithLog('text', { emulatorOptions: { faults: { slowDrip: { events: 200, intervalMs: 10 } } } });
    const ac = new AbortController();
    const res = await fetch(`${gw.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'gemini-3-flash', max_tokens: 10, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
      signal: ac.signal,
    });
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('text_delta')) text += new TextDecoder().decode((await reader.read()).value);
    ac.abort();
    await eventually(() => expect(lines.some((l) => / request .*path=\/v1\/messages/.test(l))).toBe(true));
    expect(lines.find((l) => / request .*path=\/v1\/messages/.test(l))).toContain('status=499');
    expect(lines.filter((l) => / (ERROR|WARN) /.test(l))).toEqual([]);
    await eventually(() => expect(gw.emulator.state.abortedStreams).toBe(1));
  });
});
