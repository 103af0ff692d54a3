// An answer's body as an async iterable that hands over everything received since the last pull
// as one chunk. Node's own iterator resolves a promise per HTTP chunk, and Google sends an SSE
// event per HTTP chunk: eight events that arrive in one socket read would cost eight resumptions
// of every reader above. Bytes are never split or reordered, and the readers above frame on
// content (SSE blank lines, UTF-8), never on chunk boundaries.
import type { IncomingMessage } from 'node:http';

/** Past this many unread bytes the socket is paused until the reader catches up. */
const HIGH_WATER = 1 << 16;

const ignore = (): void => {};

function prematureClose(): Error {
  const e = new Error('The connection closed before the answer was complete.');
  (e as NodeJS.ErrnoException).code = 'ECONNRESET';
  return e;
}

/**
 * @example for await (const bytes of batchedBody(res)) parser.push(bytes);
 * Breaking out of the loop (return) destroys an answer that was not read to its end.
 */
export function batchedBody(res: IncomingMessage): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
      let queue: Buffer[] = [];
      let queued = 0;
      let ended = false;
      let failure: Error | undefined;
      let waiter: { resolve(r: IteratorResult<Uint8Array>): void; reject(e: Error): void } | undefined;

      const take = (): IteratorResult<Uint8Array> => {
        const value = queue.length === 1 ? queue[0]! : Buffer.concat(queue, queued);
        queue = [];
        queued = 0;
        if (res.isPaused() && !ended) res.resume();
        return { done: false, value };
      };
      const cleanup = (): void => {
        res.off('data', onData);
        res.off('end', onEnd);
        res.off('error', onError);
        res.off('close', onClose);
        // A late error from tearing the answer down must not become an uncaught exception.
        res.on('error', ignore);
      };
      // Answers a waiting pull once there is something to answer with; otherwise it keeps waiting.
      const settle = (): void => {
        const w = waiter;
        if (w === undefined) return;
        if (queue.length > 0) {
          waiter = undefined;
          w.resolve(take());
        } else if (failure !== undefined) {
          waiter = undefined;
          cleanup();
          w.reject(failure);
        } else if (ended) {
          waiter = undefined;
          cleanup();
          w.resolve({ done: true, value: undefined });
        }
      };
      function onData(chunk: Buffer): void {
        queue.push(chunk);
        queued += chunk.length;
        if (queued > HIGH_WATER) res.pause();
        settle();
      }
      function onEnd(): void {
        ended = true;
        settle();
      }
      function onError(e: Error): void {
        failure ??= e;
        settle();
      }
      function onClose(): void {
        // Closed without 'end' (and without an error event on some Node versions): a cut answer.
        if (!ended) failure ??= prematureClose();
        settle();
      }
      res.on('data', onData);
      res.on('end', onEnd);
      res.on('error', onError);
      res.on('close', onClose);

      return {
        next() {
          if (queue.length > 0) return Promise.resolve(take());
          return new Promise((resolve, reject) => {
            waiter = { resolve, reject };
            settle();
          });
        },
        return() {
          cleanup();
          if (!ended) res.destroy();
          return Promise.resolve({ done: true, value: undefined });
        },
      };
    },
  };
}
