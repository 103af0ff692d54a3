// Reads a request body as JSON within the configured size limit: too big → 413, not JSON → 400,
// and within the memory all bodies in flight may take: past it → 503 before the body is read.
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { assertJsonDepth, GatewayError, invalidRequest } from '../../canonical/index.js';
import { bodyMemoryFull, type BodyMemory } from '../body-memory.js';
import type { AppEnv } from '../types.js';
import { readHeader } from '../read-headers.js';

/** The bytes one request holds of the shared body memory; released once, when the request ends. */
export interface BodyHold {
  bytes: number;
  release(): void;
}

/** Counts this request's body against `memory` until release(); without memory, counts nothing. */
export function holdBody(memory: BodyMemory | undefined): BodyHold {
  const hold: BodyHold = {
    bytes: 0,
    release() {
      memory?.release(hold.bytes);
      hold.bytes = 0;
    },
  };
  return hold;
}

/** Counts `bytes` more for this request, or throws the 503 when the memory is full. */
function reserve(memory: BodyMemory | undefined, hold: BodyHold | undefined, bytes: number): void {
  if (memory === undefined || hold === undefined || bytes <= 0) return;
  if (!memory.tryReserve(bytes)) throw bodyMemoryFull(memory);
  hold.bytes += bytes;
}

const tooLarge = (limit: number): GatewayError =>
  new GatewayError('too_large', `The request body is larger than the gateway's limit of ${limit} bytes (config.json "bodyLimitBytes").`);

function readIncoming(incoming: IncomingMessage, limit: number, memory?: BodyMemory, hold?: BodyHold): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = (): void => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
      incoming.off('close', onClose);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        reject(tooLarge(limit));
        return;
      }
      try {
        // Without Content-Length (chunked), the body is counted as it arrives.
        if (hold !== undefined && size > hold.bytes) reserve(memory, hold, size - hold.bytes);
      } catch (e) {
        cleanup();
        reject(e);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onError = (e: Error): void => {
      cleanup();
      reject(invalidRequest(`The request body could not be read: ${e.message}`));
    };
    const onClose = (): void => {
      if (incoming.readableEnded) return;
      cleanup();
      reject(invalidRequest('The client closed the connection before sending the whole body.'));
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
    incoming.on('close', onClose);
  });
}

async function readBytes(c: Context<AppEnv>, limit: number, memory?: BodyMemory, hold?: BodyHold): Promise<Buffer> {
  const declared = Number(readHeader(c, 'content-length') ?? Number.NaN);
  if (declared > limit) throw tooLarge(limit);
  // Refused before a byte of the body is read: the whole point is not to hold it.
  if (declared > 0) reserve(memory, hold, declared);
  const incoming = c.env?.incoming;
  if (incoming !== undefined) return readIncoming(incoming, limit, memory, hold);
  // Not on node:http (app.request in tests): the web Request body.
  const buf = Buffer.from(await c.req.arrayBuffer());
  if (buf.length > limit) throw tooLarge(limit);
  if (hold !== undefined && buf.length > hold.bytes) reserve(memory, hold, buf.length - hold.bytes);
  return buf;
}

/**
 * The parsed JSON body; an empty body or invalid JSON is a 400 that says what is wrong. With
 * `memory`, the body counts against it through `hold` (which the caller releases when the request ends).
 */
export async function readJsonBody(c: Context<AppEnv>, limit: number, memory?: BodyMemory, hold?: BodyHold): Promise<unknown> {
  const text = (await readBytes(c, limit, memory, hold)).toString('utf8');
  if (text.trim() === '') throw invalidRequest('The request body is empty; send a JSON object.');
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch (e) {
    throw invalidRequest(`The request body is not valid JSON (${(e as Error).message}).`);
  }
  // Before anything recurses into it (JSON.parse itself does not).
  assertJsonDepth(body);
  return body;
}
