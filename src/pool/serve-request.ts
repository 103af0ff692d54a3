// The request path of the pool: a request's model resolved, then one upstream call per attempt
// under the failover loop, each attempt written into the request's trace.
import type { CanonicalRequest } from '../canonical/index.js';
import type { AccountContext } from '../upstreams/upstream.js';
import type { PoolAccount } from './account-registry.js';
import type { Backend, GenerationTrace } from './backend.js';
import { bufferStream } from './buffer-stream.js';
import { classifyCooldown } from './cooldowns.js';
import { noAccountError } from './exhausted-error.js';
import { runWithFailover } from './failover.js';
import { failoverHooks, type Attempt } from './failover-hooks.js';
import { peekStream } from './peek-stream.js';
import type { PoolParts } from './pool-parts.js';
import { resolveModel } from './resolve-model.js';
import type { PoolLife } from './start-pool.js';

/** One more upstream call for this request; a different account than the last one is a failover. */
function noteAttempt(trace: GenerationTrace, account: PoolAccount): void {
  const { email, flavor } = account.record;
  trace.attempts++;
  if (trace.account !== undefined && trace.account !== email) trace.failovers++;
  trace.account = email;
  trace.flavor = flavor;
}

export function createServing(parts: PoolParts, life: PoolLife): Pick<Backend, 'generate' | 'countTokens'> {
  const { upstream, store, registry, cooldowns, picker, now } = parts;

  /** The pool model the request is for, once the accounts are ready; written into the trace. */
  const prepare = async (req: CanonicalRequest, trace: GenerationTrace | undefined): Promise<string> => {
    // The strategy before anything can fail: a request no account can take is recorded too. The
    // live one: config.json may have changed it since start.
    if (trace !== undefined) trace.strategy = parts.live.strategy;
    if (life.quotaPending()) await life.firstQuota;
    // While the store's watch reports every change, a request only waits for a reload in flight
    // instead of checking the file itself (a stat and a few promises per request).
    const reloading = store.watching?.() === true ? registry.pending() : registry.sync();
    if (reloading !== undefined) await reloading;
    if (!registry.anyUsable()) throw noAccountError(registry.list());
    const model = resolveModel(req.model, parts.live.aliases, picker.catalog());
    if (trace !== undefined) trace.modelServed = model;
    return model;
  };

  /** The account of one attempt, as the upstream sees it; the attempt keeps the token it used. */
  const contextFor = (a: Attempt, trace: GenerationTrace | undefined): AccountContext => {
    if (trace !== undefined) noteAttempt(trace, a.account);
    return registry.context(a.account, (token) => (a.token = token));
  };

  return {
    async generate(req, signal, trace, controller) {
      const model = await prepare(req, trace);
      return runWithFailover(failoverHooks(parts, model, req.sessionKey), controller ?? signal, (a, attempt) => {
        const account = contextFor(a, trace);
        const id = a.account.record.id;
        const source = upstream.stream({ request: req, model, account, signal: attempt.signal, listed: registry.quota.get(id, model) !== undefined });
        // A folded answer reaches the client only when complete, so a break midway still fails over.
        if (!req.stream) return bufferStream(source, attempt.started);
        return peekStream(source, (error) => {
          // Too late to fail over, but the next request should not walk into the same wall.
          if (error.kind !== 'rate_limited') return;
          const c = classifyCooldown(error, now(), cooldowns.last(id, model));
          if (c) cooldowns.set(id, model, c);
        });
      });
    },
    async countTokens(req, signal, trace, controller) {
      const model = await prepare(req, trace);
      return runWithFailover(failoverHooks(parts, model, req.sessionKey), controller ?? signal, (a, attempt) =>
        upstream.countTokens({ request: req, model, account: contextFor(a, trace), signal: attempt.signal }),
      );
    },
  };
}
