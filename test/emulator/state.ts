// The emulator's memory: Google accounts, the tokens it issued, scripted replies, and a record
// of every request it received, so tests can assert on what the gateway sent.
import type { TodayOptions } from './today.js';
import type { AccountTrouble } from './account-trouble.js';
import type { EmulatorFaults, FaultCounters } from './faults.js';

export interface QuotaEntry {
  /** Left out means exhausted when resetTime is set (proto3 drops zero values). */
  remainingFraction?: number;
  resetTime?: string;
  displayName?: string;
}

export interface EmulatedAccount {
  email: string;
  refreshToken: string;
  revoked: boolean;
  /** Set once the account is onboarded (or from the start for an existing account). */
  projectId?: string;
  /** currentTier id; undefined means loadCodeAssist answers without a tier (needs onboarding). */
  tier?: string;
  paidTier?: string;
  /** How many onboardUser calls answer `done: false` before the one that completes. */
  onboardPendingPolls: number;
  /** Per model id: what fetchAvailableModels / retrieveUserQuota report. */
  quota: Record<string, QuotaEntry>;
  /** Why Google refuses this account (verification, ban, unsupported client); none by default. */
  trouble?: AccountTrouble;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON, or the form fields of a urlencoded body, or the raw text. */
  body: unknown;
  /** The account the bearer token belongs to, when there is one. */
  account?: string;
  at: number;
}

/** A reply a test queued for the next matching call. */
export interface ScriptedReply {
  /** Only calls to this method (`streamGenerateContent`, `token`, ...) match; any when left out. */
  method?: string;
  /** Only calls by this account email match; any when left out. */
  account?: string;
  /** HTTP error: status and a Google error body (or any JSON). */
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** For generation: the parts the model answers with (replaces the default echo). */
  parts?: unknown[];
  finishReason?: string;
  /** Close the socket without an answer (before headers), or after N stream events. */
  drop?: 'before-headers' | { afterEvents: number };
  /** Extra latency for this reply only. */
  delayMs?: number;
  /** How many calls this reply serves (default 1). */
  times?: number;
}

export interface EmulatorOptions {
  /** Latency added before every generation answer (ms). */
  latencyMs?: number;
  /** Number of SSE events a streamed default answer is cut into. */
  streamChunks?: number;
  /** Delay between streamed events (ms). */
  chunkDelayMs?: number;
  /** Access-token lifetime in seconds (Google: 3599). */
  tokenLifetimeSeconds?: number;
  /** Keep no request records (the benchmark). */
  noRecords?: boolean;
  /** Google's 2026 behaviours (today.ts), each off unless set; tests may also change `state.today` later. */
  today?: TodayOptions;
  /**
   * onboardUser answers 400 FAILED_PRECONDITION when a free or Google One tier comes with a
   * cloudaicompanionProject, as Google does (spec §0); off by default.
   */
  strictOnboarding?: boolean;
  /** Faults switched on from the start (see faults.ts); `state.faults` switches them later. */
  faults?: EmulatorFaults;
}

interface IssuedToken {
  email: string;
  expiresAt: number;
  /** The OAuth client the token was issued to (Google knows which tool is calling). */
  clientId?: string;
}

export class EmulatorState {
  readonly accounts = new Map<string, EmulatedAccount>();
  readonly records: RecordedRequest[] = [];
  /** Streamed answers whose client closed the connection before the last event (disconnect tests). */
  abortedStreams = 0;
  /**
   * Email of the account that consents at the next OAuth authorize call (then cleared); when
   * unset, the `login_hint` query decides, else the first account added.
   */
  nextConsent?: string;
  readonly options: Required<Omit<EmulatorOptions, 'noRecords' | 'today' | 'strictOnboarding' | 'faults'>> & { noRecords: boolean; strictOnboarding: boolean };
  /** The switches of today.ts, live: a test may flip one between two requests. */
  today: TodayOptions;
  /** Switchable faults of generation (faults.ts), all off by default. */
  readonly faults: EmulatorFaults;
  readonly faultCounters: FaultCounters = { hanging: 0, hung: 0, unauthorized: 0 };
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly script: ScriptedReply[] = [];
  private tokenCounter = 0;

  constructor(options: EmulatorOptions = {}) {
    this.options = {
      latencyMs: options.latencyMs ?? 0,
      streamChunks: options.streamChunks ?? 3,
      chunkDelayMs: options.chunkDelayMs ?? 0,
      tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3599,
      noRecords: options.noRecords ?? false,
      strictOnboarding: options.strictOnboarding ?? false,
    };
    this.today = { ...options.today };
    this.faults = { ...options.faults };
  }

  /** Adds (or replaces) a Google account. Defaults: onboarded on free-tier with a project. */
  addAccount(email: string, init: Partial<EmulatedAccount> = {}): EmulatedAccount {
    const slug = email.replace(/[^a-z0-9]/gi, '-');
    const account: EmulatedAccount = {
      email,
      refreshToken: `1//refresh-${slug}`,
      revoked: false,
      projectId: `project-${slug}`,
      tier: 'free-tier',
      onboardPendingPolls: 1,
      quota: {},
      ...init,
    };
    this.accounts.set(email, account);
    return account;
  }

  accountByRefreshToken(token: string): EmulatedAccount | undefined {
    for (const a of this.accounts.values()) if (a.refreshToken === token) return a;
    return undefined;
  }

  issueAccessToken(email: string, clientId?: string): { token: string; expiresIn: number } {
    const token = `ya29.emulated-${++this.tokenCounter}-${email.replace(/[^a-z0-9]/gi, '')}`;
    const expiresIn = this.options.tokenLifetimeSeconds;
    this.tokens.set(token, { email, expiresAt: Date.now() + expiresIn * 1000, ...(clientId ? { clientId } : {}) });
    return { token, expiresIn };
  }

  /** The OAuth client behind `Authorization: Bearer <token>`, when the token says. */
  clientForAuthorization(header: string | undefined): string | undefined {
    const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
    return m?.[1] ? this.tokens.get(m[1])?.clientId : undefined;
  }

  /** Makes every access token issued so far invalid (as if they expired or were revoked). */
  expireAccessTokens(email?: string): void {
    for (const [t, info] of this.tokens) if (email === undefined || info.email === email) this.tokens.delete(t);
  }

  /** The account behind `Authorization: Bearer <token>`, when the token is valid. */
  accountForAuthorization(header: string | undefined): EmulatedAccount | undefined {
    const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
    if (!m?.[1]) return undefined;
    const info = this.tokens.get(m[1]);
    if (!info || info.expiresAt < Date.now()) return undefined;
    const account = this.accounts.get(info.email);
    return account && !account.revoked ? account : undefined;
  }

  /** Queues a scripted reply; the first queued reply that matches a call serves it. */
  enqueue(reply: ScriptedReply): void {
    this.script.push({ times: 1, ...reply });
  }

  /** Takes the next scripted reply for this call, if any. */
  takeReply(method: string, account: string | undefined): ScriptedReply | undefined {
    const i = this.script.findIndex(
      (r) => (r.method === undefined || r.method === method) && (r.account === undefined || r.account === account),
    );
    if (i === -1) return undefined;
    const reply = this.script[i]!;
    reply.times = (reply.times ?? 1) - 1;
    if (reply.times <= 0) this.script.splice(i, 1);
    return reply;
  }

  record(r: RecordedRequest): void {
    if (!this.options.noRecords) this.records.push(r);
  }

  /** The records of calls to one method (the path's last segment after `:` or `/`). */
  calls(method: string): RecordedRequest[] {
    return this.records.filter((r) => methodOf(r.path) === method);
  }

  reset(): void {
    this.records.length = 0;
    this.script.length = 0;
  }
}

/** `/v1internal:streamGenerateContent` → `streamGenerateContent`; `/token` → `token`. */
export function methodOf(path: string): string {
  const colon = path.lastIndexOf(':');
  if (colon !== -1) return path.slice(colon + 1);
  return path.slice(path.lastIndexOf('/') + 1);
}
