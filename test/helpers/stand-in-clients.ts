// Stand-ins for claude, codex, gemini and opencode: tiny programs on a temp PATH that record the
// arguments and environment they were started with (and the gemini settings file they were handed)
// to a JSON file, then exit with STANDIN_EXIT, or wait for a signal when STANDIN_WAIT is set.
import { mkdir, readFile, writeFile, chmod } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

const SCRIPT = (name: string): string => `#!${process.execPath}
const fs = require('fs');
const path = require('path');
const dir = process.env.STANDIN_RECORD_DIR;
const record = (extra) => {
  let settings;
  try { settings = JSON.parse(fs.readFileSync(process.env.GEMINI_CLI_SYSTEM_SETTINGS_PATH, 'utf8')); } catch {}
  fs.writeFileSync(path.join(dir, ${JSON.stringify(name)} + '.json'), JSON.stringify({ args: process.argv.slice(2), env: process.env, settings, ...extra }));
};
if (process.env.STANDIN_WAIT) {
  record({ waiting: true });
  process.on('SIGTERM', () => {
    record({ got: 'SIGTERM' });
    process.removeAllListeners('SIGTERM');
    process.kill(process.pid, 'SIGTERM');
  });
  setInterval(() => {}, 1000);
} else {
  record({});
  process.exit(Number(process.env.STANDIN_EXIT || 0));
}
`;

export interface Recorded {
  args: string[];
  env: Record<string, string>;
  settings?: unknown;
  waiting?: boolean;
  got?: string;
}

export interface StandIns {
  binDir: string;
  recordDir: string;
  /** PATH with the stand-ins first. */
  path: string;
  recorded(name: string): Promise<Recorded>;
}

export async function makeStandIns(root: string, names: readonly string[]): Promise<StandIns> {
  const binDir = join(root, 'bin');
  const recordDir = join(root, 'records');
  await mkdir(binDir, { recursive: true });
  await mkdir(recordDir, { recursive: true });
  for (const name of names) {
    const file = join(binDir, name);
    await writeFile(file, SCRIPT(name));
    await chmod(file, 0o755);
  }
  return {
    binDir,
    recordDir,
    path: [binDir, process.env.PATH ?? ''].join(delimiter),
    recorded: async (name) => JSON.parse(await readFile(join(recordDir, `${name}.json`), 'utf8')) as Recorded,
  };
}
