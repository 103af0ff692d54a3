// Child process: the floor of any translating gateway built from our converters. A bare node:http
// server that does only what translation needs: parse the OpenAI chat request, build the Cloud
// Code request, call streamGenerateContent as the gateway does, read the SSE into canonical events
// (the body read as the gateway reads it), and render them, folded for a non-streaming client.
// No framework, middleware, pool, failover, logging or token handling: one fixed token, one
// account. gateway ÷ floor is what our server and pool cost; floor ÷ pass-through is what
// translating costs at the least.
import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { foldEvents } from '../src/canonical/index.js';
import { DEFAULTS } from '../src/config/defaults.js';
import type { RenderContext } from '../src/dialects/dialect.js';
import { openaiChatDialect as dialect } from '../src/dialects/openai-chat/index.js';
import { buildCodeAssistRequest } from '../src/upstreams/code-assist/build-request.js';
import { readCodeAssistStream } from '../src/upstreams/code-assist/read-stream.js';
import { createSignatureCache } from '../src/upstreams/gemini-wire/signature-cache.js';
import { batchedBody } from '../src/util/batched-body.js';
import { serveAsChild } from './serve-child.js';

const [emulatorUrl = 'http://127.0.0.1:1', token = '', projectId = ''] = process.argv.slice(2);
const target = new URL(emulatorUrl);
const agent = new Agent({ keepAlive: true });
const sse = dialect.encodings['sse']!;
const signatures = createSignatureCache();
let ids = 0;
const newId = (prefix: string): string => `${prefix}_floor${++ids}`;
const now = (): number => Math.floor(Date.now() / 1000);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function callUpstream(body: string, headers: Record<string, string>): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const up = request(
      {
        host: target.hostname,
        port: target.port,
        method: 'POST',
        path: '/v1internal:streamGenerateContent?alt=sse',
        headers: {
          ...headers,
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          accept: 'text/event-stream',
          'content-length': String(Buffer.byteLength(body)),
        },
        agent,
      },
      resolve,
    );
    up.on('error', reject);
    up.end(body);
  });
}

async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
  const parsed = dialect.parseRequest(JSON.parse(await readBody(req)) as unknown, { requestId: newId('req'), headers });
  const built = buildCodeAssistRequest(parsed, parsed.model, {
    // The bench seeds Antigravity accounts, so the floor sends what the gateway sends for them.
    flavor: 'antigravity',
    projectId,
    antigravityVersion: DEFAULTS.antigravityVersion,
    signatures,
  });
  const upstream = await callUpstream(JSON.stringify(built.body), built.headers);
  const events = readCodeAssistStream(batchedBody(upstream), { model: parsed.model, family: built.family, names: built.names, newId, signatures });
  const ctx: RenderContext = { requestId: parsed.requestId, model: parsed.model, now, request: parsed };
  if (!parsed.stream) {
    const body = JSON.stringify(dialect.renderResponse(await foldEvents(events), ctx));
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
    return;
  }
  res.writeHead(200, { 'content-type': sse.contentType, 'cache-control': 'no-cache' });
  for await (const frame of sse.render(events, ctx)) res.write(frame);
  res.end();
}

const server = createServer((req, res) => {
  serve(req, res).catch((e: unknown) => {
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(String(e));
  });
});
serveAsChild(server);
