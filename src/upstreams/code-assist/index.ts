// The Cloud Code Assist upstream (both flavors): generation as one streaming path, token
// counting, and quota discovery; the client version it claims, and Google's refusals of it; what
// an account needs to serve (a project, a fresh OAuth token) and serves before its quota is known.
import { randomBytes } from 'node:crypto';
import { refreshAccessToken } from '../../auth/refresh-access-token.js';
import { GatewayError, isGatewayError, type CanonicalEvent } from '../../canonical/index.js';
import type { Config } from '../../config/schema.js';
import { flavorHeaders } from '../../google/client-identity.js';
import { defaultModelsOf, endpointsFor, FLAVOR_INFO } from '../../google/flavor-info.js';
import { silentLogger, type Logger } from '../../log/logger.js';
import type { CodeAssistCountTokensRequest } from '../../protocols/code-assist.js';
import { buildContents } from '../gemini-wire/build-contents.js';
import { createToolNames } from '../gemini-wire/build-tools.js';
import { modelFamily } from '../gemini-wire/model-family.js';
import { isEmptyAnswer } from '../gemini-wire/read-gemini-stream.js';
import type { SignatureCache } from '../gemini-wire/signature-cache.js';
import { createPersistentSignatureCache, signaturesPath } from '../gemini-wire/signature-store.js';
import type { AccountContext, ModelQuota, Upstream, UpstreamCall, UpstreamStatus } from '../upstream.js';
import { buildCodeAssistRequest } from './build-request.js';
import { createClientVersion, type ClientVersion } from './client-version.js';
import { estimateTokens } from './estimate-tokens.js';
import { parseAvailableModels, parseUserQuota } from './parse-quota.js';
import { postEndpoint, type PostResponse } from './post-endpoint.js';
import { readCodeAssistStream } from './read-stream.js';
import { quoteRefusal, readHead, versionRefusedError } from './version-refusal.js';

export interface CodeAssistDeps {
  fetch?: typeof fetch;
  log?: Logger;
  /** Ids for tool calls and messages Google leaves unnamed (injected so tests are exact). */
  newId?: (prefix: 'toolu' | 'msg') => string;
  uuid?: () => string;
  /** Thought signatures; by default a cache kept on disk in the gateway home. */
  signatures?: SignatureCache;
  /** The client version source; by default one that asks Antigravity's updater feed in the background. */
  clientVersion?: ClientVersion;
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
  const store = deps.signatures ? undefined : createPersistentSignatureCache(signaturesPath(config.home), { log });
  const signatures: SignatureCache = deps.signatures ?? store!;
  // Every call waits for the signature file once it is read; after that, no await per request.
  let storeLoaded = store === undefined;
  const storeReady = async (): Promise<void> => {
    await store?.loaded;
    storeLoaded = true;
  };
  const versions = deps.clientVersion ?? createClientVersion(config, { log });
  if (!deps.clientVersion) versions.start();
  const limits = { gemini: config.geminiMaxOutputTokens, claude: config.claudeMaxOutputTokens };
  // Models Google refused to count; counted locally from then on.
  const uncountable = new Set<string>();
  /** Set while Google refuses the version claimed; cleared by the next answer it gives. */
  let refusal: string | undefined;

  /** The refusal as the client's error, said once in the log, and the feed asked at once for a newer version. */
  const refused = (version: string, what: string, status: number, model: string, account: AccountContext): GatewayError => {
    const err = versionRefusedError(version, what, status);
    refusal = err.message;
    log.warn('Google refused the Antigravity version the gateway claims', {
      version,
      source: versions.info().source,
      model,
      account: account.email,
      answer: what,
    });
    void versions.refresh();
    return err;
  };

  const post = async (account: AccountContext, method: string, body: unknown, headers: Record<string, string>, signal?: AbortSignal): Promise<PostResponse> => {
    const token = await account.getAccessToken(signal);
    return postEndpoint({
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      endpoints: endpointsFor(account.record.flavor, 'generate', config.endpoints),
      method,
      headers: { ...headers, Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
      ...(signal ? { signal } : {}),
      timeoutMs: config.upstreamTimeoutMs,
      log,
    });
  };

  const postJson = async (account: AccountContext, method: string, body: unknown, signal?: AbortSignal): Promise<unknown> => {
    const res = await post(account, method, body, flavorHeaders(account.record.flavor, versions.version(), 'generate'), signal);
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
    const { flavor } = account.record;
    if (!storeLoaded) await storeReady();
    const version = versions.version();
    const build = (replayThinking: boolean) =>
      buildCodeAssistRequest(request, model, {
        flavor,
        projectId: account.record.projectId ?? '',
        antigravityVersion: version,
        accountId: account.id,
        signatures,
        limits,
        ...(replayThinking ? {} : { replayThinking: false }),
        ...(deps.uuid ? { uuid: deps.uuid } : {}),
      });
    let built = build(true);
    log.debug('cloud code stream', { requestId: request.requestId, model, account: account.email, flavor });
    const readOpts = { model, family: built.family, names: built.names, newId, signatures };
    const onRefusal = (text: string): GatewayError => refused(version, quoteRefusal(text), 200, model, account);
    let emptyRetries = 0;
    let replayed = true;
    for (;;) {
      let res: PostResponse;
      try {
        res = await post(account, 'streamGenerateContent?alt=sse', built.body, { ...built.headers, Accept: 'text/event-stream' }, signal);
      } catch (e) {
        // Below its minimum version Google answers 404 for models it lists itself.
        if (isGatewayError(e) && e.kind === 'not_found' && call.listed === true && flavor === 'antigravity') {
          throw refused(version, `it answered 404 for ${model}, a model it lists for this account`, 404, model, account);
        }
        // Claude refused the thinking sent back (a signature from elsewhere, say): once more without it, rather than a 400.
        if (replayed && built.family === 'claude' && isGatewayError(e) && e.kind === 'invalid_request' && THINKING_REFUSED.test(e.message)) {
          log.info('Claude refused the thinking sent back; asking again without it', { model, account: account.email, error: e.message });
          replayed = false;
          built = build(false);
          continue;
        }
        throw e;
      }
      let yielded = false;
      let it: AsyncIterator<CanonicalEvent> | undefined;
      try {
        it = readCodeAssistStream(res.chunks(), readOpts)[Symbol.asyncIterator]();
        // Held back until it is clear the answer is no refusal dressed as a reply (version-refusal.ts).
        const head = await readHead(it, onRefusal);
        refusal = undefined;
        for (const ev of head.events) {
          yielded = true;
          yield ev;
        }
        if (head.done) return;
        // A plain loop over the reader, not for-await over a `{ [Symbol.asyncIterator]: () => it }`
        // wrapper: with the wrapper, a streamed answer's upstream objects (request, response,
        // reader) outlived two young-generation collections under load, which tripled the bytes
        // promoted per scavenge and doubled its pause (--trace-gc-nvp, c=16 streaming).
        for (let r = await it.next(); r.done !== true; r = await it.next()) {
          yielded = true;
          yield r.value;
        }
        return;
      } catch (e) {
        if (!yielded && isEmptyAnswer(e) && emptyRetries++ < EMPTY_RETRIES) {
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
        // A client that stopped early leaves the reader suspended: it is closed, not awaited.
        if (it?.return !== undefined) void Promise.resolve(it.return()).catch(() => undefined);
        res.close();
      }
    }
  }

  async function countTokens(call: UpstreamCall): Promise<number> {
    const { request, model, account, signal } = call;
    const family = modelFamily(model);
    if (uncountable.has(model)) return estimateTokens(request, family);
    if (!storeLoaded) await storeReady();
    const contents = buildContents(request.messages, { family, names: createToolNames(request.tools), signatures });
    // countTokens takes contents only; the system text still counts, so it rides in front.
    if (request.system?.trim()) {
      const first = contents[0];
      if (first?.role === 'user') first.parts.unshift({ text: request.system });
      else contents.unshift({ role: 'user', parts: [{ text: request.system }] });
    }
    const body: CodeAssistCountTokensRequest = { request: { model: `models/${model}`, contents } };
    try {
      const answer = (await postJson(account, 'countTokens', body, signal)) as { totalTokens?: unknown };
      return typeof answer.totalTokens === 'number' ? answer.totalTokens : 0;
    } catch (e) {
      // Antigravity will not count for Claude models (400); a client asking still gets a number.
      if (!isGatewayError(e) || !refusesToCount(e) || signal.aborted) throw e;
      uncountable.add(model);
      log.debug('Google will not count tokens for this model; counting locally', { model, status: e.upstream?.status });
      return estimateTokens(request, family);
    }
  }

  async function fetchQuota(account: AccountContext, signal?: AbortSignal): Promise<ModelQuota[]> {
    const method = FLAVOR_INFO[account.record.flavor].quotaMethod;
    const answer = await postJson(account, method, { project: account.record.projectId ?? '' }, signal);
    return method === 'fetchAvailableModels' ? parseAvailableModels(answer) : parseUserQuota(answer);
  }

  function status(): UpstreamStatus {
    return { details: { clientVersion: versions.info() }, ...(refusal !== undefined ? { problem: refusal } : {}) };
  }

  async function close(): Promise<void> {
    versions.close();
    await store?.close();
  }

  return {
    id: 'code-assist',
    stream,
    countTokens,
    fetchQuota,
    // Until quota discovery names them, the flavor's catalog.
    defaultModels: (account) => defaultModelsOf(account.flavor),
    // Every call names the account's Cloud Code project; without one Google answers nothing.
    canServe: (account) => !!account.projectId,
    accessToken: (account, secret, signal) => refreshAccessToken(config.endpoints, account.flavor, secret, signal),
    status,
    close,
  };
}

/** Claude's 400s about the thinking a request carried: a bad signature, or a tool turn without its thinking. */
const THINKING_REFUSED = /signature|`thinking`|thinking block/i;

/** A refusal to count, not a failure: the request is fine, the method is not offered for the model. */
const refusesToCount = (e: GatewayError): boolean => e.kind === 'invalid_request' || e.kind === 'not_found' || e.upstream?.status === 501;
