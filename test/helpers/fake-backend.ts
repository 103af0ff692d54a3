// An in-process Backend for tests of the HTTP layer alone: scripted canonical streams, and a record
// of every call with its AbortSignal (to see client disconnects reach the backend).
import { GatewayError, type CanonicalEvent, type CanonicalRequest } from '../../src/canonical/index.js';
import type { Backend, HealthReport, ModelInfo, RefreshResult } from '../../src/pool/backend.js';
import type { LimitsReport } from '../../src/pool/limits-report.js';

export type Reply = (req: CanonicalRequest, signal: AbortSignal) => AsyncIterable<CanonicalEvent>;

export interface FakeBackend extends Backend {
  calls: Array<{ request: CanonicalRequest; signal: AbortSignal }>;
  /** Replaces the reply for the next generate calls. */
  reply: Reply;
}

/** The canonical stream of a plain text answer, split into the given pieces. */
export function textEvents(pieces: string[], model = 'gemini-3-flash'): CanonicalEvent[] {
  return [
    { type: 'message-start', id: 'msg_fake', model },
    { type: 'block-start', index: 0, block: { type: 'text' } },
    ...pieces.map((text): CanonicalEvent => ({ type: 'text-delta', index: 0, text })),
    { type: 'block-end', index: 0 },
    { type: 'finish', reason: 'stop', usage: { inputTokens: 3, outputTokens: pieces.length } },
  ];
}

export async function* fromArray(events: CanonicalEvent[]): AsyncGenerator<CanonicalEvent> {
  for (const ev of events) yield ev;
}

export const MODELS: ModelInfo[] = [
  { id: 'gemini-3-flash', displayName: 'Gemini 3 Flash', ownedBy: 'antigravity' },
  { id: 'claude-sonnet-4-6', displayName: 'Claude Sonnet 4.6', ownedBy: 'antigravity' },
];

export function createFakeBackend(init: { reply?: Reply; health?: HealthReport; limits?: LimitsReport } = {}): FakeBackend {
  const backend: FakeBackend = {
    calls: [],
    reply: init.reply ?? ((req) => fromArray(textEvents(['Hello', ' world'], req.model))),
    async generate(request, signal) {
      backend.calls.push({ request, signal });
      const it = backend.reply(request, signal)[Symbol.asyncIterator]();
      // Like the pool: resolve once the first event is in, so early failures reject here.
      const first = await it.next();
      return {
        async *[Symbol.asyncIterator]() {
          if (first.done) return;
          yield first.value;
          for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
        },
      };
    },
    async countTokens(request) {
      backend.calls.push({ request, signal: new AbortController().signal });
      return 42;
    },
    listModels: () => MODELS,
    health: () => init.health ?? { status: 'ok', accounts: 1, activeAccounts: 1 },
    // Shorter than the pool's reports (no time, no email): the HTTP tests pin these bodies as they are.
    limits: async () => init.limits ?? ({ accounts: [] } as Partial<LimitsReport> as LimitsReport),
    refreshTokens: async (account) => {
      if (account === 'nobody') throw new GatewayError('not_found', 'No account "nobody".');
      return [{ id: account ?? 'all', ok: true } as RefreshResult];
    },
    close: async () => {},
  };
  return backend;
}
