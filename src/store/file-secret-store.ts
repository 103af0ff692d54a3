// The fallback secret store: secrets.json in the gateway home, mode 0600, for machines where no
// OS keychain answers. Same lock as accounts.json so the CLI and a server never lose a write.
import { chmod } from 'node:fs/promises';
import { secretsFilePath } from '../config/paths.js';
import { readJsonFile } from '../util/read-json-file.js';
import { writeFileAtomic } from './atomic-write.js';
import { withFileLock } from './file-lock.js';
import type { SecretStore } from './types.js';

interface SecretsFile {
  version: 1;
  secrets: Record<string, string>;
}

async function readSecrets(path: string): Promise<Record<string, string>> {
  const raw = await readJsonFile(path, () => new Error(`${path} is not valid JSON; it was left untouched. Move it away and add your accounts again.`));
  if (raw === undefined) return {};
  const file: Partial<SecretsFile> | null = raw;
  const secrets = file?.secrets;
  if (typeof secrets !== 'object' || secrets === null) {
    throw new Error(`${path} is not a gateway secrets file; it was left untouched. Move it away and add your accounts again.`);
  }
  return secrets;
}

export function createFileSecretStore(home: string): SecretStore {
  const path = secretsFilePath(home);
  const update = (mutate: (s: Record<string, string>) => void): Promise<void> =>
    withFileLock(path, async () => {
      const secrets = await readSecrets(path);
      mutate(secrets);
      const file: SecretsFile = { version: 1, secrets };
      await writeFileAtomic(path, JSON.stringify(file, null, 2) + '\n', 0o600);
      // A file copied in with wider permissions is narrowed on the first write.
      await chmod(path, 0o600);
    });
  return {
    backend: 'file',
    get: async (accountId) => (await readSecrets(path))[accountId],
    set: (accountId, secret) =>
      update((s) => {
        s[accountId] = secret;
      }),
    delete: (accountId) =>
      update((s) => {
        delete s[accountId];
      }),
    describe: () => `${path} (0600)`,
  };
}
