// Writes rendered frames to the client with backpressure, batching the frames of one tick into
// one socket write (cork until the next tick) so that small SSE events do not cost a syscall each.
import type { ServerResponse } from 'node:http';

function drainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Sends frames on a node response whose head is already written; ends the response. */
export async function writeFrames(res: ServerResponse, frames: AsyncIterable<string>): Promise<void> {
  let corked = false;
  const uncork = (): void => {
    corked = false;
    res.uncork();
  };
  try {
    for await (const frame of frames) {
      // The client left: stop pulling, which lets the upstream call be torn down.
      if (res.destroyed) break;
      if (!corked) {
        corked = true;
        res.cork();
        process.nextTick(uncork);
      }
      if (!res.write(frame)) await drainOrClose(res);
    }
  } finally {
    // Node 24 drops what is still corked when end() comes first: flush before ending.
    if (corked) uncork();
    if (!res.writableEnded) res.end();
  }
}

/** The same frames as a web ReadableStream, for runtimes without node:http (app.request in tests). */
export function framesToReadable(frames: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const it = frames[Symbol.asyncIterator]();
  const enc = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const r = await it.next();
      if (r.done) controller.close();
      else controller.enqueue(enc.encode(r.value));
    },
    async cancel() {
      await it.return?.();
    },
  });
}
