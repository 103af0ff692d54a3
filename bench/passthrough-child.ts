// Child process: the ceiling comparison. A bare node:http proxy that pipes request and response
// bodies to the emulator without parsing them; what any Node proxy costs at the least.
import { Agent, createServer, request } from 'node:http';
import { serveAsChild } from './serve-child.js';

const target = new URL(process.argv[2] ?? 'http://127.0.0.1:1');
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

const server = createServer((req, res) => {
  const upstream = request(
    {
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host: target.host },
      agent,
    },
    (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    },
  );
  upstream.on('error', () => res.destroy());
  // A client that goes away mid-stream must not leave the upstream stream running.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
});
serveAsChild(server);
