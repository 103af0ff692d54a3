// The flags a command hands to loadConfig: its own --port, --host, --api-key and --strategy where
// given, and the program's --debug. One place, so every command reads them the same way.
import type { Command } from 'commander';
import type { ConfigFlags } from '../config/load-config.js';

/** @example loadConfig(io.env, configFlags(cmd, { port: opts.port, host: opts.host })) */
export function configFlags(cmd: Command, given: Omit<ConfigFlags, 'debug'> = {}): ConfigFlags {
  const flags: ConfigFlags = {};
  if (given.port !== undefined) flags.port = given.port;
  if (given.host !== undefined) flags.host = given.host;
  if (given.strategy !== undefined) flags.strategy = given.strategy;
  if (given.apiKey !== undefined) flags.apiKey = given.apiKey;
  if (cmd.optsWithGlobals<{ debug?: boolean }>().debug === true) flags.debug = true;
  return flags;
}
