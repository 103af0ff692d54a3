// accounts.json in the gateway home: account metadata only (never a secret), with a schema version.
import { accountsPath } from '../config/paths.js';
import { readJsonFile } from '../util/read-json-file.js';
import { normalizeState } from './account-status.js';
import { writeFileAtomic } from './atomic-write.js';
import { withFileLock } from './file-lock.js';
import type { AccountRecord } from './types.js';

const ACCOUNTS_FILE_VERSION = 1;

/** accounts.json cannot be read as ours; it is left exactly as it was. @internal */
export class AccountsFileError extends Error {
  override readonly name = 'AccountsFileError';
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(
      `${path} ${problem}; it was left untouched. Fix it by hand, or move it away and add your accounts again.`,
    );
  }
}

interface AccountsFile {
  version: number;
  accounts: AccountRecord[];
}

function parseAccounts(path: string, raw: unknown): AccountRecord[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new AccountsFileError(path, 'is not a gateway accounts file (expected an object with "version" and "accounts")');
  }
  const file = raw as Partial<AccountsFile>;
  if (file.version !== ACCOUNTS_FILE_VERSION) {
    throw new AccountsFileError(
      path,
      `has schema version ${JSON.stringify(file.version)}, and this gateway reads version ${ACCOUNTS_FILE_VERSION} (a newer gateway may have written it)`,
    );
  }
  if (!Array.isArray(file.accounts)) throw new AccountsFileError(path, 'has no "accounts" list');
  file.accounts.forEach((a: unknown, i) => {
    const r = a as Partial<AccountRecord> | null;
    if (typeof r !== 'object' || r === null || typeof r.id !== 'string' || typeof r.email !== 'string' || typeof r.flavor !== 'string') {
      throw new AccountsFileError(path, `has an invalid entry at accounts[${i}] (id, email and flavor are required)`);
    }
    if (typeof r.state === 'string') r.state = normalizeState(r.state);
  });
  return file.accounts;
}

async function readFrom(path: string): Promise<AccountRecord[]> {
  const raw = await readJsonFile(path, () => new AccountsFileError(path, 'is not valid JSON'));
  return raw === undefined ? [] : parseAccounts(path, raw);
}

/** The accounts in `home`/accounts.json; [] when there is no file yet. Throws AccountsFileError. */
export async function readAccounts(home: string): Promise<AccountRecord[]> {
  return readFrom(accountsPath(home));
}

/**
 * Read-modify-write under a lock file, written atomically. `mutate` may change the array in place
 * (return nothing) or return a new one. A corrupt file throws before anything is written.
 */
export async function updateAccounts(
  home: string,
  mutate: (accounts: AccountRecord[]) => AccountRecord[] | void,
): Promise<AccountRecord[]> {
  const path = accountsPath(home);
  return withFileLock(path, async () => {
    const current = await readFrom(path);
    const next = mutate(current) ?? current;
    const file: AccountsFile = { version: ACCOUNTS_FILE_VERSION, accounts: next };
    await writeFileAtomic(path, JSON.stringify(file, null, 2) + '\n', 0o600);
    return next;
  });
}
