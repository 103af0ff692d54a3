// What `gateway doctor` finds, as JSON (--json prints it as is). Never a secret: no token, and a
// proxy URL without its credentials.
import type { ActionLink } from '../canonical/index.js';
import type { AccountState } from '../store/types.js';
import type { ClientVersionInfo } from '../upstreams/code-assist/client-version.js';

/** ok: nothing to do; info: worth knowing; warn: may bite later; fail: needs the user now. */
export type Level = 'ok' | 'info' | 'warn' | 'fail';

export interface IdentityCheck extends ClientVersionInfo {
  level: Level;
  note: string;
}

export interface KeychainCheck {
  level: Level;
  /** GATEWAY_SECRET_STORE */
  setting: 'auto' | 'keychain' | 'file';
  /** Where new secrets go. */
  inUse: 'keychain' | 'file' | 'none';
  detail: string;
}

export interface ProxyCheck {
  level: Level;
  configured: boolean;
  /** scheme://host:port, credentials left out. */
  url?: string;
  noProxy?: string;
  reachable?: boolean;
  error?: string;
}

export interface EndpointCheck {
  level: Level;
  name: string;
  url: string;
  reachable: boolean;
  /** Any HTTP answer means the host is reachable; the status is only shown. */
  status?: number;
  ms?: number;
  error?: string;
}

export interface ServerCheck {
  level: Level;
  url: string;
  running: boolean;
  status?: string;
  error?: string;
}

/** An account's state as the doctor finds it now: the stored states, plus ok, cooling down and error. */
export type Diagnosis = Exclude<AccountState, 'active'> | 'ok' | 'cooling-down' | 'error';

export interface Cooling {
  model: string;
  until: string;
  /** quota: Google reports it exhausted until then; otherwise the running gateway's cooldown reason. */
  why: string;
}

export interface ProbeResult {
  ok: boolean;
  model: string;
  ms: number;
  error?: string;
}

export interface AccountCheck {
  level: Level;
  id: string;
  email: string;
  flavor: string;
  tier: string | null;
  projectId: string | null;
  /** What accounts.json says. */
  stored: AccountState;
  state: Diagnosis;
  reason: string | null;
  link: ActionLink | null;
  fix: string | null;
  coolingDown: Cooling[];
  probe?: ProbeResult;
}

export interface DoctorReport {
  generatedAt: string;
  home: string;
  /** True when nothing needs the user (the exit code is 0). */
  ok: boolean;
  /** One line per thing the user must do, most important first. */
  needsYou: string[];
  identity: IdentityCheck;
  keychain: KeychainCheck;
  proxy: ProxyCheck;
  endpoints: EndpointCheck[];
  server: ServerCheck;
  accounts: AccountCheck[];
}
