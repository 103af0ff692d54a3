import { createServer, get, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { batchedBody } from './batched-body.js';

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  server = undefined;
});

/** A server answering with `handler`, and one GET to it. */
async function answerFrom(handler: (res: ServerResponse) => void): Promise<IncomingMessage> {
  server = createServer((_req, res) => handler(res));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => get({ host: '127.0.0.1', port, agent: false }, resolve).on('error', reject));
}

/** Resolves once `bytes` bytes of the answer have reached the client (another listener sees the same chunks). */
const received = (res: IncomingMessage, bytes: number): Promise<void> =>
  new Promise((resolve) => {
    let n = 0;
    const count = (c: Buffer): void => {
      n += c.length;
      if (n >= bytes) {
        res.off('data', count);
        resolve();
      }
    };
    res.on('data', count);
  });

describe('batchedBody', () => {
  it('hands over what arrived between pulls as one chunk, in order, then ends', async () => {
    let answer!: ServerResponse;
    const res = await answerFrom((out) => {
      answer = out;
      out.writeHead(200);
      for (const word of ['one ', 'two ', 'three']) out.write(word);
    });
    const it = batchedBody(res)[Symbol.asyncIterator]();
    // The reader pulls only once all three words are in, however many socket reads that took.
    await received(res, 'one two three'.length);
    const first = await it.next();
    expect(Buffer.from(first.value as Uint8Array).toString()).toBe('one two three');
    answer.end(' four');
    const second = await it.next();
    expect(Buffer.from(second.value as Uint8Array).toString()).toBe(' four');
    expect((await it.next()).done).toBe(true);
  });

  it('keeps every byte of a body larger than its pause threshold', async () => {
    const big = Buffer.alloc(300_000, 'x');
    const res = await answerFrom((out) => {
      out.writeHead(200);
      out.end(big);
    });
    let size = 0;
    for await (const chunk of batchedBody(res)) size += chunk.length;
    expect(size).toBe(big.length);
  });

  it('delivers what came, then fails when the connection is cut before the end', async () => {
    let answer!: ServerResponse;
    const res = await answerFrom((out) => {
      answer = out;
      out.writeHead(200, { 'content-length': '100' });
      out.write('partial');
    });
    const seen: string[] = [];
    const read = (async () => {
      for await (const chunk of batchedBody(res)) seen.push(Buffer.from(chunk).toString());
    })();
    // Cut once the first bytes are in: the reader has them, then the failure.
    await received(res, 'partial'.length);
    answer.destroy();
    await expect(read).rejects.toThrow();
    expect(seen.join('')).toBe('partial');
  });

  it('destroys an answer the reader stops early', async () => {
    const res = await answerFrom((out) => {
      out.writeHead(200);
      out.write('first');
    });
    for await (const chunk of batchedBody(res)) {
      expect(Buffer.from(chunk).toString()).toBe('first');
      break;
    }
    expect(res.destroyed).toBe(true);
  });
});
