// The bytes of request bodies the server holds at once. Each body is counted from before it is
// read until its request ends (the parsed body lives as long as its answer), so many big bodies
// together are refused instead of exhausting the V8 heap and killing every open stream.
import { GatewayError } from '../canonical/index.js';

export interface BodyMemory {
  /** Counts `bytes` more; false (and nothing counted) when that would pass the cap. */
  tryReserve(bytes: number): boolean;
  release(bytes: number): void;
  /** Bytes counted now. */
  inUse(): number;
  readonly capBytes: number;
}

/** How long a client refused for memory is told to wait: bodies in flight finish within seconds. */
const BODY_MEMORY_RETRY_MS = 2000;

export function createBodyMemory(capBytes: number): BodyMemory {
  let used = 0;
  return {
    capBytes,
    tryReserve(bytes) {
      // One body bigger than the whole cap still gets its turn when nothing else is held.
      if (used > 0 && used + bytes > capBytes) return false;
      used += bytes;
      return true;
    },
    release(bytes) {
      used = Math.max(0, used - bytes);
    },
    inUse: () => used,
  };
}

const MIB = 1024 * 1024;

/** 503 with Retry-After, in the client's dialect: the gateway is busy, not the request wrong. */
export function bodyMemoryFull(memory: BodyMemory): GatewayError {
  return new GatewayError(
    'unavailable',
    `The gateway is holding ${Math.round(memory.inUse() / MIB)} MiB of request bodies, its limit ` +
      `(GATEWAY_BODY_MEMORY_BYTES / config.json "bodyMemoryBytes" = ${Math.round(memory.capBytes / MIB)} MiB); try again in a moment.`,
    { retryAfterMs: BODY_MEMORY_RETRY_MS },
  );
}
