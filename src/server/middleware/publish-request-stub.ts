// TEMPORARY (issue 13, dashboard branch): publishes a rough record of each generation request to
// the live feed so the dashboard's live log can be built and tested. The ledger branch replaces
// this file with the real per-request record (account, failovers, cost); delete it then.
import type { MiddlewareHandler } from 'hono';
import type { CanonicalEvent } from '../../canonical/index.js';
import type { Backend } from '../../pool/backend.js';
import type { RequestFeed } from '../../usage/request-feed.js';
import type { RequestRecord } from '../../usage/request-record.js';
import type { AppEnv } from '../types.js';

const GENERATION = /^\/v1\/(messages|chat\/completions|responses)$|^\/v1beta\/models\/[^/]+:(generateContent|streamGenerateContent)$/;

export function publishRequestStub(feed: RequestFeed, backend: Backend): { backend: Backend; middleware: MiddlewareHandler<AppEnv> } {
  const pending = new Map<string, RequestRecord>();
  const tap = async function* (events: AsyncIterable<CanonicalEvent>, r: RequestRecord): AsyncIterable<CanonicalEvent> {
    for await (const e of events) {
      if (e.type === 'usage' || e.type === 'finish') {
        r.inputTokens = e.usage.inputTokens;
        r.outputTokens = e.usage.outputTokens;
        r.cachedTokens = e.usage.cachedInputTokens ?? 0;
        r.thinkingTokens = e.usage.reasoningTokens ?? 0;
      }
      if (e.type === 'message-start') r.modelServed = e.model;
      yield e;
    }
  };
  const wrapped: Backend = new Proxy(backend, {
    get(target, prop, receiver) {
      if (prop !== 'generate') {
        const v: unknown = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? v.bind(target) : v;
      }
      return async (req: Parameters<Backend['generate']>[0], signal: AbortSignal) => {
        const r = pending.get(req.requestId);
        if (r) {
          r.modelAsked = req.model;
          r.streamed = req.stream;
        }
        const events = await target.generate(req, signal);
        return r ? tap(events, r) : events;
      };
    },
  });
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (c.req.method !== 'POST' || !GENERATION.test(c.req.path)) return next();
    const id = c.get('requestId');
    const r: RequestRecord = {
      id, at: Date.now(), dialect: 'unknown', route: `POST ${c.req.path}`, modelAsked: '', strategy: 'unknown',
      attempts: 1, failovers: 0, status: 0, inputTokens: 0, outputTokens: 0, thinkingTokens: 0, cachedTokens: 0, latencyMs: 0, streamed: false,
    };
    pending.set(id, r);
    try {
      await next();
    } finally {
      pending.delete(id);
      r.status = c.res.status;
      r.latencyMs = Date.now() - r.at;
      feed.publish(r);
    }
  };
  return { backend: wrapped, middleware };
}
