/** What every command gets from main: the process's streams and environment, injectable for tests. */
export interface CliIO {
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Where pasted answers are read from (`accounts add --no-browser`); process.stdin when left out. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Stops a long-running command (`start`) like SIGTERM would; tests run it in-process this way. */
  signal?: AbortSignal;
}
