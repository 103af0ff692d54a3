// Reads a request body as JSON within the configured size limit: too big → 413, not JSON → 400.
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { assertJsonDepth, GatewayError, invalidRequest } from '../../canonical/index.js';
import type { AppEnv } from '../types.js';
import { readHeader } from '../read-headers.js';

const tooLarge = (limit: number): GatewayError =>
  new GatewayError('too_large', `The request body is larger than the gateway's limit of ${limit} bytes (config.json "bodyLimitBytes").`);

function readIncoming(incoming: IncomingMessage, limit: number): Promise<Buffer> {
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

async function readBytes(c: Context<AppEnv>, limit: number): Promise<Buffer> {
  const declared = Number(readHeader(c, 'content-length') ?? Number.NaN);
  if (declared > limit) throw tooLarge(limit);
  const incoming = c.env?.incoming;
  if (incoming !== undefined) return readIncoming(incoming, limit);
  // Not on node:http (app.request in tests): the web Request body.
  const buf = Buffer.from(await c.req.arrayBuffer());
  if (buf.length > limit) throw tooLarge(limit);
  return buf;
}

/** The parsed JSON body; an empty body or invalid JSON is a 400 that says what is wrong. */
export async function readJsonBody(c: Context<AppEnv>, limit: number): Promise<unknown> {
  const text = (await readBytes(c, limit)).toString('utf8');
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
