// Runs the CLI in the test's own process through main(argv, io): no build, no child process, and
// the emulator and the code under test share one event loop. Output is captured as text, with no
// colour (NO_COLOR) and no spinner (the streams are not terminals).
import { Readable, Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { CliResult } from './run-cli.js';

function sink(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

/** `gateway <args>` with this environment (see cliEnv), and optional text on stdin. */
export async function runCliInProcess(args: string[], env: NodeJS.ProcessEnv, stdin = ''): Promise<CliResult> {
  const out = sink();
  const err = sink();
  const code = await main(['node', 'gateway', ...args], {
    env: { NO_COLOR: '1', ...env },
    stdout: out.stream,
    stderr: err.stream,
    stdin: Readable.from([stdin]),
  });
  return { code, stdout: out.text(), stderr: err.text() };
}
