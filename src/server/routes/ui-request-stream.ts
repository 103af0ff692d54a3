// GET /ui/api/requests/stream: the live request log as server-sent events. A new subscriber first
// gets the latest records, then each one as it is published; a comment line keeps idle proxies
// from closing the connection.
import type { RequestFeed } from '../../usage/request-feed.js';
import type { RequestRecord } from '../../usage/request-record.js';

const RECENT_ON_CONNECT = 100;
/** A client this many events behind is cut; the page reconnects and starts from recent() again. */
const MAX_QUEUED = 1000;

/**
 * `closing` fires when the server stops: a live log holds no answer anyone waits for, so it ends at
 * once instead of holding the shutdown for its drain time.
 */
export function requestStream(feed: RequestFeed, pingMs: number, closing?: AbortSignal): Response {
  const encoder = new TextEncoder();
  let stop = (): void => {};
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let open = true;
        const write = (text: string): void => {
          if (!open) return;
          if ((controller.desiredSize ?? 0) < -MAX_QUEUED) {
            stop();
            controller.close();
            return;
          }
          controller.enqueue(encoder.encode(text));
        };
        const send = (r: RequestRecord): void => write(`event: request\ndata: ${JSON.stringify(r)}\n\n`);
        // Tells the page how often to expect a sign of life, and that the backlog is complete.
        write(`retry: 2000\n\n`);
        for (const r of feed.recent(RECENT_ON_CONNECT)) send(r);
        write(`event: ready\ndata: {}\n\n`);
        const unsubscribe = feed.subscribe(send);
        const ping = setInterval(() => write(': ping\n\n'), pingMs);
        ping.unref();
        const end = (): void => {
          stop();
          controller.close();
        };
        stop = () => {
          open = false;
          unsubscribe();
          clearInterval(ping);
          closing?.removeEventListener('abort', end);
        };
        if (closing?.aborted) end();
        else closing?.addEventListener('abort', end, { once: true });
      },
      cancel() {
        stop();
      },
    },
    { highWaterMark: 1 },
  );
  return new Response(body, {
    status: 200,
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' },
  });
}
