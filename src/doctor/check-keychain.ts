// Where refresh tokens are kept on this machine: the OS keychain, or the 0600 file.
import { secretsFilePath } from '../config/paths.js';
import type { Config } from '../config/schema.js';
import type { KeychainCheck } from './report.js';

export async function checkKeychain(config: Pick<Config, 'home' | 'secretStore'>): Promise<KeychainCheck> {
  const file = secretsFilePath(config.home);
  const setting = config.secretStore;
  if (setting === 'file') return { level: 'ok', setting, inUse: 'file', detail: `secrets in ${file} (mode 0600), as GATEWAY_SECRET_STORE=file asks` };
  const { probeKeychain } = await import('../store/keychain-secret-store.js');
  const why = await probeKeychain();
  if (why === undefined) return { level: 'ok', setting, inUse: 'keychain', detail: 'the OS keychain answers' };
  if (setting === 'keychain') {
    return { level: 'fail', setting, inUse: 'none', detail: `the OS keychain does not answer (${why}); unlock or install one, or set GATEWAY_SECRET_STORE=file` };
  }
  return { level: 'warn', setting, inUse: 'file', detail: `no OS keychain answers (${why}); secrets in ${file} (mode 0600)` };
}
