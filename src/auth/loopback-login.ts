// The browser login: a one-shot HTTP server on a free 127.0.0.1 port receives Google's redirect.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Endpoints } from '../config/schema.js';
import type { Flavor } from '../google/flavors.js';
import { LoginError } from './login-error.js';
import { exchangeCode, prepareLogin, type LoginTokens } from './oauth-client.js';

export const CALLBACK_PATH = '/oauth2callback';

export interface LoopbackLoginOptions {
  flavor: Flavor;
  endpoints: Endpoints;
  /** 0 or undefined: any free port. */
  port?: number;
  timeoutMs: number;
  /** Told the URL before the browser is opened, so the user can open it by hand. */
  onAuthUrl: (url: string) => void;
  /** Opens the URL in a browser; a failure only means the user opens it by hand. */
  openUrl: (url: string) => Promise<void>;
}

const page = (title: string, text: string): string =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title>` +
  `<body style="font-family:system-ui,sans-serif;margin:4em auto;max-width:32em"><h1>${title}</h1><p>${text}</p></body>`;

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE'
          ? new LoginError(`Port ${port} on 127.0.0.1 is in use.`, 'Pick another with --port, or leave it out for any free port.')
          : e,
      ),
    );
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

export async function loginWithLoopback(opts: LoopbackLoginOptions): Promise<LoginTokens> {
  const server = await listen(opts.port ?? 0);
  const { port } = server.address() as AddressInfo;
  let timer: NodeJS.Timeout | undefined;
  try {
    const login = await prepareLogin(opts.flavor, opts.endpoints, `http://127.0.0.1:${port}${CALLBACK_PATH}`);
    const code = new Promise<string>((resolve, reject) => {
      server.on('request', (req: IncomingMessage, res: ServerResponse) => {
        const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
        if (url.pathname !== CALLBACK_PATH) {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
          return;
        }
        const reply = (status: number, title: string, text: string): void => {
          res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', connection: 'close' }).end(page(title, text));
        };
        const error = url.searchParams.get('error');
        if (error) {
          reply(400, 'Login failed', `Google said: ${error.replace(/[<>&]/g, '')}. Return to the terminal.`);
          reject(new LoginError(`Google did not grant access (${error}).`, 'Run `gateway accounts add` again and allow access.'));
          return;
        }
        if (url.searchParams.get('state') !== login.state) {
          // Not our login: another page or process is poking the port. Refuse it, keep waiting.
          reply(400, 'Login failed', 'This answer does not belong to the login in progress.');
          return;
        }
        const got = url.searchParams.get('code');
        if (!got) {
          reply(400, 'Login failed', 'Google sent no code. Return to the terminal.');
          reject(new LoginError('Google redirected back without a code.', 'Run `gateway accounts add` again.'));
          return;
        }
        reply(200, 'Signed in', 'You can close this tab and return to the terminal.');
        resolve(got);
      });
    });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new LoginError(
              `No answer from the browser within ${Math.round(opts.timeoutMs / 1000)} s.`,
              'Run `gateway accounts add` again, or use --no-browser to paste the code instead.',
            ),
          ),
        opts.timeoutMs,
      );
    });
    opts.onAuthUrl(login.authUrl);
    opts.openUrl(login.authUrl).catch(() => undefined);
    const received = await Promise.race([code, timeout]);
    return await exchangeCode(login, received);
  } finally {
    clearTimeout(timer);
    server.closeAllConnections();
    server.close();
  }
}
