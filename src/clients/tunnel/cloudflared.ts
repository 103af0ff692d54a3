// A public HTTPS address for the gateway through Cloudflare's `cloudflared` (Cursor's servers make
// the model calls, so `localhost` cannot work for it): a quick tunnel on trycloudflare.com, whose
// address cloudflared prints on stderr, or a named tunnel whose host name the user configured.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

class TunnelError extends Error {
  override readonly name = 'TunnelError';
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export const INSTALL_CLOUDFLARED =
  'Install cloudflared (macOS: `brew install cloudflared`; Windows: `winget install --id Cloudflare.cloudflared`; ' +
  'Linux: the cloudflared package from pkg.cloudflare.com or a release binary from github.com/cloudflare/cloudflared/releases), then run this again.';

/** The quick tunnel's address as cloudflared prints it, inside its ASCII box. */
const QUICK_URL = /https:\/\/[a-z0-9-]+\.trycloudflare\.com/i;
/** Printed once the tunnel has a connection to Cloudflare's edge: only then does traffic flow. */
const CONNECTED = /Registered tunnel connection/;

export interface TunnelOptions {
  /** The gateway's local address, http://127.0.0.1:PORT. */
  localUrl: string;
  /** A named tunnel (config.json `tunnelName`); a quick tunnel when absent. */
  name?: string;
  /** The named tunnel's public host name (config.json `tunnelHostname`). */
  hostname?: string;
  env: NodeJS.ProcessEnv;
  /** How long to wait for the address (quick) or the first connection (named). */
  timeoutMs?: number;
  /** Each line cloudflared prints, for the debug log. */
  onLine?: (line: string) => void;
  /** Called when cloudflared exits on its own after the tunnel was up. */
  onExit?: (why: string) => void;
}

export interface Tunnel {
  /** https://name.trycloudflare.com, no trailing slash. */
  url: string;
  hostname: string;
  /** Stops cloudflared (SIGTERM, then SIGKILL after a grace period). */
  close(): Promise<void>;
}

function argsFor(opts: TunnelOptions): string[] {
  if (opts.name) return ['tunnel', '--no-autoupdate', 'run', '--url', opts.localUrl, opts.name];
  return ['tunnel', '--no-autoupdate', '--url', opts.localUrl];
}

export function openTunnel(opts: TunnelOptions): Promise<Tunnel> {
  if (opts.name && !opts.hostname) {
    return Promise.reject(
      new TunnelError(`The named tunnel "${opts.name}" needs its public host name.`, 'Set "tunnelHostname" in config.json (or GATEWAY_TUNNEL_HOSTNAME).'),
    );
  }
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn('cloudflared', argsFor(opts), { env: opts.env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    } catch (e) {
      reject(e);
      return;
    }
    const recent: string[] = [];
    let settled = false;
    let exited = false;
    const exitedPromise = new Promise<void>((r) => child.once('exit', () => r()));
    const close = async (): Promise<void> => {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exitedPromise;
      clearTimeout(timer);
    };
    const fail = (e: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Not awaited: the caller hears of the failure now; close() never rejects and the child's exit follows.
      void close();
      reject(e);
    };
    const succeed = (url: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ url, hostname: new URL(url).hostname, close });
    };
    const timeoutMs = opts.timeoutMs ?? 30_000;
    const timer = setTimeout(
      () => fail(new TunnelError(`cloudflared gave no tunnel address within ${timeoutMs / 1000} s.`, `Its last words: ${recent.slice(-3).join(' | ') || '(nothing)'}`)),
      timeoutMs,
    );
    const onLine = (line: string): void => {
      opts.onLine?.(line);
      recent.push(line);
      if (recent.length > 20) recent.shift();
      if (opts.name) {
        if (CONNECTED.test(line)) succeed(`https://${opts.hostname}`);
        return;
      }
      const m = QUICK_URL.exec(line);
      if (m) succeed(m[0].toLowerCase());
    };
    // cloudflared logs on stderr; read stdout too in case a build prints there.
    createInterface({ input: child.stderr! }).on('line', onLine);
    createInterface({ input: child.stdout! }).on('line', onLine);
    child.once('error', (e: NodeJS.ErrnoException) => {
      exited = true;
      fail(e.code === 'ENOENT' ? new TunnelError('cloudflared is not installed (not found on PATH).', INSTALL_CLOUDFLARED) : e);
    });
    child.once('exit', (code, signal) => {
      exited = true;
      const why = signal ? `signal ${signal}` : `exit code ${code}`;
      if (!settled) fail(new TunnelError(`cloudflared stopped before the tunnel was up (${why}).`, `Its last words: ${recent.slice(-3).join(' | ') || '(nothing)'}`));
      else opts.onExit?.(why);
    });
  });
}
