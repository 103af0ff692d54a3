import { describe, expect, it } from 'vitest';
import { EventList, GatewayError, type CanonicalEvent } from '../../canonical/index.js';
import { collect } from '../../../test/helpers/read-events.js';
import { superviseEvents } from './supervise-events.js';

const start: CanonicalEvent = { type: 'message-start', id: 'm', model: 'x' };
const finish: CanonicalEvent = { type: 'finish', reason: 'stop', usage: { inputTokens: 1, outputTokens: 1 } };


describe('superviseEvents', () => {
  it('passes a complete stream through unchanged', async () => {
    async function* src() {
      yield start;
      yield finish;
    }
    expect(await collect(superviseEvents(src(), 0))).toEqual([start, finish]);
  });

  it('hands a complete buffered answer back as it is, and still ends a cut one with an error', async () => {
    const complete = new EventList([start, finish]);
    expect(superviseEvents(complete, 0)).toBe(complete);
    const seen: GatewayError[] = [];
    const cut = await collect(superviseEvents(new EventList([start]), 0, (e) => seen.push(e)));
    expect(cut.map((e) => e.type)).toEqual(['message-start', 'error']);
    expect(seen).toHaveLength(1);
  });

  it('turns a thrown error into a final error event and reports it', async () => {
    const seen: GatewayError[] = [];
    async function* src(): AsyncGenerator<CanonicalEvent> {
      yield start;
      throw new GatewayError('upstream', 'cut');
    }
    const events = await collect(superviseEvents(src(), 0, (e) => seen.push(e)));
    expect(events.map((e) => e.type)).toEqual(['message-start', 'error']);
    expect(seen.map((e) => e.message)).toEqual(['cut']);
  });

  it('ends a stream that stops without a finish with an upstream error', async () => {
    async function* src() {
      yield start;
    }
    const events = await collect(superviseEvents(src(), 0));
    const last = events.at(-1);
    expect(last?.type === 'error' && last.error.kind).toBe('upstream');
  });

  it('stops pulling after the terminal event and lets the source clean up', async () => {
    let cleaned = false;
    async function* src() {
      try {
        yield start;
        yield finish;
        yield start;
      } finally {
        cleaned = true;
      }
    }
    expect(await collect(superviseEvents(src(), 0))).toEqual([start, finish]);
    await new Promise((r) => setImmediate(r));
    expect(cleaned).toBe(true);
  });

  it('injects pings while the source is silent', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    async function* src() {
      yield start;
      await held;
      yield finish;
    }
    const out: CanonicalEvent[] = [];
    for await (const ev of superviseEvents(src(), 5)) {
      out.push(ev);
      if (ev.type === 'ping') release();
    }
    expect(out[0]).toEqual(start);
    expect(out.some((e) => e.type === 'ping')).toBe(true);
    expect(out.at(-1)).toEqual(finish);
  });

  it('ends at once with the stop reason as its error event, and releases the source', async () => {
    const stop = new AbortController();
    let cleaned = false;
    async function* src(): AsyncGenerator<CanonicalEvent> {
      try {
        yield start;
        await new Promise(() => undefined);
      } finally {
        cleaned = true;
      }
    }
    const out: CanonicalEvent[] = [];
    for await (const ev of superviseEvents(src(), 0, undefined, undefined, stop.signal)) {
      out.push(ev);
      if (ev.type === 'message-start') stop.abort(new GatewayError('unavailable', 'shutting down'));
    }
    expect(out.map((e) => e.type)).toEqual(['message-start', 'error']);
    const last = out.at(-1);
    expect(last?.type === 'error' && last.error.message).toBe('shutting down');
    await new Promise((r) => setImmediate(r));
    expect(cleaned).toBe(true);
  });
});
