// Remembers thought signatures the gateway saw, so a client that drops them (OpenAI dialects,
// Claude Code stripping unknown fields) still gets them sent back, and signatures are only sent
// to the model family that made them. Bounded: least recently used entries go first, and
// entries older than the TTL are ignored.
import type { ModelFamily } from './model-family.js';

export interface ToolCallMemory {
  family: ModelFamily;
  /** The signature Gemini put on the functionCall part. */
  signature?: string;
  /** Claude: the thinking block that preceded the call (it must precede it again). */
  thinking?: { text: string; signature: string };
}

export interface SignatureCache {
  rememberToolCall(id: string, memory: ToolCallMemory): void;
  toolCall(id: string): ToolCallMemory | undefined;
  rememberSignature(signature: string, family: ModelFamily): void;
  /** The family that produced this signature, when the gateway saw it. */
  familyOf(signature: string): ModelFamily | undefined;
}

export interface SignatureCacheOptions {
  maxEntries?: number;
  ttlMs?: number;
  now?: () => number;
}

interface Entry<T> {
  value: T;
  at: number;
}

function createLru<T>(maxEntries: number, ttlMs: number, now: () => number) {
  const map = new Map<string, Entry<T>>();
  return {
    set(key: string, value: T): void {
      map.delete(key);
      map.set(key, { value, at: now() });
      if (map.size > maxEntries) map.delete(map.keys().next().value as string);
    },
    get(key: string): T | undefined {
      const e = map.get(key);
      if (!e) return undefined;
      if (now() - e.at > ttlMs) {
        map.delete(key);
        return undefined;
      }
      map.delete(key);
      map.set(key, e);
      return e.value;
    },
  };
}

/** Signatures run to kilobytes; a key from the ends and the length is unique enough. */
const signatureKey = (s: string): string => `${s.length}:${s.slice(0, 48)}:${s.slice(-48)}`;

export function createSignatureCache(options: SignatureCacheOptions = {}): SignatureCache {
  const maxEntries = options.maxEntries ?? 2000;
  const ttlMs = options.ttlMs ?? 3 * 60 * 60 * 1000;
  const now = options.now ?? Date.now;
  const calls = createLru<ToolCallMemory>(maxEntries, ttlMs, now);
  const families = createLru<ModelFamily>(maxEntries * 5, ttlMs, now);
  return {
    rememberToolCall: (id, memory) => calls.set(id, memory),
    toolCall: (id) => calls.get(id),
    rememberSignature: (signature, family) => families.set(signatureKey(signature), family),
    familyOf: (signature) => families.get(signatureKey(signature)),
  };
}
