import { describe, expect, it } from 'vitest';
import { createRequestFeed } from './request-feed.js';
import type { RequestRecord } from './request-record.js';

const rec = (id: string): RequestRecord => ({
  id, at: 0, dialect: 'openai-chat', route: 'POST /v1/chat/completions', modelAsked: 'm', strategy: 'quota', attempts: 1,
  failovers: 0, status: 200, inputTokens: 0, outputTokens: 0, thinkingTokens: 0, cachedTokens: 0, latencyMs: 1, streamed: false,
});

describe('request feed', () => {
  it('keeps the latest records, oldest first, up to its capacity', () => {
    const feed = createRequestFeed(3);
    expect(feed.recent()).toEqual([]);
    for (const id of ['a', 'b']) feed.publish(rec(id));
    expect(feed.recent().map((r) => r.id)).toEqual(['a', 'b']);
    for (const id of ['c', 'd', 'e']) feed.publish(rec(id));
    expect(feed.recent().map((r) => r.id)).toEqual(['c', 'd', 'e']);
    expect(feed.recent(2).map((r) => r.id)).toEqual(['d', 'e']);
    expect(feed.recent(0)).toEqual([]);
    expect(feed.recent(10).map((r) => r.id)).toEqual(['c', 'd', 'e']);
  });

  it('tells subscribers until they unsubscribe, and a failing listener does not stop the others', () => {
    const failures: unknown[] = [];
    const feed = createRequestFeed(10, (e) => failures.push(e));
    const seen: string[] = [];
    feed.subscribe(() => {
      throw new Error('broken dashboard');
    });
    const stop = feed.subscribe((r) => seen.push(r.id));
    feed.publish(rec('a'));
    stop();
    feed.publish(rec('b'));
    expect(seen).toEqual(['a']);
    expect(failures).toEqual([new Error('broken dashboard'), new Error('broken dashboard')]);
    expect(feed.recent().map((r) => r.id)).toEqual(['a', 'b']);
  });
});
