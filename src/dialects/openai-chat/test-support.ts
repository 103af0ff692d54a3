// Shared by this dialect's tests: a fixed render context and an SSE frame reader.
import type { CanonicalRequest } from '../../canonical/index.js';
import type { RenderContext } from '../dialect.js';
import { CHAT_HINTS_KEY } from './chat-hints.js';

export const NOW = 1_700_000_000;

export function renderContext(includeUsage: boolean): RenderContext {
  const request: CanonicalRequest = {
    model: 'client-model',
    messages: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }],
    stream: true,
    requestId: 'req_test',
    hints: { [CHAT_HINTS_KEY]: { includeUsage } },
  };
  return { requestId: 'req_test', model: 'client-model', now: () => NOW, request };
}

export { collect, streamOf } from '../../../test/helpers/read-events.js';

export type Frame = { data: unknown } | { comment: string } | '[DONE]';

/** Parses rendered SSE frames, failing on anything the SDK's decoder would not read as one event. */
export function toFrames(frames: readonly string[]): Frame[] {
  return frames.map((f) => {
    if (!f.endsWith('\n\n') || f.slice(0, -2).includes('\n')) throw new Error(`not a single-line SSE frame: ${JSON.stringify(f)}`);
    const line = f.slice(0, -2);
    if (line.startsWith(': ')) return { comment: line.slice(2) };
    if (line === 'data: [DONE]') return '[DONE]';
    if (!line.startsWith('data: ')) throw new Error(`unexpected frame: ${line}`);
    return { data: JSON.parse(line.slice(6)) as unknown };
  });
}
