// The memory behind `previous_response_id`: response id → the conversation up to and including
// that response. Bounded (least recently used goes first) because it lives in the server's heap.
import type { Message } from '../../canonical/index.js';

/** Read-only by contract: entries share message objects with each other and with requests. */
export interface StoredConversation {
  /** System text that came from system/developer items (instructions do not carry over). */
  system?: string;
  messages: Message[];
}

export interface ResponseStore {
  get(id: string): StoredConversation | undefined;
  set(id: string, conversation: StoredConversation): void;
  readonly size: number;
}

export const DEFAULT_MAX_STORED = 1000;

export function createResponseStore(maxEntries: number = DEFAULT_MAX_STORED): ResponseStore {
  const entries = new Map<string, StoredConversation>();
  return {
    get(id) {
      const hit = entries.get(id);
      if (hit) {
        // Map keeps insertion order: re-inserting marks the entry as most recently used.
        entries.delete(id);
        entries.set(id, hit);
      }
      return hit;
    },
    set(id, conversation) {
      entries.delete(id);
      entries.set(id, conversation);
      while (entries.size > Math.max(1, maxEntries)) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
    get size() {
      return entries.size;
    },
  };
}
