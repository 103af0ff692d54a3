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

const nextTick = (): Promise<void> => new Promise((r) => setTimeout(r, 20));

describe('batchedBody', () => {
  it('hands over what arrived between pulls as one chunk, in order, then ends', async () => {
    const res = await answerFrom((out) => {
      out.writeHead(200);
      for (const word of ['one ', 'two ', 'three']) out.write(word);
      setTimeout(() => out.end(' four'), 30);
    });
    const it = batchedBody(res)[Symbol.asyncIterator]();
    await nextTick();
    const first = await it.next();
    expect(Buffer.from(first.value as Uint8Array).toString()).toBe('one two three');
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
    const res = await answerFrom((out) => {
      out.writeHead(200, { 'content-length': '100' });
      out.write('partial');
      setTimeout(() => out.destroy(), 30);
    });
    const seen: string[] = [];
    const read = (async () => {
      for await (const chunk of batchedBody(res)) seen.push(Buffer.from(chunk).toString());
    })();
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
