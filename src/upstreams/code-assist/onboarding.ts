// Finds an account's Cloud Code project: loadCodeAssist, and onboardUser (a long-running
// operation, polled with GET v1internal/{name} as gemini-cli does) when the account has no tier
// or no project yet. Accounts Google will not serve (ineligibleTiers) are told apart, not
// onboarded. shared/spec/google-upstream.md §0 and §2.
import { GatewayError, isGatewayError, type AccountVerdict } from '../../canonical/index.js';
import type { Endpoints } from '../../config/schema.js';
import { clientMetadata, flavorHeaders } from '../../google/client-identity.js';
import { endpointsFor } from '../../google/flavor-info.js';
import type { Flavor } from '../../google/flavors.js';
import { sleep } from '../../util/sleep.js';
import { mapGoogleError, UNSUPPORTED_CLIENT_HINT } from './map-error.js';

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

/** Why Google will not let the account use a tier (loadCodeAssist `ineligibleTiers`). */
export interface IneligibleTier {
  tierId?: string;
  /** VALIDATION_REQUIRED, UNSUPPORTED_CLIENT, INELIGIBLE_ACCOUNT, DASHER_USER, RESTRICTED_AGE, ... */
  reasonCode: string;
  reasonMessage?: string;
  validationUrl?: string;
  validationUrlLinkText?: string;
  validationLearnMoreUrl?: string;
}

export interface LoadCodeAssistResult {
  currentTier?: TierInfo;
  paidTier?: TierInfo;
  allowedTiers: TierInfo[];
  ineligibleTiers: IneligibleTier[];
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
  /** Google will not serve the account until its owner acts (verification, unsupported client). */
  verdict?: AccountVerdict;
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

type Call = { verb: 'POST'; method: string; body: Json } | { verb: 'GET'; operation: string };

const describeCall = (call: Call): string => (call.verb === 'POST' ? call.method : `GET ${call.operation}`);

async function callCodeAssist(call: Call, opts: CodeAssistCallOptions): Promise<Json> {
  const what = describeCall(call);
  const urls = endpointsFor(opts.flavor, 'onboard', opts.endpoints);
  let last: GatewayError | undefined;
  for (const base of urls) {
    let res: Response;
    try {
      const headers = { ...flavorHeaders(opts.flavor, opts.antigravityVersion, 'onboard'), Authorization: `Bearer ${opts.accessToken}` };
      res = await fetch(
        call.verb === 'POST' ? `${base}/v1internal:${call.method}` : `${base}/v1internal/${call.operation}`,
        call.verb === 'POST'
          ? { method: 'POST', headers, body: JSON.stringify(call.body), ...(opts.signal ? { signal: opts.signal } : {}) }
          : { method: 'GET', headers, ...(opts.signal ? { signal: opts.signal } : {}) },
      );
    } catch (cause) {
      last = new GatewayError('upstream', `Could not reach ${base} for ${what} (${(cause as Error).message}).`, { cause });
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
    // Read like every other Cloud Code answer, so a verification or a ban is recognised here too.
    const mapped = mapGoogleError(res.status, text, res.headers);
    const kind = res.status === 401 ? 'auth' : res.status === 403 ? 'permission' : res.status >= 500 ? 'upstream' : 'invalid_request';
    last = new GatewayError(kind, `${what} answered ${res.status}: ${mapped.message.replace(/^Cloud Code Assist answered HTTP \d+\.$/, `HTTP ${res.status}`)}`, {
      ...(mapped.upstream ? { upstream: mapped.upstream } : {}),
      ...(mapped.account ? { account: mapped.account } : {}),
    });
    // The other endpoint may know the account (anchors fall back on 403/404 too); a 401 or 400 it won't fix.
    if (res.status !== 403 && res.status !== 404 && res.status < 500) break;
  }
  throw last ?? new GatewayError('internal', `No Cloud Code endpoint configured for ${what}.`);
}

/** Free and Google One tiers get a managed project: sending one fails ("Precondition Failed", 400). */
const managedProjectTier = (tierId: string): boolean => tierId === 'free-tier' || tierId.startsWith('g1-');

function metadata(opts: CodeAssistCallOptions, projectId: string | undefined): Json {
  return { ...clientMetadata(opts.flavor), ...(projectId ? { duetProject: projectId } : {}) };
}

function ineligibleOf(v: unknown): IneligibleTier | undefined {
  const t = obj(v);
  const reasonCode = str(t?.reasonCode);
  if (!t || !reasonCode) return undefined;
  const out: IneligibleTier = { reasonCode };
  for (const k of ['tierId', 'reasonMessage', 'validationUrl', 'validationUrlLinkText', 'validationLearnMoreUrl'] as const) {
    const value = str(t[k]);
    if (value) out[k] = value;
  }
  return out;
}

export async function loadCodeAssist(opts: CodeAssistCallOptions & { projectId?: string }): Promise<LoadCodeAssistResult> {
  const json = await callCodeAssist(
    {
      verb: 'POST',
      method: 'loadCodeAssist',
      body: { ...(opts.projectId ? { cloudaicompanionProject: opts.projectId } : {}), metadata: metadata(opts, opts.projectId) },
    },
    opts,
  );
  const currentTier = tierOf(json.currentTier);
  const paidTier = tierOf(json.paidTier);
  const projectId = projectOf(json.cloudaicompanionProject);
  const allowed = Array.isArray(json.allowedTiers) ? json.allowedTiers.map(tierOf).filter((t) => t !== undefined) : [];
  const ineligible = Array.isArray(json.ineligibleTiers) ? json.ineligibleTiers.map(ineligibleOf).filter((t) => t !== undefined) : [];
  return {
    allowedTiers: allowed,
    ineligibleTiers: ineligible,
    ...(currentTier ? { currentTier } : {}),
    ...(paidTier ? { paidTier } : {}),
    ...(projectId ? { projectId } : {}),
  };
}

function operationOf(json: Json): OnboardOperation {
  const projectId = projectOf(obj(json.response)?.cloudaicompanionProject);
  return { done: json.done === true, ...(str(json.name) ? { name: str(json.name)! } : {}), ...(projectId ? { projectId } : {}) };
}

/** One onboardUser call; the answer is an operation that may not be done yet. */
async function onboardUser(opts: CodeAssistCallOptions & { tierId: string; projectId?: string }): Promise<OnboardOperation> {
  const project = managedProjectTier(opts.tierId) ? undefined : opts.projectId;
  const json = await callCodeAssist(
    {
      verb: 'POST',
      method: 'onboardUser',
      body: { tierId: opts.tierId, ...(project ? { cloudaicompanionProject: project } : {}), metadata: metadata(opts, project) },
    },
    opts,
  );
  return operationOf(json);
}

/** The long-running operation onboardUser started, as it stands now. */
async function getOperation(opts: CodeAssistCallOptions & { name: string }): Promise<OnboardOperation> {
  return operationOf(await callCodeAssist({ verb: 'GET', operation: opts.name }, opts));
}

/** The verdict an ineligibleTiers entry carries, when it is one the owner can act on. */
function verdictOf(t: IneligibleTier, flavor: Flavor): AccountVerdict | undefined {
  const message = t.reasonMessage ?? t.reasonCode;
  if (t.reasonCode === 'VALIDATION_REQUIRED') {
    const link = t.validationUrl
      ? { url: t.validationUrl, ...(t.validationUrlLinkText ? { text: t.validationUrlLinkText } : {}), ...(t.validationLearnMoreUrl ? { learnMoreUrl: t.validationLearnMoreUrl } : {}) }
      : undefined;
    return { state: 'needs-verification', message, ...(link ? { link } : {}) };
  }
  if (t.reasonCode === 'UNSUPPORTED_CLIENT') {
    return { state: 'unsupported-client', message: flavor === 'gemini-cli' ? `${message} ${UNSUPPORTED_CLIENT_HINT}` : message };
  }
  return undefined;
}

/**
 * The ineligibleTiers entries that stop this account from using `tierId` (entries for other tiers
 * only say what it cannot upgrade to). With no tier at all to use, every entry explains why.
 */
function blockingEntries(loaded: LoadCodeAssistResult, tierId: string | undefined): IneligibleTier[] {
  if (tierId === undefined) return loaded.ineligibleTiers;
  return loaded.ineligibleTiers.filter((t) => t.tierId === undefined || t.tierId === tierId);
}

const RANK: Record<string, number> = { VALIDATION_REQUIRED: 0, UNSUPPORTED_CLIENT: 1 };

/** What a loadCodeAssist answer says about the account, before any onboarding. */
export interface Eligibility {
  /** paidTier over the tier the account has or would be onboarded to. */
  tier?: string;
  projectId?: string;
  /** Google refuses the account until its owner acts. */
  verdict?: AccountVerdict;
  /** Why the account cannot be used (a verdict's message, or Google's other ineligibility reasons). */
  reason?: string;
  /** No current tier or no project yet: onboardUser would set it up. */
  needsOnboarding: boolean;
}

export function eligibility(loaded: LoadCodeAssistResult, flavor: Flavor): Eligibility {
  const usingTier = loaded.currentTier?.id ?? loaded.allowedTiers.find((t) => t.isDefault)?.id;
  const blocking = blockingEntries(loaded, usingTier).sort((a, b) => (RANK[a.reasonCode] ?? 9) - (RANK[b.reasonCode] ?? 9));
  const tier = loaded.paidTier?.id ?? usingTier;
  const known = { ...(tier ? { tier } : {}), ...(loaded.projectId ? { projectId: loaded.projectId } : {}) };
  if (blocking.length > 0) {
    const verdict = verdictOf(blocking[0]!, flavor);
    const words = blocking.map((t) => `${t.reasonMessage ?? 'not eligible'} (${t.reasonCode})`).join('; ');
    return { ...known, ...(verdict ? { verdict } : {}), reason: verdict?.message ?? `Google will not serve this account: ${words}.`, needsOnboarding: false };
  }
  return { ...known, needsOnboarding: !loaded.currentTier || !loaded.projectId };
}

/** loadCodeAssist, then onboardUser polled until done when the account has no tier or no project. Never throws for "no project". */
export async function discoverProject(opts: DiscoverOptions): Promise<ProjectDiscovery> {
  let loaded: LoadCodeAssistResult;
  try {
    loaded = await loadCodeAssist(opts);
  } catch (e) {
    // A 403 VALIDATION_REQUIRED (or a ban) on loadCodeAssist itself: the account is known, just refused.
    if (isGatewayError(e) && e.account) return { verdict: e.account, reason: e.account.message };
    throw e;
  }
  const found = eligibility(loaded, opts.flavor);
  if (found.reason !== undefined) {
    const { needsOnboarding: _n, ...rest } = found;
    return rest;
  }
  const tierShown = found.tier;
  const fallbackTier = loaded.allowedTiers.find((t) => t.isDefault);
  if (loaded.currentTier) {
    const projectId = loaded.projectId ?? opts.projectId;
    if (projectId) return { projectId, tier: tierShown ?? loaded.currentTier.id };
  }
  // No tier yet, or a tier without a project (Workspace / business accounts): onboard with the
  // tier Google names (CLIProxyAPI does the same; refusing these accounts loses real users).
  const chosen = loaded.currentTier ?? fallbackTier ?? { id: 'free-tier' };
  if (!loaded.currentTier && chosen.userDefinedCloudaicompanionProject && !opts.projectId) {
    return {
      tier: chosen.id,
      reason: `The account's default tier (${chosen.id}) needs a Google Cloud project of your own, and none was given.`,
    };
  }
  const maxPolls = opts.maxPolls ?? 10;
  const call = { ...opts, tierId: chosen.id };
  opts.onProgress?.(`Setting up Cloud Code for this account (${chosen.id})`);
  let op = await onboardUser(call);
  for (let poll = 1; !op.done && poll < maxPolls; poll++) {
    await sleep(opts.pollIntervalMs ?? 5000, opts.signal);
    opts.onProgress?.(`Waiting for Google to finish setting up (${poll + 1}/${maxPolls})`);
    // gemini-cli polls the operation by name; an answer without a name can only be asked again.
    op = op.name ? await getOperation({ ...opts, name: op.name }) : await onboardUser(call);
  }
  const tier = loaded.paidTier?.id ?? chosen.id;
  if (!op.done) return { tier: chosen.id, reason: `Google had not finished onboarding the account after ${maxPolls} checks; try again in a few minutes.` };
  if (op.projectId) return { projectId: op.projectId, tier };
  if (loaded.currentTier) {
    return {
      tier,
      reason: `Google reports tier ${loaded.currentTier.id} but gave no Cloud Code project for this account, even after onboarding; its tier may need a Google Cloud project with the Gemini for Google Cloud API enabled.`,
    };
  }
  return { tier, reason: 'Google finished onboarding the account but gave it no Cloud Code project.' };
}
