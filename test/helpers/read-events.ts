// Loads a golden canonical stream (`*.events.jsonl`, one event a line) for dialect render tests;
// `error` events are written as {kind, message} and become real GatewayErrors.
import { readFileSync } from 'node:fs';
import { GatewayError } from '../../src/canonical/index.js';
import type { CanonicalEvent, ErrorKind } from '../../src/canonical/index.js';

type Line = CanonicalEvent | { type: 'error'; error: { kind: ErrorKind; message: string } };

export function readEventsFile(url: URL): CanonicalEvent[] {
  return readFileSync(url, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const ev = JSON.parse(l) as Line;
      return ev.type === 'error' ? { type: 'error', error: new GatewayError(ev.error.kind, ev.error.message) } : ev;
    });
}

export async function* streamOf<T>(items: readonly T[]): AsyncIterable<T> {
  for (const i of items) yield i;
}

/** Every item of a stream, in order. */
export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

export async function collectText(it: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const s of it) out += s;
  return out;
}
