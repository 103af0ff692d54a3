// One account, checked the way the gateway would use it: its stored secret, a token refresh,
// loadCodeAssist (does Google serve it, with which tier and project), its quota, and with
// --probe one tiny generation. Read-only: marks change only through the server or
// `gateway accounts verify`.
import { refreshAccessToken } from '../auth/refresh-access-token.js';
import { foldEvents, isGatewayError, toGatewayError, type AccountVerdict } from '../canonical/index.js';
import type { Config } from '../config/schema.js';
import type { LimitsReport } from '../pool/limits-report.js';
import { fixFor, statusOf } from '../store/account-status.js';
import { loadRefreshToken } from '../store/secret-store.js';
import type { AccountRecord } from '../store/types.js';
import { defaultModelsOf } from '../google/flavor-info.js';
import { eligibility, loadCodeAssist } from '../upstreams/code-assist/onboarding.js';
import type { AccountContext, ModelQuota, Upstream } from '../upstreams/upstream.js';
import type { AccountCheck, Cooling, Diagnosis, Level, ProbeResult } from './report.js';

export interface AccountCheckOptions {
  config: Readonly<Config>;
  upstream: Upstream;
  probe: boolean;
  /** The Antigravity version the gateway claims (resolved once for the whole report). */
  clientVersion: string;
  /** How long each call to Google may take (the probe gets longer: a model answers). */
  timeoutMs: number;
  /** What a running gateway reports (its cooldowns), when one runs. */
  serverLimits?: LimitsReport;
  now?: () => number;
  /** Called when the probe request starts (progress). */
  onProbe?: (model: string) => void;
}

const LEVELS: Record<Diagnosis, Level> = {
  ok: 'ok',
  'cooling-down': 'info',
  'needs-login': 'fail',
  'needs-verification': 'fail',
  banned: 'fail',
  'unsupported-client': 'fail',
  'no-project': 'fail',
  error: 'fail',
};

/** A model a probe may use: one with quota left, a small one when there is a choice. @internal */
export function probeModel(quota: readonly ModelQuota[], flavor: AccountRecord['flavor']): string {
  const usable = quota.filter((q) => q.remainingFraction > 0).map((q) => q.model);
  const pool = usable.length > 0 ? usable : defaultModelsOf(flavor);
  return pool.find((m) => /flash/.test(m) && !/lite/.test(m)) ?? pool.find((m) => /flash/.test(m)) ?? pool[0] ?? 'gemini-3-flash';
}

async function runProbe(upstream: Upstream, account: AccountContext, model: string, now: () => number, timeoutMs: number): Promise<ProbeResult> {
  const start = now();
  try {
    await foldEvents(
      upstream.stream({
        request: {
          model,
          messages: [{ role: 'user', parts: [{ type: 'text', text: 'Reply with the single word ok.' }] }],
          maxOutputTokens: 16,
          stream: true,
          requestId: 'gateway-doctor-probe',
        },
        model,
        account,
        signal: AbortSignal.timeout(timeoutMs),
      }),
    );
    return { ok: true, model, ms: now() - start };
  } catch (e) {
    const timedOut = (e as { name?: string }).name === 'TimeoutError';
    const error = timedOut ? `no answer within ${Math.round(timeoutMs / 1000)} s` : toGatewayError(e).message;
    return { ok: false, model, ms: now() - start, error };
  }
}

function finish(
  record: AccountRecord,
  state: Diagnosis,
  extra: { reason?: string | undefined; link?: AccountCheck['link']; fix?: string | undefined; tier?: string | undefined; projectId?: string | undefined; coolingDown?: Cooling[]; probe?: ProbeResult } = {},
): AccountCheck {
  return {
    level: LEVELS[state],
    id: record.id,
    email: record.email,
    flavor: record.flavor,
    tier: extra.tier ?? record.tier ?? null,
    projectId: extra.projectId ?? record.projectId ?? null,
    stored: record.state,
    state,
    reason: extra.reason ?? null,
    link: extra.link ?? null,
    fix: extra.fix || null,
    coolingDown: extra.coolingDown ?? [],
    ...(extra.probe ? { probe: extra.probe } : {}),
  };
}

const fromVerdict = (record: AccountRecord, v: AccountVerdict, probe?: ProbeResult): AccountCheck =>
  finish(record, v.state, {
    reason: v.message,
    ...(v.state === 'needs-verification' && v.link ? { link: v.link } : {}),
    fix: fixFor(v),
    ...(probe ? { probe } : {}),
  });

export async function checkAccount(record: AccountRecord, opts: AccountCheckOptions): Promise<AccountCheck> {
  const { config, upstream } = opts;
  const now = opts.now ?? Date.now;
  let refreshToken: string | undefined;
  try {
    refreshToken = await loadRefreshToken({ home: config.home, secretStore: config.secretStore }, record);
  } catch (e) {
    return finish(record, 'error', { reason: `could not read its stored login (${(e as Error).message})`, fix: 'Unlock the OS keychain, or log the account in again.' });
  }
  if (!refreshToken) {
    return finish(record, 'needs-login', { reason: 'its refresh token is missing from the secret store', fix: fixFor({ state: 'needs-login', message: '' }) });
  }
  let accessToken: string;
  try {
    accessToken = (await refreshAccessToken(config.endpoints, record.flavor, refreshToken, AbortSignal.timeout(opts.timeoutMs))).token;
  } catch (e) {
    const err = toGatewayError(e);
    if (err.upstream?.code === 'invalid_grant') return finish(record, 'needs-login', { reason: err.message, fix: fixFor({ state: 'needs-login', message: '' }) });
    return finish(record, 'error', { reason: `could not refresh its token (${err.message})`, fix: 'Check the network and proxy findings above.' });
  }

  let tier: string | undefined;
  let projectId: string | undefined;
  try {
    const loaded = await loadCodeAssist({
      endpoints: config.endpoints,
      flavor: record.flavor,
      antigravityVersion: opts.clientVersion,
      accessToken,
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
    const found = eligibility(loaded, record.flavor);
    tier = found.tier;
    projectId = found.projectId ?? record.projectId;
    if (found.verdict) return fromVerdict(record, found.verdict);
    if (found.reason) return finish(record, 'no-project', { reason: found.reason, fix: 'Google gives this account no Cloud Code access; use another account.', tier });
    if (!projectId) {
      return finish(record, 'no-project', { reason: 'Google has not set up Cloud Code for this account yet', fix: fixFor({ state: 'no-project', message: '' }), tier });
    }
  } catch (e) {
    if (isGatewayError(e) && e.account) return fromVerdict(record, e.account);
    return finish(record, 'error', { reason: `loadCodeAssist failed (${toGatewayError(e).message})`, fix: 'Check the network findings above; if they are fine, Google may be down: try again later.' });
  }
  const ids = { ...(tier ? { tier } : {}), projectId };

  const context: AccountContext = { id: record.id, email: record.email, record: { ...record, projectId }, getAccessToken: async () => accessToken };
  let quota: ModelQuota[] = [];
  let quotaError: string | undefined;
  try {
    quota = await upstream.fetchQuota(context, AbortSignal.timeout(opts.timeoutMs));
  } catch (e) {
    if (isGatewayError(e) && e.account) return fromVerdict(record, e.account);
    quotaError = toGatewayError(e).message;
  }

  let probe: ProbeResult | undefined;
  if (opts.probe) {
    const model = probeModel(quota, record.flavor);
    opts.onProbe?.(model);
    probe = await runProbe(upstream, context, model, now, Math.max(opts.timeoutMs, 60_000));
  }

  // A mark the server set stays until `accounts verify` clears it, even when Google serves again.
  if (record.state !== 'active') {
    const status = statusOf(record);
    const cleared = probe?.ok ? 'a request just worked' : 'Google no longer reports it';
    return finish(record, record.state, {
      reason: record.stateReason ?? record.state,
      ...(record.stateLink ? { link: record.stateLink } : {}),
      fix: `${fixFor(status)} (${cleared}: \`gateway accounts verify\` clears the mark.)`,
      ...ids,
      ...(probe ? { probe } : {}),
    });
  }
  if (probe && !probe.ok) {
    return finish(record, 'error', { reason: `the probe request failed: ${probe.error}`, fix: 'See the message; run `gateway doctor --probe` again after fixing it.', ...ids, probe });
  }

  const t = now();
  const cooling: Cooling[] = quota
    .filter((q) => q.remainingFraction <= 0 && q.resetTime && Date.parse(q.resetTime) > t)
    .map((q) => ({ model: q.model, until: q.resetTime!, why: 'quota' }));
  const live = opts.serverLimits?.accounts.find((a) => a.id === record.id);
  for (const [model, m] of Object.entries(live?.models ?? {})) {
    if (m.cooldownUntil && Date.parse(m.cooldownUntil) > t && !cooling.some((c) => c.model === model)) {
      cooling.push({ model, until: m.cooldownUntil, why: m.cooldownReason ?? 'cooldown' });
    }
  }
  const models = new Set([...quota.map((q) => q.model), ...Object.keys(live?.models ?? {})]);
  const allCooling = models.size > 0 && [...models].every((m) => cooling.some((c) => c.model === m));
  const soonest = cooling.map((c) => c.until).sort()[0];
  const reason = quotaError
    ? `its quota could not be read (${quotaError})`
    : allCooling
      ? `every model is resting until ${soonest}`
      : cooling.length > 0
        ? `${cooling.length} model(s) resting`
        : undefined;
  const checked = finish(record, allCooling ? 'cooling-down' : 'ok', {
    ...(reason ? { reason } : {}),
    ...(allCooling ? { fix: 'Nothing to do: the gateway uses it again when its quota resets.' } : {}),
    ...ids,
    coolingDown: cooling,
    ...(probe ? { probe } : {}),
  });
  if (quotaError) checked.level = 'warn';
  return checked;
}
