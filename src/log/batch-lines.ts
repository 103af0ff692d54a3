// Log lines gathered and written once per event-loop turn: stderr on a pipe or terminal is a
// synchronous write, and one syscall per access-log line was a visible share of the server's CPU.
export interface LineBatcher {
  write(line: string): void;
  /** Writes what is pending now (before exit). */
  flush(): void;
}

/** @example const lines = batchLines((text) => process.stderr.write(text)); lines.write('one line'); */
export function batchLines(write: (text: string) => void): LineBatcher {
  let pending: string[] = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = pending.join('\n') + '\n';
    pending = [];
    write(text);
  };
  return {
    write(line) {
      pending.push(line);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
