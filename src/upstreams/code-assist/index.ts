// The Cloud Code Assist upstream (both flavors): generation as one streaming path, token
// counting, and quota discovery.
import { randomBytes } from 'node:crypto';
import { GatewayError, isGatewayError, type CanonicalEvent } from '../../canonical/index.js';
import type { Config } from '../../config/schema.js';
import { silentLogger, type Logger } from '../../log/logger.js';
import type { CodeAssistCountTokensRequest } from '../../protocols/code-assist.js';
import { buildContents } from '../gemini-wire/build-contents.js';
import { createToolNames } from '../gemini-wire/build-tools.js';
import { modelFamily } from '../gemini-wire/model-family.js';
import { isEmptyAnswer } from '../gemini-wire/read-gemini-stream.js';
import { createSignatureCache, type SignatureCache } from '../gemini-wire/signature-cache.js';
import type { AccountContext, ModelQuota, Upstream, UpstreamCall } from '../upstream.js';
import { buildCodeAssistRequest } from './build-request.js';
import { endpointsFor, FLAVOR_INFO, flavorHeaders } from './flavors.js';
import { parseAvailableModels, parseUserQuota } from './parse-quota.js';
import { postEndpoint, type PostResponse } from './post-endpoint.js';
import { readCodeAssistStream } from './read-stream.js';

export interface CodeAssistDeps {
  fetch?: typeof fetch;
  log?: Logger;
  /** Ids for tool calls and messages Google leaves unnamed (injected so tests are exact). */
  newId?: (prefix: 'toolu' | 'msg') => string;
  uuid?: () => string;
  signatures?: SignatureCache;
}

/** An empty answer is retried this many times before the caller sees an error. */
const EMPTY_RETRIES = 1;

const randomId = (prefix: string): string => `${prefix}_${randomBytes(12).toString('base64url')}`;

/**
 * Creates the Cloud Code Assist upstream. `stream()` throws a GatewayError before its first
 * event (or the signal's reason when the caller aborted); later failures end the stream with an
 * `error` event.
 * @example
 *   const upstream = createCodeAssistUpstream(config);
 *   for await (const ev of upstream.stream({ request, model: 'gemini-3-flash', account, signal })) ...
 */
export function createCodeAssistUpstream(config: Readonly<Config>, deps: CodeAssistDeps = {}): Upstream {
  const log = deps.log ?? silentLogger;
  const newId = deps.newId ?? randomId;
  const signatures = deps.signatures ?? createSignatureCache();

  const post = async (account: AccountContext, method: string, body: unknown, headers: Record<string, string>, signal?: AbortSignal): Promise<PostResponse> => {
    const token = await account.getAccessToken(signal);
    return postEndpoint({
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      endpoints: endpointsFor(account.flavor, 'generate', config.endpoints),
      method,
      headers: { ...headers, Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
      ...(signal ? { signal } : {}),
      timeoutMs: config.upstreamTimeoutMs,
      log,
    });
  };

  const postJson = async (account: AccountContext, method: string, body: unknown, signal?: AbortSignal): Promise<unknown> => {
    const res = await post(account, method, body, flavorHeaders(account.flavor, config.antigravityVersion), signal);
    const text = await res.text();
    try {
      return JSON.parse(text);
    } catch {
      throw new GatewayError('upstream', `Cloud Code Assist answered ${method} with something that is not JSON.`, {
        upstream: { status: res.status, body: text.slice(0, 200) },
      });
    }
  };

  async function* stream(call: UpstreamCall): AsyncGenerator<CanonicalEvent> {
    const { request, model, account, signal } = call;
    const built = buildCodeAssistRequest(request, model, {
      flavor: account.flavor,
      projectId: account.projectId,
      antigravityVersion: config.antigravityVersion,
      signatures,
      ...(deps.uuid ? { uuid: deps.uuid } : {}),
    });
    const headers = { ...built.headers, Accept: 'text/event-stream' };
    log.debug('cloud code stream', { requestId: request.requestId, model, account: account.email, flavor: account.flavor });
    const readOpts = { model, family: built.family, names: built.names, newId, signatures };
    for (let attempt = 0; ; attempt++) {
      const res = await post(account, 'streamGenerateContent?alt=sse', built.body, headers, signal);
      let yielded = false;
      try {
        for await (const ev of readCodeAssistStream(res.chunks(), readOpts)) {
          yielded = true;
          yield ev;
        }
        return;
      } catch (e) {
        if (!yielded && isEmptyAnswer(e) && attempt < EMPTY_RETRIES) {
          log.warn('empty answer from Cloud Code Assist, retrying once', { model, account: account.email });
          continue;
        }
        if (!yielded) throw e;
        if (signal.aborted) {
          // The caller went away; the event only keeps the stream well formed for whoever still reads.
          yield { type: 'error', error: new GatewayError('upstream', 'The request was cancelled by the client.', { cause: e }) };
          return;
        }
        log.warn('Cloud Code Assist stream failed midway', { model, account: account.email, error: String(e) });
        yield { type: 'error', error: isGatewayError(e) ? e : new GatewayError('upstream', 'The answer from Cloud Code Assist broke off.', { cause: e }) };
        return;
      } finally {
        res.close();
      }
    }
  }

  async function countTokens(call: UpstreamCall): Promise<number> {
    const { request, model, account, signal } = call;
    const contents = buildContents(request.messages, { family: modelFamily(model), names: createToolNames(request.tools), signatures });
    // countTokens takes contents only; the system text still counts, so it rides in front.
    if (request.system?.trim()) {
      const first = contents[0];
      if (first?.role === 'user') first.parts.unshift({ text: request.system });
      else contents.unshift({ role: 'user', parts: [{ text: request.system }] });
    }
    const body: CodeAssistCountTokensRequest = { request: { model: `models/${model}`, contents } };
    const answer = (await postJson(account, 'countTokens', body, signal)) as { totalTokens?: unknown };
    return typeof answer.totalTokens === 'number' ? answer.totalTokens : 0;
  }

  async function fetchQuota(account: AccountContext, signal?: AbortSignal): Promise<ModelQuota[]> {
    const method = FLAVOR_INFO[account.flavor].quotaMethod;
    const answer = await postJson(account, method, { project: account.projectId }, signal);
    return method === 'fetchAvailableModels' ? parseAvailableModels(answer) : parseUserQuota(answer);
  }

  return { id: 'code-assist', stream, countTokens, fetchQuota };
}
