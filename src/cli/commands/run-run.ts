// The work of `gateway run`, loaded only when the command runs.
import type { Command } from 'commander';
import { chooseModels } from '../../clients/choose-models.js';
import { fetchCatalog, probeGateway, startBackgroundGateway } from '../../clients/reach-gateway.js';
import { runChild } from '../../clients/run-child.js';
import { clientEnv, INSTALL_HINT, isRunClient, RUN_CLIENTS, wireClient } from '../../clients/wire-client.js';
import { loadConfig } from '../../config/load-config.js';
import { urlFor } from '../../server/url-for.js';
import { readStoredApiKey } from '../../store/stored-api-key.js';
import { findOnPath } from '../../util/find-on-path.js';
import { CliError } from '../cli-error.js';
import { configFlags } from '../config-flags.js';
import type { CliIO } from '../context.js';
import { ExitCode } from '../exit-code.js';
import { createOutput } from '../output.js';
import type { RunOptions } from './run.js';

export async function runRun(client: string, userArgs: string[], opts: RunOptions, cmd: Command, io: CliIO): Promise<void> {
  if (!isRunClient(client)) {
    throw new CliError(`Unknown client "${client}".`, 2, `Use one of: ${RUN_CLIENTS.join(', ')} (\`gateway setup\` knows more clients).`);
  }
  const out = createOutput(io);
  const config = await loadConfig(io.env, configFlags(cmd));
  if (config.port === 0) {
    throw new CliError('gateway run needs a fixed port to find the gateway, but the port is 0.', 2, 'Set GATEWAY_PORT (or "port" in config.json).');
  }
  const bin = await findOnPath(client, io.env);
  if (!bin) throw new CliError(`${client} is not installed (not found on PATH).`, 1, `Install it with \`${INSTALL_HINT[client]}\`, then run this again.`);

  const url = urlFor(config.host, config.port);
  const apiKey = config.apiKey ?? (await readStoredApiKey({ home: config.home, secretStore: config.secretStore }));
  const probe = await probeGateway(url, apiKey);
  if (probe.state === 'needs-key') {
    const what = apiKey ? 'refused the API key this command has' : 'wants an API key';
    throw new CliError(`The gateway on ${url} ${what}.`, 1, 'Set GATEWAY_API_KEY to the key it was started with.');
  }
  if (probe.state === 'foreign') {
    throw new CliError(`Something that is not a gateway answers on ${url} (HTTP ${probe.status}).`, 1, 'Pick another port with GATEWAY_PORT.');
  }
  if (probe.state === 'down') {
    if (!opts.start) throw new CliError(`No gateway answers on ${url}.`, 1, 'Start one with `gateway start`, or leave out --no-start.');
    out.info(`No gateway answers on ${url}; starting one in the background…`);
    const bg = await startBackgroundGateway({ home: config.home, url, ...(apiKey ? { apiKey } : {}), env: io.env });
    out.info(`Started a gateway in the background on ${url} (pid ${bg.pid}, log ${bg.logPath}); it keeps running after ${client} exits. Stop it with \`kill ${bg.pid}\`.`);
  }

  const catalog = await fetchCatalog(url, apiKey);
  if (catalog.size === 0) out.warn('The gateway serves no model yet: add an account with `gateway accounts add` (the running gateway picks it up).');
  const models = chooseModels(config.aliases, catalog);
  const wiring = await wireClient(client, { baseUrl: url, ...(apiKey ? { apiKey } : {}), models, catalog: [...catalog].sort() }, userArgs, io.env);
  out.info(`${client} → gateway on ${url}: ${wiring.summary}`);
  let code: number;
  try {
    const interactive = (io.stdin ?? process.stdin).isTTY === true;
    code = await runChild(bin, wiring.args, clientEnv(io.env, wiring), interactive);
  } finally {
    await wiring.cleanup();
  }
  if (code !== 0) throw new ExitCode(code);
}
