import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The gateway home: GATEWAY_HOME, else the OS config folder (XDG_CONFIG_HOME on Linux,
 * Application Support on macOS, APPDATA on Windows). Written out here rather than through
 * env-paths so that `gateway --version` imports nothing.
 */
export function resolveHome(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  if (env.GATEWAY_HOME) return env.GATEWAY_HOME;
  const home = homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'gateway');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'gateway', 'Config');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'gateway');
}

export const accountsPath = (home: string): string => join(home, 'accounts.json');
export const configPath = (home: string): string => join(home, 'config.json');
export const secretsFilePath = (home: string): string => join(home, 'secrets.json');
