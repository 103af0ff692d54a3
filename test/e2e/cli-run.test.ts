// `gateway run <client>` with stand-in clients on a temp PATH that record how they were started:
// the wiring per client, the user's arguments passed on verbatim, the exit code passed back, no file
// written in the user's home, and a background gateway when none runs. Signals forwarded to the
// client: cli-smoke.test.ts (they need the built binary as a process).
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../emulator/server.js';
import { cliEnv, runCli } from '../helpers/cli.js';
import { assertBuilt } from '../helpers/spawn-cli.js';
import { freePort } from '../helpers/free-port.js';
import { makeStandIns, type StandIns } from '../helpers/stand-in-clients.js';
import { startGateway, type Gateway } from '../helpers/start-gateway.js';
import { makeTempHome } from '../helpers/temp-home.js';

const KEY = 'sk-run-test-key';
let root: string;
let userHome: string;
let standIns: StandIns;
// One gateway for every test that needs a running one.
let gw: Gateway | undefined;
afterAll(() => gw?.close());

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gateway-run-'));
  userHome = join(root, 'user-home');
  standIns = await makeStandIns(root, ['claude', 'codex', 'gemini', 'opencode']);
});
afterEach(() => rm(root, { recursive: true, force: true }));

/** The environment of `gateway run` against the running test gateway. */
async function runEnv(extra: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> {
  gw ??= await startGateway({ env: { GATEWAY_API_KEY: KEY } });
  const port = new URL(gw.url).port;
  await import('node:fs/promises').then((fs) => fs.mkdir(userHome, { recursive: true }));
  return {
    ...cliEnv(gw.home, { GATEWAY_PORT: port, GATEWAY_API_KEY: KEY }),
    HOME: userHome,
    PATH: standIns.path,
    STANDIN_RECORD_DIR: standIns.recordDir,
    ...extra,
  };
}

describe('gateway run', () => {
  it('claude: base URL, key as token, model slots mapped to the pool, arguments verbatim, exit code passed back, no file written', async () => {
    const env = await runEnv({ ANTHROPIC_API_KEY: 'sk-ant-users-own', STANDIN_EXIT: '3' });
    const r = await runCli(['run', 'claude', '-p', 'hi there', '--debug', '--model', 'sonnet'], env);
    expect(r.code, r.stderr).toBe(3);
    const rec = await standIns.recorded('claude');
    expect(rec.args).toEqual(['-p', 'hi there', '--debug', '--model', 'sonnet']);
    expect(rec.env.ANTHROPIC_BASE_URL).toBe(gw!.url);
    expect(rec.env.ANTHROPIC_AUTH_TOKEN).toBe(KEY);
    expect(rec.env.ANTHROPIC_API_KEY).toBeUndefined();
    expect(rec.env.ANTHROPIC_DEFAULT_SONNET_MODEL).toBe('claude-sonnet-4-6');
    expect(rec.env.ANTHROPIC_DEFAULT_HAIKU_MODEL).toBe('gemini-3-flash');
    expect(rec.env.STANDIN_EXIT).toBe('3');
    expect(r.stderr).toMatch(/claude → gateway on http:\/\/127\.0\.0\.1:\d+: .*sonnet → claude-sonnet-4-6/);
    expect(r.stdout + r.stderr).not.toContain(KEY);
    expect(await readdir(userHome)).toEqual([]);
  });

  it('claude: arguments after -- reach the client even when they look like gateway options', async () => {
    const r = await runCli(['run', 'claude', '--', '--help', '-v'], await runEnv());
    expect(r.code, r.stderr).toBe(0);
    expect((await standIns.recorded('claude')).args).toEqual(['--help', '-v']);
  });

  it('codex: a Responses provider by -c flags, the key through env_key, the pool model unless the user names one', async () => {
    const r = await runCli(['run', 'codex', 'exec', 'say hi'], await runEnv());
    expect(r.code, r.stderr).toBe(0);
    const rec = await standIns.recorded('codex');
    const flags = rec.args.slice(0, -2);
    expect(rec.args.slice(-2)).toEqual(['exec', 'say hi']);
    const values = flags.filter((_, i) => i % 2 === 1);
    expect(flags.filter((_, i) => i % 2 === 0).every((f) => f === '-c')).toBe(true);
    expect(values).toEqual(
      expect.arrayContaining([
        'model_provider="gateway"',
        `model_providers.gateway.base_url="${gw!.url}/v1"`,
        'model_providers.gateway.wire_api="responses"',
        'model_providers.gateway.env_key="GATEWAY_API_KEY"',
        'model="gemini-3.1-pro-high"',
      ]),
    );
    expect(rec.env.GATEWAY_API_KEY).toBe(KEY);

    const own = await runCli(['run', 'codex', '-m', 'my-model'], await runEnv());
    expect(own.code, own.stderr).toBe(0);
    expect((await standIns.recorded('codex')).args.some((a) => a.startsWith('model='))).toBe(false);
  });

  it('gemini: the Gemini API base URL and key, and the API-key auth type in a temporary settings layer that is removed afterwards', async () => {
    const r = await runCli(['run', 'gemini', '-p', 'hi'], await runEnv({ GOOGLE_GENAI_USE_VERTEXAI: 'true' }));
    expect(r.code, r.stderr).toBe(0);
    const rec = await standIns.recorded('gemini');
    expect(rec.args).toEqual(['-p', 'hi']);
    expect(rec.env.GOOGLE_GEMINI_BASE_URL).toBe(gw!.url);
    expect(rec.env.GEMINI_API_KEY).toBe(KEY);
    expect(rec.env.GOOGLE_GENAI_USE_VERTEXAI).toBeUndefined();
    expect(rec.settings).toEqual({ security: { auth: { selectedType: 'gemini-api-key' } } });
    await expect(readdir(join(rec.env.GEMINI_CLI_SYSTEM_SETTINGS_PATH!, '..'))).rejects.toThrow(/ENOENT/);
  });

  it('opencode: an OpenAI-compatible provider with the pool models, laid over the user inline config', async () => {
    const r = await runCli(['run', 'opencode'], await runEnv({ OPENCODE_CONFIG_CONTENT: '{"theme": "mine"}' }));
    expect(r.code, r.stderr).toBe(0);
    const content = JSON.parse((await standIns.recorded('opencode')).env.OPENCODE_CONFIG_CONTENT!) as {
      theme: string;
      model: string;
      provider: { gateway: { npm: string; options: { baseURL: string; apiKey: string }; models: Record<string, unknown> } };
    };
    expect(content.theme).toBe('mine');
    expect(content.provider.gateway.npm).toBe('@ai-sdk/openai-compatible');
    expect(content.provider.gateway.options).toEqual({ baseURL: `${gw!.url}/v1`, apiKey: KEY });
    expect(Object.keys(content.provider.gateway.models)).toEqual(expect.arrayContaining(['claude-sonnet-4-6', 'gemini-3-flash', 'gemini-3.1-pro-high']));
    expect(content.model).toMatch(/^gateway\//);
  });

  it('says how to install a client that is not on PATH, and refuses an unknown client', async () => {
    const env = await runEnv({ PATH: '/nonexistent' });
    const missing = await runCli(['run', 'codex'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/codex is not installed.*npm install -g @openai\/codex/);
    const unknown = await runCli(['run', 'vim'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown client "vim".*claude, codex, gemini, opencode/);
  });
});

describe('gateway run without a running gateway', () => {
  beforeEach(() => assertBuilt());

  it('starts one in the background, says so, and the client reaches it', async () => {
    const emulator = await startEmulator();
    const temp = await makeTempHome();
    const port = await freePort();
    let pid: number | undefined;
    try {
      const env = { ...cliEnv(temp.home, { ...emulator.env, GATEWAY_PORT: String(port) }), PATH: standIns.path, STANDIN_RECORD_DIR: standIns.recordDir };
      const r = await runCli(['run', 'claude'], env);
      pid = Number(/pid (\d+)/.exec(r.stderr)?.[1]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(new RegExp(`Started a gateway in the background on http://127\\.0\\.0\\.1:${port} \\(pid \\d+, log .*gateway\\.log\\)`));
      expect((await standIns.recorded('claude')).env.ANTHROPIC_BASE_URL).toBe(`http://127.0.0.1:${port}`);
      expect(((await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as { status: string }).status).toBe('no-accounts');
    } finally {
      if (pid) process.kill(pid, 'SIGTERM');
      await emulator.close();
      await temp.cleanup();
    }
  });

  it('--no-start fails instead', async () => {
    const temp = await makeTempHome();
    try {
      const port = await freePort();
      const r = await runCli(['run', '--no-start', 'claude'], { ...cliEnv(temp.home, { GATEWAY_PORT: String(port) }), PATH: standIns.path });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/No gateway answers on .*leave out --no-start/);
    } finally {
      await temp.cleanup();
    }
  });
});
