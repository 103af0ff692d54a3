// The CLI's general contract, through main(argv, io) in-process: the version, usage errors as exit
// 2 on one line, --help with examples, --debug, no colour on a pipe. The commands themselves
// are tested end to end in test/e2e/cli-*.test.ts.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliEnv, runCli } from '../../test/helpers/cli.js';
import { makeTempHome } from '../../test/helpers/temp-home.js';

let home: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ home, cleanup } = await makeTempHome()));
afterEach(() => cleanup());

const env = (): NodeJS.ProcessEnv => cliEnv(home);

describe('the CLI contract', () => {
  it('--version (and -V) prints the package version', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const result = await runCli([flag], env());
      expect(result.code, flag).toBe(0);
      expect(result.stdout.trim(), flag).toBe(pkg.version);
    }
  });

  it('usage errors exit 2', async () => {
    expect((await runCli(['accounts', 'frobnicate'], env())).code).toBe(2);
    expect((await runCli(['accounts', 'add', '--flavor', 'nope'], env())).code).toBe(2);
    expect((await runCli(['accounts', 'remove'], env())).code).toBe(2);
    const strategy = await runCli(['start', '--strategy', 'fastest'], env());
    expect(strategy.code).toBe(2);
    expect(strategy.stderr.trim().split('\n')).toHaveLength(1);
    // One line that also says what to do next: the help, or the near miss commander found.
    expect(strategy.stderr.trim()).toMatch(/^error: .*fastest.* \(see --help\)$/);
    const typo = await runCli(['start', '--prot', '9000'], env());
    expect(typo.code).toBe(2);
    expect(typo.stderr.trim()).toBe("error: unknown option '--prot' (Did you mean --port?)");
  });

  it('every accounts command has --help with an example', async () => {
    for (const cmd of ['add', 'list', 'remove', 'verify', 'import']) {
      const result = await runCli(['accounts', cmd, '--help'], env());
      expect(result.code, cmd).toBe(0);
      expect(result.stdout, cmd).toMatch(/Examples?:\n {2}\$ gateway accounts/);
    }
  });

  it('--debug adds the stack to an error', async () => {
    await writeFile(join(home, 'accounts.json'), 'not json');
    const plain = await runCli(['accounts', 'list'], env());
    const debug = await runCli(['--debug', 'accounts', 'list'], env());
    expect(plain.code).toBe(1);
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    expect(debug.stderr).toMatch(/\n\s+at /);
    expect(debug.code).toBe(1);
  });

  it('writes no colour codes when NO_COLOR is set or output is piped', async () => {
    await writeFile(join(home, 'accounts.json'), 'not json');
    const result = await runCli(['accounts', 'list'], env());
    expect(result.stderr).toMatch(/^error: /);
    expect(result.stderr).not.toContain('\u001b[');
  });
});
