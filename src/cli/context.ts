/** What every command gets from main: the process's streams and environment, injectable for tests. */
export interface CliIO {
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Where pasted answers are read from (`accounts add --no-browser`); process.stdin when left out. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Resolves when the command wants the process to keep running (start) and then ends. */
}
