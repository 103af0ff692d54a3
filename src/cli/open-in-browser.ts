// Opens a URL in the user's browser: GATEWAY_BROWSER_CMD when set (given the URL as its one
// argument; `none` opens nothing), else the system's default browser through `open`.
import { spawn } from 'node:child_process';
import type { Config } from '../config/schema.js';

/** Resolves once the browser was asked; a browser that fails to start only means the user opens the URL by hand. */
export async function openInBrowser(config: Pick<Config, 'browserCommand'>, url: string): Promise<void> {
  const cmd = config.browserCommand;
  if (cmd === 'none') return;
  if (cmd) {
    const child = spawn(cmd, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
    return;
  }
  const { default: open } = await import('open');
  const child = await open(url);
  child.on('error', () => undefined);
}
