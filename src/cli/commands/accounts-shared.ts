// What the accounts commands share: config loading, the secret store with its one warning,
// and finding an account by email or id. Imported lazily from inside actions.
import type { Command } from 'commander';
import { loadConfig } from '../../config/load-config.js';
import type { Config } from '../../config/schema.js';
import { openSecretStore } from '../../store/secret-store.js';
import { tidyHome } from '../../store/tidy-home.js';
import { useProxy } from '../../util/use-proxy.js';
import type { AccountRecord, SecretBackend, SecretStore } from '../../store/types.js';
import { FLAVORS, isFlavor, type Flavor } from '../../google/flavors.js';
import { CliError } from '../cli-error.js';
import { configFlags } from '../config-flags.js';
import type { CliIO } from '../context.js';
import type { Output } from '../output.js';

export async function cliConfig(io: CliIO, cmd: Command): Promise<Readonly<Config>> {
  const { createOutput } = await import('../output.js');
  const out = createOutput(io);
  const config = await loadConfig(io.env, configFlags(cmd), { warn: (l) => out.warn(l) });
  await useProxy(config.proxy);
  return config;
}

export async function cliSecretStore(config: Readonly<Config>, out: Output): Promise<SecretStore> {
  // An earlier `accounts add` killed mid-write may have left a copy of the secrets behind.
  for (const line of await tidyHome(config.home)) out.warn(line);
  return openSecretStore({ home: config.home, secretStore: config.secretStore, warn: (line) => out.warn(line) });
}

export function parseFlavor(value: string): Flavor {
  if (!isFlavor(value)) throw new CliError(`Unknown flavor "${value}".`, 2, `Use ${FLAVORS.map((f) => `--flavor ${f}`).join(' or ')}.`);
  return value;
}

/** Accounts whose id or email (any case) is `ref`. */
export function matchAccounts(accounts: readonly AccountRecord[], ref: string): AccountRecord[] {
  const wanted = ref.toLowerCase();
  return accounts.filter((a) => a.id === ref || a.email.toLowerCase() === wanted);
}

export function describeBackend(backend: SecretBackend | undefined): string {
  if (backend === 'keychain') return 'OS keychain';
  if (backend === 'file') return 'file (0600)';
  return 'unknown';
}
