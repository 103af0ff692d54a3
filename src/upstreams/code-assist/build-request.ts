// Canonical request → the Cloud Code Assist wrapper and headers for one account and model.
import { hash as cryptoHash, randomUUID } from 'node:crypto';
import type { CanonicalRequest } from '../../canonical/index.js';
import type { CodeAssistGenerateRequest } from '../../protocols/code-assist.js';
import type { GeminiGenerateContentRequest } from '../../protocols/gemini.js';
import { buildContents } from '../gemini-wire/build-contents.js';
import { buildGenerationConfig, type OutputLimits } from '../gemini-wire/build-generation-config.js';
import { closeUnsignedToolLoop } from '../gemini-wire/close-tool-loop.js';
import { buildTools, type ToolNames } from '../gemini-wire/build-tools.js';
import { modelFamily, type ModelFamily } from '../gemini-wire/model-family.js';
import type { SignatureCache } from '../gemini-wire/signature-cache.js';
import { flavorHeaders } from '../../google/client-identity.js';
import type { Flavor } from '../../google/flavors.js';

const INTERLEAVED_THINKING_BETA = 'interleaved-thinking-2025-05-14';

export interface BuildOptions {
  flavor: Flavor;
  projectId: string;
  antigravityVersion: string;
  /** The account the request goes out with: its id salts the session id. */
  accountId?: string;
  signatures?: SignatureCache;
  limits?: OutputLimits;
  /** False: Claude's earlier thinking is left out (see ContentOptions.replayThinking). */
  replayThinking?: boolean;
  /** A fresh UUID (injected so tests are exact). */
  uuid?: () => string;
}

export interface BuiltRequest {
  body: CodeAssistGenerateRequest;
  /** Flavor headers plus the per-request ones; Authorization is added by the caller. */
  headers: Record<string, string>;
  names: ToolNames;
  family: ModelFamily;
}

export function buildCodeAssistRequest(req: CanonicalRequest, model: string, opts: BuildOptions): BuiltRequest {
  const family = modelFamily(model);
  const { tools, toolConfig, names } = buildTools(req.tools, req.toolChoice);
  const { generationConfig, claudeThinking } = buildGenerationConfig(req, model, opts.limits);
  const inner: GeminiGenerateContentRequest = {
    contents: buildContents(req.messages, {
      family,
      names,
      ...(opts.signatures ? { signatures: opts.signatures } : {}),
      ...(opts.replayThinking === false ? { replayThinking: false } : {}),
    }),
  };
  // No signature known for the thinking of the tool loop in progress: Claude would answer 400.
  if (claudeThinking) closeUnsignedToolLoop(inner.contents);
  if (req.system?.trim()) inner.systemInstruction = { role: 'user', parts: [{ text: req.system }] };
  if (tools) inner.tools = tools;
  if (toolConfig) inner.toolConfig = toolConfig;
  if (generationConfig) inner.generationConfig = generationConfig;
  const sessionId = sessionIdFor(req, opts.accountId);
  if (sessionId) inner.sessionId = sessionId;

  const uuid = opts.uuid ?? randomUUID;
  const body: CodeAssistGenerateRequest = { model, project: opts.projectId, request: inner };
  if (opts.flavor === 'antigravity') {
    body.requestId = `agent-${uuid()}`;
    body.userAgent = 'antigravity';
    body.requestType = 'agent';
  } else {
    body.user_prompt_id = uuid();
  }

  const headers = flavorHeaders(opts.flavor, opts.antigravityVersion, 'generate');
  if (sessionId) headers['X-Machine-Session-Id'] = sessionId;
  if (claudeThinking) headers['anthropic-beta'] = INTERLEAVED_THINKING_BETA;
  return { body, headers, names, family };
}

/**
 * Stable per conversation and account, so Google's prompt cache hits across turns: from the
 * client's session key when it gave one, else the first user message. The account is part of the
 * hash so that one conversation served by several accounts does not link them by one id
 * (antigravity-claude-proxy changed to this to reduce bans).
 * @internal
 */
export function sessionIdFor(req: CanonicalRequest, accountId = ''): string | undefined {
  let base = req.sessionKey;
  if (!base) {
    const first = req.messages.find((m) => m.role === 'user');
    base = first?.parts.map((p) => (p.type === 'text' ? p.text : '')).join('');
  }
  return base ? hash(`${accountId}\u0000${base}`) : undefined;
}

// crypto.hash: one call, no Hash object (Node >= 20.12); this runs on every request.
const hash = (s: string): string => cryptoHash('sha256', s, 'hex').slice(0, 32);
