// Finds an account's Cloud Code project: loadCodeAssist, and onboardUser (a long-running
// operation, polled) when the account has no tier yet. shared/spec/google-upstream.md §2.
import { GatewayError } from '../../canonical/index.js';
import type { Endpoints } from '../../config/schema.js';
import type { Flavor } from '../upstream.js';
import { clientMetadata, endpointsFor, flavorHeaders } from './flavors.js';

export interface CodeAssistCallOptions {
  endpoints: Endpoints;
  flavor: Flavor;
  antigravityVersion: string;
  accessToken: string;
  signal?: AbortSignal;
}

export interface TierInfo {
  id: string;
  name?: string;
  isDefault?: boolean;
  userDefinedCloudaicompanionProject?: boolean;
}

export interface LoadCodeAssistResult {
  currentTier?: TierInfo;
  paidTier?: TierInfo;
  allowedTiers: TierInfo[];
  projectId?: string;
}

export interface OnboardOperation {
  name?: string;
  done: boolean;
  projectId?: string;
}

export interface ProjectDiscovery {
  /** Undefined when the account cannot be used; `reason` says why. */
  projectId?: string;
  /** paidTier over currentTier, or the tier just onboarded to. */
  tier?: string;
  reason?: string;
}

export interface DiscoverOptions extends CodeAssistCallOptions {
  /** A project the user chose (project-based tiers); sent as cloudaicompanionProject. */
  projectId?: string;
  /** Between onboardUser polls; Google's own clients wait 5 s. */
  pollIntervalMs?: number;
  maxPolls?: number;
  /** Progress lines for a spinner. */
  onProgress?: (line: string) => void;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function tierOf(v: unknown): TierInfo | undefined {
  const t = obj(v);
  const id = str(t?.id);
  if (!t || !id) return undefined;
  return {
    id,
    ...(str(t.name) ? { name: str(t.name)! } : {}),
    ...(typeof t.isDefault === 'boolean' ? { isDefault: t.isDefault } : {}),
    ...(typeof t.userDefinedCloudaicompanionProject === 'boolean'
      ? { userDefinedCloudaicompanionProject: t.userDefinedCloudaicompanionProject }
      : {}),
  };
}

/** A string in most answers, `{id, name}` in some. */
const projectOf = (v: unknown): string | undefined => str(v) ?? str(obj(v)?.id);

async function callCodeAssist(method: string, body: Json, opts: CodeAssistCallOptions): Promise<Json> {
  const urls = endpointsFor(opts.flavor, 'onboard', opts.endpoints);
  let last: GatewayError | undefined;
  for (const base of urls) {
    let res: Response;
    try {
      res = await fetch(`${base}/v1internal:${method}`, {
        method: 'POST',
        headers: { ...flavorHeaders(opts.flavor, opts.antigravityVersion, 'onboard'), Authorization: `Bearer ${opts.accessToken}` },
        body: JSON.stringify(body),
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
    } catch (cause) {
      last = new GatewayError('upstream', `Could not reach ${base} for ${method} (${(cause as Error).message}).`, { cause });
      continue;
    }
    const text = await res.text();
    let json: Json = {};
    try {
      json = obj(JSON.parse(text)) ?? {};
    } catch {
      // an HTML error page; the status says enough
    }
    if (res.ok) return json;
    const error = obj(json.error);
    const message = str(error?.message) ?? `HTTP ${res.status}`;
    const upstream = { status: res.status, ...(str(error?.status) ? { code: str(error?.status)! } : {}) };
    const kind = res.status === 401 ? 'auth' : res.status === 403 ? 'permission' : res.status >= 500 ? 'upstream' : 'invalid_request';
    last = new GatewayError(kind, `${method} answered ${res.status}: ${message}`, { upstream });
    // The other endpoint may know the account (anchors fall back on 403/404 too); a 401 or 400 it won't fix.
    if (res.status !== 403 && res.status !== 404 && res.status < 500) break;
  }
  throw last ?? new GatewayError('internal', `No Cloud Code endpoint configured for ${method}.`);
}

function metadata(opts: CodeAssistCallOptions, projectId: string | undefined): Json {
  return { ...clientMetadata(opts.flavor), ...(projectId ? { duetProject: projectId } : {}) };
}

export async function loadCodeAssist(opts: CodeAssistCallOptions & { projectId?: string }): Promise<LoadCodeAssistResult> {
  const json = await callCodeAssist(
    'loadCodeAssist',
    { ...(opts.projectId ? { cloudaicompanionProject: opts.projectId } : {}), metadata: metadata(opts, opts.projectId) },
    opts,
  );
  const currentTier = tierOf(json.currentTier);
  const paidTier = tierOf(json.paidTier);
  const projectId = projectOf(json.cloudaicompanionProject);
  const allowed = Array.isArray(json.allowedTiers) ? json.allowedTiers.map(tierOf).filter((t) => t !== undefined) : [];
  return {
    allowedTiers: allowed,
    ...(currentTier ? { currentTier } : {}),
    ...(paidTier ? { paidTier } : {}),
    ...(projectId ? { projectId } : {}),
  };
}

/** One onboardUser call; the answer is an operation that may not be done yet. */
export async function onboardUser(opts: CodeAssistCallOptions & { tierId: string; projectId?: string }): Promise<OnboardOperation> {
  const json = await callCodeAssist(
    'onboardUser',
    {
      tierId: opts.tierId,
      ...(opts.projectId ? { cloudaicompanionProject: opts.projectId } : {}),
      metadata: metadata(opts, opts.projectId),
    },
    opts,
  );
  const projectId = projectOf(obj(json.response)?.cloudaicompanionProject);
  return { done: json.done === true, ...(str(json.name) ? { name: str(json.name)! } : {}), ...(projectId ? { projectId } : {}) };
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), reject(signal.reason)), { once: true });
  });

/** loadCodeAssist, then onboardUser polled until done when the account has no tier. Never throws for "no project". */
export async function discoverProject(opts: DiscoverOptions): Promise<ProjectDiscovery> {
  const loaded = await loadCodeAssist(opts);
  if (loaded.currentTier) {
    const tier = loaded.paidTier?.id ?? loaded.currentTier.id;
    const projectId = loaded.projectId ?? opts.projectId;
    if (projectId) return { projectId, tier };
    return {
      tier,
      reason: `Google reports tier ${loaded.currentTier.id} but no Cloud Code project for this account; its tier needs a Google Cloud project with the Gemini for Google Cloud API enabled.`,
    };
  }
  const chosen = loaded.allowedTiers.find((t) => t.isDefault) ?? { id: 'free-tier' };
  if (chosen.userDefinedCloudaicompanionProject && !opts.projectId) {
    return {
      tier: chosen.id,
      reason: `The account's default tier (${chosen.id}) needs a Google Cloud project of your own, and none was given.`,
    };
  }
  const maxPolls = opts.maxPolls ?? 10;
  for (let attempt = 1; attempt <= maxPolls; attempt++) {
    opts.onProgress?.(attempt === 1 ? `Setting up Cloud Code for this account (${chosen.id})` : `Waiting for Google to finish setting up (${attempt}/${maxPolls})`);
    const op = await onboardUser({ ...opts, tierId: chosen.id });
    if (op.done) {
      const tier = loaded.paidTier?.id ?? chosen.id;
      if (op.projectId) return { projectId: op.projectId, tier };
      return { tier, reason: 'Google finished onboarding the account but gave it no Cloud Code project.' };
    }
    if (attempt < maxPolls) await sleep(opts.pollIntervalMs ?? 5000, opts.signal);
  }
  return { tier: chosen.id, reason: `Google had not finished onboarding the account after ${maxPolls} checks; try again in a few minutes.` };
}
