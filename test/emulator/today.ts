// Google as it behaves in 2026 (shared/spec/google-upstream.md §0), each behaviour behind a
// switch that is off by default: the client version floor (the 200 "no longer supported" replies
// and the 404 for listed models), Antigravity's updater feed, Claude's thinking-signature check,
// countTokens refusing Claude models, and internal model ids in fetchAvailableModels.
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context, Hono } from 'hono';
import type { GeminiGenerateContentRequest } from '../../src/protocols/gemini.js';
import type { EmulatorState, QuotaEntry } from './state.js';

export type VersionRefusal = 'no-longer-supported' | 'upgrade' | 'out-of-date' | 'not-found';

export interface TodayOptions {
  /** Generation from an Antigravity client claiming less than `minimum` is refused, as `answer` says (default the first text). */
  versionFloor?: { minimum: string; answer?: VersionRefusal };
  /** The updater feed at FEED_PATH: serves `version: …`, fails with 503, or never answers. Off: 404. */
  feed?: { version: string } | 'fail' | 'hang';
  /** Claude thinking requests are checked as Claude checks them: signed thinking first in the open tool loop. */
  claudeSignatures?: boolean;
  /** countTokens answers 400 for Claude models (CLIProxyAPI issue 1015). */
  countTokensRefusesClaude?: boolean;
  /** fetchAvailableModels also lists internal ids (chat_…, tab_…, isInternal). */
  internalModels?: boolean;
}

/** The path of the emulated feed (Google's: /manifest/latest-arm64-mac.yml on its updater host). */
export const FEED_PATH = '/manifest/latest-arm64-mac.yml';

/** The texts Google answers old clients with, as users reported them. */
export const REFUSAL_TEXTS: Record<Exclude<VersionRefusal, 'not-found'>, string> = {
  'no-longer-supported': 'This version of Antigravity is no longer supported. Please update to receive the latest features!',
  upgrade: 'This version of Antigravity is no longer supported. Please upgrade to receive the latest features.',
  'out-of-date': 'Your current version of Antigravity is out of date. Please visit https://antigravity.google/download to download and install the latest version.',
};

const compare = (a: string, b: string): number => {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) < (y[i] ?? 0) ? -1 : 1;
  return 0;
};

/** The Antigravity version a request claims: User-Agent (either form) first, then X-Client-Version. */
export function claimedVersion(headers: { userAgent?: string; clientVersion?: string }): string | undefined {
  const m = /^antigravity\/(?:hub\/)?(\d+(?:\.\d+)*)/i.exec(headers.userAgent ?? '');
  return m?.[1] ?? (headers.clientVersion || undefined);
}

/** How the emulator refuses this generation call, if it does. */
export function versionRefusal(c: Context, state: EmulatorState): VersionRefusal | undefined {
  const floor = state.today.versionFloor;
  if (!floor) return undefined;
  const version = claimedVersion({ userAgent: c.req.header('user-agent'), clientVersion: c.req.header('x-client-version') });
  if (version === undefined || compare(version, floor.minimum) >= 0) return undefined;
  return floor.answer ?? 'no-longer-supported';
}

export function registerFeedRoute(app: Hono, state: EmulatorState): void {
  app.get(FEED_PATH, async (c) => {
    const feed = state.today.feed;
    if (feed === undefined) return c.text('Not Found', 404);
    if (feed === 'fail') return c.text('Service Unavailable', 503);
    if (feed === 'hang') {
      // Holds the request until the client gives up (or the emulator closes).
      const { incoming } = c.env as HttpBindings;
      await new Promise<void>((resolve) => incoming.socket.once('close', () => resolve()));
      return RESPONSE_ALREADY_SENT;
    }
    return c.text(`version: ${feed.version}\npath: Antigravity-${feed.version}-arm64-mac.zip\nreleaseDate: '2026-11-30T00:00:00.000Z'\n`, 200, {
      'content-type': 'text/yaml',
    });
  });
}

const isClaude = (model: string): boolean => /claude/i.test(model);

/** Signatures the emulator issued to a Claude model (fakeSignature in generate-answer.ts); Claude checks its own. */
function isClaudeSignature(signature: string | undefined): boolean {
  if (!signature) return false;
  return Buffer.from(signature, 'base64').toString('utf8').startsWith('emulated-signature:claude');
}

/** Claude's 400 when the open tool loop's assistant turn does not begin with its thinking. */
export const EXPECTED_THINKING = (i: number, found: string): string =>
  `messages.${i}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${found}\`. When \`thinking\` is enabled, ` +
  'a final `assistant` message must start with a thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks). ' +
  'We recommend you include thinking blocks from previous turns. To avoid this requirement, disable `thinking`. ' +
  'Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking';

/** What Claude would answer 400 for in this request's thinking, if anything. */
export function claudeSignatureProblem(state: EmulatorState, model: string, req: GeminiGenerateContentRequest): string | undefined {
  if (!state.today.claudeSignatures || !isClaude(model)) return undefined;
  for (const [i, turn] of req.contents.entries()) {
    for (const [j, part] of turn.parts.entries()) {
      if (part.thought === true && !isClaudeSignature(part.thoughtSignature)) return `messages.${i}.content.${j}: Invalid \`signature\` in \`thinking\` block`;
    }
  }
  if (!req.generationConfig?.thinkingConfig) return undefined;
  const n = req.contents.length;
  const last = req.contents[n - 1];
  const model_ = req.contents[n - 2];
  if (last?.role !== 'user' || model_?.role !== 'model') return undefined;
  if (!last.parts.some((p) => p.functionResponse) || !model_.parts.some((p) => p.functionCall)) return undefined;
  const first = model_.parts[0];
  if (first?.thought === true) return undefined;
  return EXPECTED_THINKING(n - 2, first?.functionCall ? 'tool_use' : 'text');
}

/** Whether countTokens refuses this model. */
export const refusesToCount = (state: EmulatorState, model: string): boolean => state.today.countTokensRefusesClaude === true && isClaude(model);

/** Internal ids fetchAvailableModels adds when switched on. */
export function internalModels(state: EmulatorState): Array<[string, QuotaEntry & { isInternal?: boolean }]> {
  if (!state.today.internalModels) return [];
  const resetTime = new Date(Date.now() + 5 * 3600_000).toISOString();
  return [
    ['chat_20706', { remainingFraction: 1, resetTime }],
    ['tab_flash_lite_preview', { remainingFraction: 1, resetTime }],
    ['gemini-2.5-flash-thinking-internal', { remainingFraction: 1, resetTime, isInternal: true }],
  ];
}
