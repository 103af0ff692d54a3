// The signature cache, kept on disk in the gateway home so that Claude thinking survives a
// restart: with thinking on, Claude answers 400 to a tool loop whose assistant turn has lost its
// signed thinking, and OpenAI clients never send it back (shared/spec/google-upstream.md §0).
// The file holds model reasoning, so it is written 0600, atomically, at most every few seconds,
// bounded in size (oldest entries dropped first) and age (the cache's TTL).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { silentLogger, type Logger } from '../../log/logger.js';
import { writeFileAtomic } from '../../store/atomic-write.js';
import { createSignatureCache, type SignatureCacheOptions, type SignatureSnapshot, type SnapshotSignatureCache } from './signature-cache.js';
import type { ModelFamily } from './model-family.js';

export const signaturesPath = (home: string): string => join(home, 'thinking-signatures.json');

/** Thinking runs to kilobytes per turn; a few hundred turns of a few conversations fit. */
const MAX_STORE_BYTES = 4 * 1024 * 1024;
const FLUSH_DELAY_MS = 5000;
const FORMAT = 1;

export interface PersistentSignatureCache extends SnapshotSignatureCache {
  /** Resolves once the file is read (at once when there is none); requests wait for it. */
  readonly loaded: Promise<void>;
  /** Writes pending changes now. */
  flush(): Promise<void>;
  /** Flushes and stops the timer. */
  close(): Promise<void>;
}

export interface SignatureStoreOptions extends Omit<SignatureCacheOptions, 'onChange'> {
  log?: Logger;
  maxBytes?: number;
  flushDelayMs?: number;
}

const isFamily = (v: unknown): v is ModelFamily => v === 'claude' || v === 'gemini';

/** Keeps only well-shaped entries of a file written by this or an older gateway. */
function parseSnapshot(text: string): SignatureSnapshot {
  const raw = JSON.parse(text) as { version?: unknown; toolCalls?: unknown; signatures?: unknown };
  const out: SignatureSnapshot = { toolCalls: [], signatures: [] };
  if (raw.version !== FORMAT) return out;
  for (const e of Array.isArray(raw.toolCalls) ? raw.toolCalls : []) {
    if (!Array.isArray(e) || typeof e[0] !== 'string' || typeof e[2] !== 'number') continue;
    const m = e[1] as { family?: unknown; signature?: unknown; thinking?: { text?: unknown; signature?: unknown } } | null;
    if (!m || !isFamily(m.family)) continue;
    const memory: SignatureSnapshot['toolCalls'][number][1] = { family: m.family };
    if (typeof m.signature === 'string') memory.signature = m.signature;
    if (m.thinking && typeof m.thinking.text === 'string' && typeof m.thinking.signature === 'string') {
      memory.thinking = { text: m.thinking.text, signature: m.thinking.signature };
    }
    out.toolCalls.push([e[0], memory, e[2]]);
  }
  for (const e of Array.isArray(raw.signatures) ? raw.signatures : []) {
    if (Array.isArray(e) && typeof e[0] === 'string' && isFamily(e[1]) && typeof e[2] === 'number') out.signatures.push([e[0], e[1], e[2]]);
  }
  return out;
}

/**
 * The snapshot as the file's text, newest entries kept first when it would exceed `maxBytes`
 * (thinking is the bulk; a tool call's memory without it is worth little, so entries go whole).
 * @internal
 */
export function serializeSnapshot(snapshot: SignatureSnapshot, maxBytes: number): string {
  let budget = maxBytes - 64;
  const keep = <T>(entries: readonly T[]): string[] => {
    const out: string[] = [];
    for (let i = entries.length - 1; i >= 0; i--) {
      const s = JSON.stringify(entries[i]);
      if (s.length + 1 > budget) break;
      budget -= s.length + 1;
      out.push(s);
    }
    return out.reverse();
  };
  // Signatures' families are small and guard every request; they are kept before tool calls.
  const signatures = keep(snapshot.signatures);
  const toolCalls = keep(snapshot.toolCalls);
  return `{"version":${FORMAT},"signatures":[${signatures.join(',')}],\n"toolCalls":[${toolCalls.join(',\n')}]}\n`;
}

/**
 * @example
 *   const signatures = createPersistentSignatureCache(signaturesPath(config.home), { log });
 *   await signatures.loaded;   // the entries of the last run are back
 *   ...
 *   await signatures.close();  // on shutdown: nothing pending is lost
 */
export function createPersistentSignatureCache(path: string, options: SignatureStoreOptions = {}): PersistentSignatureCache {
  const log = options.log ?? silentLogger;
  const maxBytes = options.maxBytes ?? MAX_STORE_BYTES;
  let dirty = false;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> | undefined;
  let closed = false;
  let warned = false;

  const write = async (): Promise<void> => {
    if (!dirty) return;
    dirty = false;
    try {
      await writeFileAtomic(path, serializeSnapshot(cache.snapshot(), maxBytes), 0o600);
    } catch (e) {
      // A read-only or missing home costs persistence, never a request; said once.
      if (!warned) log.warn('could not save thinking signatures; tool loops may not survive a restart', { path, error: (e as Error).message });
      warned = true;
    }
  };
  const flush = async (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    // One write at a time; a change during a write is picked up by the next.
    while (writing) await writing;
    writing = write().finally(() => (writing = undefined));
    await writing;
  };
  const cache = createSignatureCache({
    ...options,
    onChange: () => {
      dirty = true;
      if (timer !== undefined || closed) return;
      timer = setTimeout(() => void flush(), options.flushDelayMs ?? FLUSH_DELAY_MS);
      timer.unref();
    },
  });
  const loaded = readFile(path, 'utf8').then(
    (text) => {
      try {
        cache.restore(parseSnapshot(text));
      } catch (e) {
        log.warn('ignoring a damaged thinking signatures file', { path, error: (e as Error).message });
      }
    },
    (e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') log.warn('could not read thinking signatures', { path, error: e.message });
    },
  );
  return {
    ...cache,
    loaded,
    flush,
    async close() {
      closed = true;
      await loaded;
      await flush();
    },
  };
}
