// `gateway setup <client>` on sample config files in a temp HOME: the dry run shows a diff and
// writes nothing, --write changes only the keys gateway owns (comments, formatting and unrelated
// keys kept) with a backup, and --undo puts every file back byte for byte.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { parse as parseToml } from 'smol-toml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliEnv, runCli } from '../helpers/cli.js';

let root: string;
let home: string;
let gatewayHome: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'gateway-setup-'));
  home = join(root, 'home');
  gatewayHome = join(root, 'gateway');
  await mkdir(home);
});
afterEach(() => rm(root, { recursive: true, force: true }));

const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...cliEnv(gatewayHome, { GATEWAY_PORT: '18555' }),
  HOME: home,
  XDG_CONFIG_HOME: join(home, '.config'),
  ...extra,
});

async function put(rel: string, text: string): Promise<string> {
  const path = join(home, rel);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, text);
  return path;
}

const read = (path: string): Promise<string> => readFile(path, 'utf8');

const CLAUDE = `{
  // my own settings: keep this comment
  "model": "opus",
  "permissions": {
    "allow": ["Bash(npm test)"] // and this one
  },
  "env": {
    "MY_VAR": "1"
  }
}
`;

const CODEX = `# my codex config
model = "gpt-5-codex"   # the default I like
approval_policy = "on-request"

[mcp_servers.docs]
command = "npx"   # kept as written
args = ["-y", "docs-mcp"]
`;

describe('gateway setup claude-code', () => {
  it('dry run: prints the diff and writes nothing', async () => {
    const path = await put('.claude/settings.json', CLAUDE);
    const r = await runCli(['setup', 'claude-code'], env());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`--- ${path}`);
    expect(r.stdout).toMatch(/^\+\s+"ANTHROPIC_BASE_URL": "http:\/\/127\.0\.0\.1:18555",?$/m);
    expect(r.stderr).toMatch(/Dry run: nothing was written.*--write/);
    expect(await read(path)).toBe(CLAUDE);
    expect(await readdir(join(home, '.claude'))).toEqual(['settings.json']);
  });

  it('--write sets only the env keys, keeps comments and other keys, backs up; --undo restores byte for byte', async () => {
    const path = await put('.claude/settings.json', CLAUDE);
    const w = await runCli(['setup', 'claude', '--write'], env({ GATEWAY_API_KEY: 'sk-setup-key-123456' }));
    expect(w.code, w.stderr).toBe(0);
    expect(w.stdout).toMatch(/Wrote .*settings\.json \(backup: .*settings\.json\.gateway-backup-\d{8}-\d{6}\)/);
    expect(w.stdout + w.stderr).not.toContain('sk-setup-key-123456');
    const after = await read(path);
    expect(after).toContain('// my own settings: keep this comment');
    expect(after).toContain('"allow": ["Bash(npm test)"] // and this one');
    const parsed = parseJsonc(after) as { model: string; env: Record<string, string> };
    expect(parsed.model).toBe('opus');
    expect(parsed.env).toEqual({
      MY_VAR: '1',
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:18555',
      ANTHROPIC_AUTH_TOKEN: 'sk-setup-key-123456',
      ANTHROPIC_DEFAULT_OPUS_MODEL: 'claude-opus-4-6-thinking',
      ANTHROPIC_DEFAULT_SONNET_MODEL: 'claude-sonnet-4-6',
      ANTHROPIC_DEFAULT_HAIKU_MODEL: 'gemini-3-flash',
    });
    // Again: nothing to change, and --undo still goes back to the original.
    const again = await runCli(['setup', 'claude', '--write'], env({ GATEWAY_API_KEY: 'sk-setup-key-123456' }));
    expect(again.stderr).toMatch(/already points at the gateway/);
    const u = await runCli(['setup', 'claude', '--undo'], env());
    expect(u.code, u.stderr).toBe(0);
    expect(u.stdout).toMatch(/Restored .*settings\.json/);
    expect(await read(path)).toBe(CLAUDE);
    expect(await readdir(join(home, '.claude'))).toEqual(['settings.json']);
    expect((await runCli(['setup', 'claude', '--undo'], env())).stderr).toMatch(/Nothing to undo/);
  });

  it('--undo keeps edits the user made after the write beside the file', async () => {
    const path = await put('.claude/settings.json', CLAUDE);
    await runCli(['setup', 'claude-code', '--write'], env());
    await writeFile(path, (await read(path)).replace('"opus"', '"sonnet"'));
    const u = await runCli(['setup', 'claude-code', '--undo'], env());
    expect(u.stderr).toMatch(/had changed since gateway wrote it; that version is kept as .*gateway-undo-/);
    expect(await read(path)).toBe(CLAUDE);
    const kept = (await readdir(join(home, '.claude'))).find((f) => f.includes('gateway-undo-'))!;
    expect(await read(join(home, '.claude', kept))).toContain('"sonnet"');
  });

  it('a settings file that does not exist yet is created, and --undo removes it', async () => {
    const w = await runCli(['setup', 'claude-code', '--write'], env({ CLAUDE_CONFIG_DIR: join(home, 'cc') }));
    expect(w.code, w.stderr).toBe(0);
    expect(w.stdout).toMatch(/cc\/settings\.json \(new file\)/);
    expect((parseJsonc(await read(join(home, 'cc', 'settings.json'))) as { env: Record<string, string> }).env.ANTHROPIC_AUTH_TOKEN).toBe('gateway');
    await runCli(['setup', 'claude-code', '--undo'], env({ CLAUDE_CONFIG_DIR: join(home, 'cc') }));
    expect(await readdir(join(home, 'cc'))).toEqual([]);
  });

  it('refuses a settings file that is not JSON, and changes nothing', async () => {
    const path = await put('.claude/settings.json', '{ "env": ');
    const r = await runCli(['setup', 'claude-code', '--write'], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/settings\.json is not valid JSON; it was left as it is/);
    expect(await read(path)).toBe('{ "env": ');
  });
});

describe('gateway setup codex', () => {
  it('--write appends a marked provider table (the rest of config.toml byte for byte) and a profile; --undo restores', async () => {
    const codexHome = join(home, 'codex-home');
    const path = join(codexHome, 'config.toml');
    await mkdir(codexHome);
    await writeFile(path, CODEX);
    const e = env({ CODEX_HOME: codexHome, GATEWAY_API_KEY: 'sk-codex-key-000000' });
    const dry = await runCli(['setup', 'codex'], e);
    expect(dry.stdout).toMatch(/^\+\[model_providers\.gateway\]$/m);
    expect(await read(path)).toBe(CODEX);

    const w = await runCli(['setup', 'codex', '--write'], e);
    expect(w.code, w.stderr).toBe(0);
    const after = await read(path);
    expect(after.startsWith(CODEX)).toBe(true);
    const parsed = parseToml(after) as {
      model: string;
      mcp_servers: { docs: { command: string } };
      model_providers: { gateway: Record<string, string> };
    };
    expect(parsed.model).toBe('gpt-5-codex');
    expect(parsed.mcp_servers.docs.command).toBe('npx');
    expect(parsed.model_providers.gateway).toEqual({
      name: 'gateway',
      base_url: 'http://127.0.0.1:18555/v1',
      wire_api: 'responses',
      env_key: 'GATEWAY_API_KEY',
    });
    expect(parseToml(await read(join(codexHome, 'gateway.config.toml')))).toEqual({ model_provider: 'gateway', model: 'gemini-3.1-pro-high' });
    expect(w.stdout).toMatch(/codex --profile gateway/);
    expect(w.stdout).toMatch(/export it in the shell/);

    // Written twice, the block is replaced, not repeated.
    await runCli(['setup', 'codex', '--write'], env({ CODEX_HOME: codexHome, GATEWAY_PORT: '18556' }));
    const twice = await read(path);
    expect(twice.match(/\[model_providers\.gateway\]/g)).toHaveLength(1);
    expect(twice).toContain('base_url = "http://127.0.0.1:18556/v1"');
    expect(twice.startsWith(CODEX)).toBe(true);

    const u = await runCli(['setup', 'codex', '--undo'], e);
    expect(u.code, u.stderr).toBe(0);
    expect(await read(path)).toBe(CODEX);
    expect((await readdir(codexHome)).sort()).toEqual(['config.toml']);
  });

  it('refuses when the user has a provider of that name of their own', async () => {
    const path = await put('.codex/config.toml', `${CODEX}\n[model_providers.gateway]\nname = "mine"\n`);
    const r = await runCli(['setup', 'codex', '--write'], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/already defines \[model_providers\.gateway\] outside the block/);
    expect(await read(path)).toContain('name = "mine"');
  });
});

describe('gateway setup gemini-cli and opencode', () => {
  it('gemini-cli: settings.json auth type and model, .env block; --undo restores both', async () => {
    const settings = await put('.gemini/settings.json', '{\n  "theme": "Atom One",\n  "security": { "auth": { "selectedType": "oauth-personal" } }\n}\n');
    const dotenv = await put('.gemini/.env', '# mine\nOTHER=1\n');
    const before = [await read(settings), await read(dotenv)];
    const w = await runCli(['setup', 'gemini-cli', '--write'], env());
    expect(w.code, w.stderr).toBe(0);
    const s = parseJsonc(await read(settings)) as { theme: string; security: { auth: { selectedType: string } }; model: { name: string } };
    expect(s.theme).toBe('Atom One');
    expect(s.security.auth.selectedType).toBe('gemini-api-key');
    expect(s.model.name).toBe('gemini-3.1-pro-high');
    const e = await read(dotenv);
    expect(e.startsWith('# mine\nOTHER=1\n')).toBe(true);
    expect(e).toMatch(/^GOOGLE_GEMINI_BASE_URL=http:\/\/127\.0\.0\.1:18555$/m);
    expect(e).toMatch(/^GEMINI_API_KEY=gateway$/m);
    await runCli(['setup', 'gemini', '--undo'], env());
    expect([await read(settings), await read(dotenv)]).toEqual(before);
  });

  it('gemini-cli: refuses to shadow a key the user set in .env, and names the line', async () => {
    await put('.gemini/.env', 'A=1\nGEMINI_API_KEY=AIza-mine\n');
    const r = await runCli(['setup', 'gemini-cli', '--write'], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/already sets GEMINI_API_KEY \(line 2\)/);
  });

  it('opencode: a "gateway" provider in opencode.jsonc, the user model and comments kept', async () => {
    const text = '{\n  // mine\n  "model": "anthropic/claude-sonnet-4-5",\n  "theme": "tokyonight",\n}\n';
    const path = await put('.config/opencode/opencode.jsonc', text);
    const w = await runCli(['setup', 'opencode', '--write'], env());
    expect(w.code, w.stderr).toBe(0);
    const after = await read(path);
    expect(after).toContain('// mine');
    const parsed = parseJsonc(after) as { model: string; theme: string; provider: { gateway: { options: { baseURL: string } } } };
    expect(parsed.model).toBe('anthropic/claude-sonnet-4-5');
    expect(parsed.theme).toBe('tokyonight');
    expect(parsed.provider.gateway.options.baseURL).toBe('http://127.0.0.1:18555/v1');
    expect(w.stdout).toMatch(/Your default model stays anthropic\/claude-sonnet-4-5/);
    await runCli(['setup', 'opencode', '--undo'], env());
    expect(await read(path)).toBe(text);
  });
});

describe('gateway setup for clients without a file', () => {
  it('prints what to paste into Cline, and refuses an unknown client', async () => {
    const r = await runCli(['setup', 'cline'], env({ GATEWAY_API_KEY: 'sk-not-printed-1234' }));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/API Provider\s+OpenAI Compatible/);
    expect(r.stdout).toMatch(/Base URL\s+http:\/\/127\.0\.0\.1:18555\/v1/);
    expect(r.stdout).toMatch(/API Key\s+<your GATEWAY_API_KEY>/);
    expect(r.stdout).not.toContain('sk-not-printed-1234');
    expect((await runCli(['setup', 'continue'], env())).stdout).toMatch(/apiBase: http:\/\/127\.0\.0\.1:18555\/v1/);
    expect((await runCli(['setup', 'cursor'], env())).stdout).toMatch(/gateway start --tunnel/);
    const bad = await runCli(['setup', 'emacs'], env());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Unknown client "emacs"/);
  });
});

describe('gateway setup codex on a config it cannot extend', () => {
  it('says so and leaves an inline model_providers table as it is', async () => {
    const text = 'model_providers = { other = { name = "x", base_url = "http://x" } }\n';
    const path = await put('.codex/config.toml', text);
    const r = await runCli(['setup', 'codex', '--write'], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/without breaking it \(is model_providers an inline table\?\)/);
    expect(await read(path)).toBe(text);
  });
});
