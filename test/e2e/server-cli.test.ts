// `gateway start` as a user runs it, in-process: a temp home, its ready line, a request, `gateway
// status`, and a clean stop (the abort signal main takes is what SIGTERM does to the binary; the
// binary and a real SIGTERM: cli-smoke.test.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/server.js';
import { cliEnv, runCli, startCli } from '../helpers/cli.js';
import { seedAccount } from '../helpers/seed-accounts.js';
import { makeTempHome } from '../helpers/temp-home.js';

const READY = /gateway ready on (http:\/\/127\.0\.0\.1:(\d+)) · (\d+) accounts? · config in (\S+)/;

describe('gateway start', () => {
  let emulator: Emulator;
  let temp: { home: string; cleanup(): Promise<void> };
  beforeEach(async () => {
    emulator = await startEmulator();
    temp = await makeTempHome();
  });
  afterEach(async () => {
    await emulator.close();
    await temp.cleanup();
  });

  it('prints the ready line with the account count and the Claude Code settings, and exits 0 when stopped', async () => {
    await seedAccount(temp.home, emulator, 'user@example.com');
    const env = cliEnv(temp.home, { ...emulator.env, GATEWAY_PORT: '0' });
    const run = startCli(['start'], env);
    try {
      const m = await run.waitFor(READY);
      const [, url, port, count, home] = m;
      expect(count).toBe('1');
      expect(home).toBe(temp.home);
      await run.waitFor(new RegExp(`export ANTHROPIC_BASE_URL=${url!.replace(/[.:/]/g, '\\$&')} ANTHROPIC_AUTH_TOKEN=gateway`));
      await run.waitFor(new RegExp(`Dashboard +${url!.replace(/[.:/]/g, '\\$&')}/ui/`));

      const health = (await (await fetch(`${url}/health`)).json()) as { accounts: number };
      expect(health.accounts).toBe(1);
      // A real generation leaves a keep-alive socket to the upstream, which must not delay the exit.
      const answer = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gemini-3-flash', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(answer.status).toBe(200);
      const status = await runCli(['status', '--port', port!], env);
      expect(status.code).toBe(0);
      expect(status.stdout).toMatch(/1 of 1 accounts active/);
      // The emulator's feed has nothing: the built-in floor.
      expect(status.stdout).toMatch(/claims Antigravity \d+\.\d+\.\d+ \(built-in\)/);
    } finally {
      run.stop();
    }
    const result = await run.done;
    expect(result.code).toBe(0);
  });

  it('starts without accounts, says how to add one, and answers requests with a clear error', async () => {
    const run = startCli(['start', '--port', '0'], cliEnv(temp.home, emulator.env));
    try {
      const [, url, , count] = await run.waitFor(READY);
      expect(count).toBe('0');
      await run.waitFor(/gateway accounts add/);
      const res = await fetch(`${url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(res.ok).toBe(false);
      const body = (await res.json()) as { type: string; error: { message: string } };
      expect(body.type).toBe('error');
      expect(body.error.message).toMatch(/gateway accounts add/);
    } finally {
      run.stop();
    }
    expect((await run.done).code).toBe(0);
  });

  it('warns when listening beyond loopback without an API key, and never prints a given key', async () => {
    const run = startCli(['start', '--host', '0.0.0.0', '--port', '0'], cliEnv(temp.home, emulator.env));
    try {
      await run.waitFor(/without an API key/);
    } finally {
      run.stop();
    }
    expect((await run.done).code).toBe(0);

    const keyed = startCli(['start', '--port', '0', '--api-key', 'sk-very-secret-value'], cliEnv(temp.home, emulator.env));
    try {
      await keyed.waitFor(READY);
      await keyed.waitFor(/ANTHROPIC_AUTH_TOKEN=<your GATEWAY_API_KEY>/);
    } finally {
      keyed.stop();
    }
    const result = await keyed.done;
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).not.toContain('sk-very-secret-value');
  });

  it('when stopped lets an in-flight stream finish, then exits 0', async () => {
    await emulator.close();
    emulator = await startEmulator({ streamChunks: 5, chunkDelayMs: 50 });
    await seedAccount(temp.home, emulator, 'user@example.com');
    const run = startCli(['start'], cliEnv(temp.home, { ...emulator.env, GATEWAY_PORT: '0' }));
    let text = '';
    let stopped = false;
    try {
      const [, url] = await run.waitFor(READY);
      const res = await fetch(`${url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gemini-3-flash', max_tokens: 100, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
      });
      const reader = res.body!.getReader();
      const dec = new TextDecoder();
      while (!text.includes('content_block_delta')) {
        const r = await reader.read();
        if (r.done) throw new Error(`stream ended before its first delta:\n${text}`);
        text += dec.decode(r.value, { stream: true });
      }
      run.stop();
      stopped = true;
      for (let r = await reader.read(); !r.done; r = await reader.read()) text += dec.decode(r.value, { stream: true });
    } finally {
      if (!stopped) run.stop();
    }
    expect(text).toContain('event: message_stop');
    expect(emulator.state.abortedStreams).toBe(0);
    expect((await run.done).code).toBe(0);
  });

  it('gateway status says when no server answers', async () => {
    const result = await runCli(['status', '--port', '1'], cliEnv(temp.home));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/No gateway answers on http:\/\/127\.0\.0\.1:1/);
  });
});
