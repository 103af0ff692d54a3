// What a new user meets in the first ten minutes (issue 12): help without a command, -V, the
// refused empty token, an unusable home said in words, config.json problems all at once, the
// starter config, a named import source that is missing, `status` without accounts, --json for
// verify / import / remove, remove asking first in a terminal, the offer to add an account at
// `start`, GET /refresh-token, and no spinner in a terminal without a size. In-process (main()).
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOutput } from '../../src/cli/output.js';
import { startEmulator, type Emulator } from '../emulator/server.js';
import { captureStream, cliEnv, runCli, startCli } from '../helpers/cli.js';
import { seedAccount } from '../helpers/seed-accounts.js';
import { startGateway } from '../helpers/start-gateway.js';
import { makeTempHome } from '../helpers/temp-home.js';

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

const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => cliEnv(temp.home, { ...emulator.env, ...extra });

/** A stdin that is a terminal and answers `answer`. */
function terminalInput(answer: string): PassThrough & { isTTY: boolean } {
  const s = new PassThrough() as PassThrough & { isTTY: boolean };
  s.isTTY = true;
  s.end(answer);
  return s;
}

describe('help and version', () => {
  it('bare `gateway` and `gateway accounts` print help on stdout and exit 0; -V prints the version', async () => {
    const bare = await runCli([], env());
    expect(bare.code).toBe(0);
    expect(bare.stdout).toMatch(/^Usage: gateway/);
    expect(bare.stdout).toMatch(/\brun\b.*\n[\s\S]*\bsetup\b/);
    const accounts = await runCli(['accounts'], env());
    expect(accounts.code).toBe(0);
    expect(accounts.stdout).toMatch(/^Usage: gateway accounts/);
    const v = await runCli(['-V'], env());
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('accounts add and import', () => {
  it('refuses an empty --refresh-token instead of starting a browser login', async () => {
    const r = await runCli(['accounts', 'add', '--refresh-token', ''], env());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--refresh-token is empty/);
    expect(emulator.state.calls('token')).toHaveLength(0);
  });

  it('names a file that stands where the home should be, before any login', async () => {
    const file = join(temp.home, 'not-a-folder');
    await writeFile(file, 'x');
    const google = emulator.state.addAccount('x@example.com');
    const r = await runCli(['accounts', 'add', '--refresh-token', google.refreshToken], env({ GATEWAY_HOME: join(file, 'gateway') }));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file} is a file, not a folder. Point GATEWAY_HOME at a folder`);
    expect(r.stderr).not.toMatch(/ENOTDIR|Unexpected/);
    expect(emulator.state.calls('token')).toHaveLength(0);
  });

  it('import fails when a file it was given is missing; --json reports what it did', async () => {
    const missing = await runCli(['accounts', 'import', '--gemini-creds', '/missing.json'], env());
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Not found: \/missing\.json; nothing was imported/);
    const google = emulator.state.addAccount('gem@example.com');
    const creds = join(temp.home, 'oauth_creds.json');
    await writeFile(creds, JSON.stringify({ refresh_token: google.refreshToken, token_type: 'Bearer' }));
    const r = await runCli(['accounts', 'import', '--gemini-creds', creds, '--antigravity-proxy', creds, '--json'], env());
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { imported: Array<{ email: string; flavor: string }> };
    expect(report.imported).toContainEqual(expect.objectContaining({ email: 'gem@example.com', flavor: 'gemini-cli' }));
    expect(r.stdout).not.toContain(google.refreshToken);
  });
});

describe('verify and remove', () => {
  it('verify --json gives a verdict per account', async () => {
    await seedAccount(temp.home, emulator, 'a@example.com');
    const r = await runCli(['accounts', 'verify', '--json'], env());
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([expect.objectContaining({ email: 'a@example.com', ok: true, state: 'active' })]);
  });

  it('remove asks in a terminal, --yes does not, --json says what went', async () => {
    await seedAccount(temp.home, emulator, 'a@example.com');
    const no = await runCli(['accounts', 'remove', 'a@example.com'], env(), { stdin: terminalInput('n\n') });
    expect(no.code).toBe(0);
    expect(no.stderr).toMatch(/Remove a@example\.com \(antigravity\) and its stored login\? \[y\/N\]/);
    expect(no.stderr).toMatch(/Nothing was removed/);
    const yes = await runCli(['accounts', 'remove', 'a@example.com', '--yes', '--json'], env(), { stdin: terminalInput('') });
    expect(yes.code, yes.stderr).toBe(0);
    expect(JSON.parse(yes.stdout)).toEqual([expect.objectContaining({ email: 'a@example.com', secretStore: 'file' })]);
    expect(JSON.parse((await runCli(['accounts', 'list', '--json'], env())).stdout)).toEqual([]);
  });
});

describe('config.json', () => {
  it('every problem at once with line and column, unknown keys with a near match', async () => {
    await writeFile(join(temp.home, 'config.json'), '{\n  "port": 9000\n  "strategy": "x"\n}\n');
    const bad = await runCli(['accounts', 'list'], env());
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/config\.json is not valid JSON \(line 3, column 3: a "," was expected\)/);
    await writeFile(join(temp.home, 'config.json'), '// mine\n{ "prot": 9000, "strategy": "fastest", "bodyLimitBytes": -1 }\n');
    const invalid = await runCli(['accounts', 'list'], env());
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/strategy: .*; bodyLimitBytes: /);
    await writeFile(join(temp.home, 'config.json'), '{ "prot": 9000 }');
    const typo = await runCli(['accounts', 'list'], env());
    expect(typo.code).toBe(0);
    expect(typo.stderr).toMatch(/unknown key "prot" is ignored \(did you mean "port"\?\)/);
  });

  it('config init writes the starter once; --force keeps the old one', async () => {
    const home = join(temp.home, 'fresh');
    const first = await runCli(['config', 'init'], env({ GATEWAY_HOME: home }));
    expect(first.code, first.stderr).toBe(0);
    expect(await readFile(join(home, 'config.json'), 'utf8')).toMatch(/^\/\/ gateway settings: JSON with comments/);
    const again = await runCli(['config', 'init'], env({ GATEWAY_HOME: home }));
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/exists already.*--force/);
    await writeFile(join(home, 'config.json'), '{ broken');
    const forced = await runCli(['config', 'init', '--force'], env({ GATEWAY_HOME: home }));
    expect(forced.code, forced.stderr).toBe(0);
    expect((await readdir(home)).some((f) => f.startsWith('config.json.bak-'))).toBe(true);
  });
});

describe('start and status without accounts', () => {
  it('start in a terminal offers to add an account; declined, it starts, writes a starter config and prints a command per client', async () => {
    const stdin = terminalInput('n\n');
    const stderr = captureStream({ isTTY: true });
    const run = startCli(['start'], env({ GATEWAY_PORT: '0' }), { stdin, stderr });
    try {
      await run.waitFor(/gateway ready on/);
      const text = run.stdout.text() + stderr.text();
      expect(text).toMatch(/No Google account in the pool yet\. Log one in now\? \[Y\/n\]/);
      expect(text).toMatch(/Claude Code\s+gateway run claude/);
      expect(text).toMatch(/Codex\s+gateway run codex/);
      expect(text).toMatch(/SDKs\s+base URL http:\/\/127\.0\.0\.1:\d+\/v1 \(OpenAI\)/);
      expect(text).toMatch(/Wrote a starter config\.json/);
      expect(await readFile(join(temp.home, 'config.json'), 'utf8')).toMatch(/JSON with comments/);
    } finally {
      run.stop();
    }
    expect((await run.done).code).toBe(0);
  });

  it('status without accounts says what to run and exits 1; --api-key reaches a keyed gateway', async () => {
    const gw = await startGateway({ accounts: [], env: { GATEWAY_API_KEY: 'sk-status-key' } });
    try {
      const port = new URL(gw.url).port;
      const without = await runCli(['status', '--port', port], env());
      expect(without.code).toBe(1);
      expect(without.stderr).toMatch(/answered 401.*--api-key/);
      const r = await runCli(['status', '--port', port, '--api-key', 'sk-status-key'], env());
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/0 of 0 accounts active/);
      expect(r.stderr).toMatch(/No accounts yet: add one with `gateway accounts add`/);
    } finally {
      await gw.close();
    }
  });
});

describe('small things', () => {
  it('GET /refresh-token answers 405 with Allow: POST', async () => {
    const gw = await startGateway({ accounts: [] });
    try {
      const res = await fetch(`${gw.url}/refresh-token`);
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/POST \/refresh-token/);
    } finally {
      await gw.close();
    }
  });

  it('no spinner in a terminal without a size: plain lines instead', async () => {
    const stderr = captureStream({ isTTY: true, columns: 0 });
    const out = createOutput({ env: {}, stdout: captureStream(), stderr });
    const spin = await out.spinner('Working');
    spin.update('Still working');
    spin.stop();
    expect(stderr.text()).toBe('Working…\nStill working…\n');
  });
});



