// Issue 11 row 9 with the CLI (in-process): a secrets temp file left by a writer killed mid-write (kill -9
// during `accounts add`) is removed when the gateway starts, and a secrets file others can read
// is narrowed to 0600; both are said out loud.
import { spawnSync } from 'node:child_process';
import { chmod, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedAccount } from '../helpers/seed-accounts.js';
import { startCli, useCliHome } from '../helpers/cli.js';

const cli = useCliHome();

describe('the gateway home at start (row 9)', () => {
  it.skipIf(process.platform === 'win32')('removes an orphaned secrets temp file and narrows a readable secrets file, and says so', async () => {
    await seedAccount(cli.home, cli.emulator, 'user@example.com');
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    const orphan = `.secrets.json.${deadPid}.0badc0de.tmp`;
    await writeFile(join(cli.home, orphan), '{"version":1,"secrets":{"x":"1//refresh-copy"}}', { mode: 0o600 });
    await chmod(join(cli.home, 'secrets.json'), 0o644);

    const run = startCli(['start', '--port', '0'], cli.env());
    try {
      await run.waitFor(/gateway ready on/);
    } finally {
      run.stop();
    }
    const result = await run.done;
    expect(result.code).toBe(0);
    expect(await readdir(cli.home)).not.toContain(orphan);
    expect((await stat(join(cli.home, 'secrets.json'))).mode & 0o777).toBe(0o600);
    expect(result.stderr).toContain(`warning: removed a temporary file left by an interrupted write in ${cli.home}: ${orphan}`);
    expect(result.stderr).toMatch(/warning: .*secrets\.json was readable by others \(mode 0644\); narrowed it to 0600/);
    expect(result.stderr + result.stdout).not.toContain('1//refresh-copy');
  });
});
