// Remembers thought signatures the gateway saw, so a client that drops them (OpenAI dialects,
// Claude Code stripping unknown fields) still gets them sent back, and signatures are only sent
// to the model family that made them. Bounded: least recently used entries go first, and
// entries older than the TTL are ignored. signature-store.ts keeps a copy on disk.
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
  /** Called after every change (the disk store schedules a write). */
  onChange?: () => void;
}

/** The cache's content, oldest entries first, with the time each was last used (ms since the epoch). */
export interface SignatureSnapshot {
  toolCalls: Array<[id: string, memory: ToolCallMemory, at: number]>;
  signatures: Array<[key: string, family: ModelFamily, at: number]>;
}

/** A cache whose content can be saved and loaded again (signature-store.ts keeps it on disk). */
export interface SnapshotSignatureCache extends SignatureCache {
  snapshot(): SignatureSnapshot;
  /** Adds older entries (a saved snapshot) behind the ones in memory; newer in-memory entries win. */
  restore(snapshot: SignatureSnapshot): void;
}

interface Entry<T> {
  value: T;
  at: number;
}

function createLru<T>(maxEntries: number, ttlMs: number, now: () => number) {
  let map = new Map<string, Entry<T>>();
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
    entries(): Array<[string, T, number]> {
      const t = now();
      const out: Array<[string, T, number]> = [];
      for (const [k, e] of map) if (t - e.at <= ttlMs) out.push([k, e.value, e.at]);
      return out;
    },
    /** Older entries go in front (first to be evicted); keys already present keep their newer entry. */
    restore(entries: ReadonlyArray<readonly [string, T, number]>): void {
      const t = now();
      const next = new Map<string, Entry<T>>();
      for (const [k, value, at] of entries) if (!map.has(k) && t - at <= ttlMs) next.set(k, { value, at });
      for (const [k, e] of map) next.set(k, e);
      while (next.size > maxEntries) next.delete(next.keys().next().value as string);
      map = next;
    },
  };
}

/** Signatures run to kilobytes; a key from the ends and the length is unique enough. */
const signatureKey = (s: string): string => `${s.length}:${s.slice(0, 48)}:${s.slice(-48)}`;

/** Long enough to outlive a restart, an evening away, or `claude --resume` the next day. */
const SIGNATURE_TTL_MS = 48 * 60 * 60 * 1000;

export function createSignatureCache(options: SignatureCacheOptions = {}): SnapshotSignatureCache {
  const maxEntries = options.maxEntries ?? 2000;
  const ttlMs = options.ttlMs ?? SIGNATURE_TTL_MS;
  const now = options.now ?? Date.now;
  const changed = options.onChange ?? ((): void => {});
  const calls = createLru<ToolCallMemory>(maxEntries, ttlMs, now);
  const families = createLru<ModelFamily>(maxEntries * 5, ttlMs, now);
  return {
    rememberToolCall: (id, memory) => {
      calls.set(id, memory);
      changed();
    },
    toolCall: (id) => calls.get(id),
    rememberSignature: (signature, family) => {
      families.set(signatureKey(signature), family);
      changed();
    },
    familyOf: (signature) => families.get(signatureKey(signature)),
    snapshot: () => ({ toolCalls: calls.entries(), signatures: families.entries() }),
    restore(snapshot) {
      calls.restore(snapshot.toolCalls);
      families.restore(snapshot.signatures);
    },
  };
}
