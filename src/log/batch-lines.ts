// Log lines gathered and written together: stderr on a pipe or terminal is a synchronous write,
// and one syscall per access-log line was a visible share of the server's CPU under load.
// Functions, not methods: they are handed around unbound (`process.once('exit', lines.flush)`).
export interface LineBatcher {
  write: (line: string) => void;
  /** Writes what is pending now (before exit). */
  flush: () => void;
}

export interface BatchOptions {
  /**
   * Longest a line waits, in ms; 0 (the default) writes once per event-loop turn. A few tens of
   * ms is invisible on a terminal and turns thousands of writes a second into tens.
   */
  maxDelayMs?: number;
  /** Written at once when this many lines are pending, so a burst never piles up. */
  maxLines?: number;
}

/**
 * @example
 *   const lines = batchLines((text) => process.stderr.write(text), { maxDelayMs: 20 });
 *   lines.write('one line');
 *   process.once('exit', lines.flush);
 */
export function batchLines(write: (text: string) => void, options: BatchOptions = {}): LineBatcher {
  const delay = options.maxDelayMs ?? 0;
  const maxLines = options.maxLines ?? 512;
  let pending: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (pending.length === 0) return;
    const text = pending.join('\n') + '\n';
    pending = [];
    write(text);
  };
  return {
    write(line) {
      pending.push(line);
      if (pending.length >= maxLines) flush();
      else if (!scheduled) {
        scheduled = true;
        if (delay <= 0) setImmediate(flush);
        // Unref'd: a pending line never keeps the process alive; exit handlers call flush().
        else timer = setTimeout(flush, delay).unref();
      }
    },
    flush,
  };
}
