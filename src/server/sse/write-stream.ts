// Writes rendered frames to the client with backpressure. The frames of one tick are joined into
// one string and written once: one conversion and one syscall, where a write per frame (even
// corked) cost a buffer and a bookkeeping entry each.
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
  let pending = '';
  let scheduled = false;
  let full: Promise<void> | undefined;
  // Runs once the frames that were ready together are all in `pending`.
  const flush = (): void => {
    scheduled = false;
    if (pending === '' || res.destroyed) return;
    const text = pending;
    pending = '';
    if (!res.write(text)) full ??= drainOrClose(res);
  };
  try {
    for await (const frame of frames) {
      // The client left: stop pulling, which lets the upstream call be torn down.
      if (res.destroyed) break;
      pending += frame;
      if (!scheduled) {
        scheduled = true;
        process.nextTick(flush);
      }
      if (full !== undefined) {
        await full;
        full = undefined;
      }
    }
  } finally {
    flush();
    if (!res.writableEnded) res.end();
  }
}

/**
 * The same frames as a web ReadableStream, for runtimes without node:http (app.request in tests);
 * `onDone` runs once, when the frames ended or the reader cancelled.
 */
export function framesToReadable(frames: AsyncIterable<string>, onDone?: () => void): ReadableStream<Uint8Array> {
  const it = frames[Symbol.asyncIterator]();
  const enc = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let r: IteratorResult<string>;
      try {
        r = await it.next();
      } catch (e) {
        onDone?.();
        throw e;
      }
      if (r.done) {
        controller.close();
        onDone?.();
      } else controller.enqueue(enc.encode(r.value));
    },
    async cancel() {
      onDone?.();
      await it.return?.();
    },
  });
}
