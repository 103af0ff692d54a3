// The work of `gateway ui`: find the running gateway, get a one-time sign-in link when it needs
// an API key (the key itself is never printed nor put in a URL), open it or print it.
import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import { configFlags } from '../config-flags.js';
import type { CliIO } from '../context.js';
import type { UiOptions } from './ui.js';

interface LinkAnswer {
  path?: unknown;
}

export async function runUi(opts: UiOptions, cmd: Command, io: CliIO): Promise<void> {
  const [{ loadConfig }, { createOutput }, { urlFor }, { openInBrowser }] = await Promise.all([
    import('../../config/load-config.js'),
    import('../output.js'),
    import('../../server/url-for.js'),
    import('../open-in-browser.js'),
  ]);
  const config = await loadConfig(io.env, configFlags(cmd, opts));
  const out = createOutput(io);
  const url = urlFor(config.host, config.port);
  let res: Response;
  try {
    res = await fetch(`${url}/ui/api/login-link`, {
      method: 'POST',
      headers: config.apiKey ? { 'x-api-key': config.apiKey } : {},
      signal: AbortSignal.timeout(5000),
    });
  } catch {
    throw new CliError(`No gateway answers on ${url}.`, 1, 'Start one with `gateway start` (or pass --port / --host).');
  }
  if (res.status === 401) throw new CliError(`The gateway on ${url} refused the API key.`, 1, 'Set GATEWAY_API_KEY to the key the server was started with.');
  let path: unknown;
  try {
    path = res.ok ? ((await res.json()) as LinkAnswer).path : undefined;
  } catch {
    path = undefined;
  }
  if (typeof path !== 'string' || !path.startsWith('/ui/')) {
    throw new CliError(`Something on ${url} answered ${res.status}, but not a gateway with a dashboard.`, 1, 'Update the gateway, or check --port.');
  }
  const link = `${url}${path}`;
  const once = path.includes('#code=');
  if (opts.open && config.browserCommand !== 'none') {
    out.info(`Opening the dashboard in your browser${once ? ' (the link signs in once, within 5 minutes)' : ''}:`);
    await openInBrowser(config, link);
  } else if (once) {
    out.info('The dashboard; this link signs in once, within 5 minutes:');
  }
  out.out(link);
}
