import { describe, expect, it } from 'vitest';
import { createRequestFeed } from './request-feed.js';
import type { RequestRecord } from './request-record.js';

const rec = (id: string): RequestRecord => ({
  id, at: 0, dialect: 'openai-chat', route: 'POST /v1/chat/completions', modelAsked: 'm', strategy: 'quota', attempts: 1, failovers: 0,
  status: 200, inputTokens: 1, outputTokens: 1, thinkingTokens: 0, cachedTokens: 0, latencyMs: 5, streamed: false,
});

describe('createRequestFeed', () => {
  it('keeps the latest records up to its capacity, oldest first', () => {
    const feed = createRequestFeed(3);
    for (const id of ['a', 'b', 'c', 'd']) feed.publish(rec(id));
    expect(feed.recent().map((r) => r.id)).toEqual(['b', 'c', 'd']);
    expect(feed.recent(2).map((r) => r.id)).toEqual(['c', 'd']);
    expect(feed.recent(0)).toEqual([]);
  });

  it('calls every subscriber until it unsubscribes; a throwing one stops no other', () => {
    const feed = createRequestFeed();
    const seen: string[] = [];
    feed.subscribe(() => {
      throw new Error('broken subscriber');
    });
    const stop = feed.subscribe((r) => seen.push(r.id));
    feed.publish(rec('a'));
    stop();
    feed.publish(rec('b'));
    expect(seen).toEqual(['a']);
    expect(feed.recent().map((r) => r.id)).toEqual(['a', 'b']);
  });
});
