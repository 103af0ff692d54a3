// Whether a stream gets colour: never with NO_COLOR or TERM=dumb, FORCE_COLOR wins, else a TTY.
// Kept apart from output.ts so that main can colour commander's usage errors without loading chalk.
import type { CliIO } from './context.js';

export function colorLevel(env: NodeJS.ProcessEnv, stream: CliIO['stdout'] | CliIO['stderr']): 0 | 1 {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false' ? 0 : 1;
  if (env.TERM === 'dumb') return 0;
  return stream.isTTY ? 1 : 0;
}
