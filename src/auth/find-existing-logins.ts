// Logins a user already has in other tools, for `accounts import`: gemini-cli's
// ~/.gemini/oauth_creds.json and antigravity-claude-proxy's accounts file.
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Flavor } from '../google/flavors.js';
import { readJsonFile } from '../util/read-json-file.js';

export interface ImportCandidate {
  /** The file it came from. */
  source: string;
  flavor: Flavor;
  refreshToken: string;
  /** What the other tool says the email is; the gateway asks Google anyway. */
  email?: string;
}

export interface ImportSkip {
  source: string;
  /** The email or position of the entry. */
  what: string;
  reason: string;
}

export interface FoundLogins {
  candidates: ImportCandidate[];
  skipped: ImportSkip[];
  /** Files that do not exist (not an error: the tool is simply not installed). */
  missing: string[];
}

export const defaultGeminiCredsPath = (home = homedir()): string => join(home, '.gemini', 'oauth_creds.json');
export const defaultAntigravityProxyPath = (home = homedir(), xdg?: string): string =>
  join(xdg || join(home, '.config'), 'antigravity-proxy', 'accounts.json');

class NotJson extends Error {}

/** The file's JSON; undefined when it is missing or unusable, which `found` records. */
async function readJson(path: string, found: FoundLogins): Promise<unknown> {
  try {
    const raw = await readJsonFile(path, () => new NotJson());
    if (raw === undefined) found.missing.push(path);
    return raw;
  } catch (e) {
    const reason = e instanceof NotJson ? 'is not valid JSON' : `cannot be read (${(e as Error).message})`;
    found.skipped.push({ source: path, what: 'file', reason });
    return undefined;
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

async function fromGeminiCli(path: string, found: FoundLogins): Promise<void> {
  const raw = (await readJson(path, found)) as { refresh_token?: unknown } | undefined;
  if (raw === undefined) return;
  const refreshToken = str(raw?.refresh_token);
  if (!refreshToken) {
    found.skipped.push({ source: path, what: 'login', reason: 'holds no refresh_token' });
    return;
  }
  found.candidates.push({ source: path, flavor: 'gemini-cli', refreshToken });
}

async function fromAntigravityProxy(path: string, found: FoundLogins): Promise<void> {
  const raw = (await readJson(path, found)) as { accounts?: unknown } | undefined;
  if (raw === undefined) return;
  if (!Array.isArray(raw?.accounts)) {
    found.skipped.push({ source: path, what: 'file', reason: 'has no "accounts" list' });
    return;
  }
  raw.accounts.forEach((entry: unknown, i) => {
    const a = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const email = str(a.email);
    const what = email ?? `accounts[${i}]`;
    // Some tools pack "token|project|managedProject" into one field; the token is the first part.
    const refreshToken = str(a.refreshToken)?.split('|')[0];
    if (!refreshToken) {
      const why = a.source === 'manual' ? 'is an API-key account, not a Google login' : 'has no refresh token (it may read the Antigravity app database)';
      found.skipped.push({ source: path, what, reason: why });
      return;
    }
    found.candidates.push({ source: path, flavor: 'antigravity', refreshToken, ...(email ? { email } : {}) });
  });
}

export async function findExistingLogins(paths: { geminiCreds: string; antigravityProxy: string }): Promise<FoundLogins> {
  const found: FoundLogins = { candidates: [], skipped: [], missing: [] };
  await fromGeminiCli(paths.geminiCreds, found);
  await fromAntigravityProxy(paths.antigravityProxy, found);
  return found;
}
