// What every HTTP child of the bench does once its server exists: listen on a free loopback port,
// tell the parent where over IPC, and close cleanly when told to stop or when the parent goes.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServerReady } from './messages.js';

export function serveAsChild(server: Server): void {
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    const ready: ServerReady = { type: 'ready', url: `http://127.0.0.1:${port}` };
    process.send?.(ready);
  });
  const stop = (): void => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
}
