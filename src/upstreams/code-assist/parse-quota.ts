// Quota answers → ModelQuota[]. proto3 JSON leaves out zero values, so a reset time without a
// remaining fraction means the quota is gone, not unknown.
import type { CodeAssistQuotaInfo, FetchAvailableModelsResponse, RetrieveUserQuotaResponse } from '../../protocols/code-assist.js';
import type { ModelQuota } from '../upstream.js';

const stripPrefix = (id: string): string => id.replace(/^models\//, '');

function fraction(q: CodeAssistQuotaInfo): number {
  if (typeof q.remainingFraction === 'number') return Math.min(1, Math.max(0, q.remainingFraction));
  return q.resetTime ? 0 : 1;
}

/**
 * Antigravity's own tooling models that fetchAvailableModels lists next to the real ones (`chat_…`,
 * `tab_…` ids, `isInternal: true`): never listed to clients nor routed to.
 */
function isInternalModel(id: string, info?: { isInternal?: unknown }): boolean {
  return info?.isInternal === true || /^(?:models\/)?(?:chat|tab)_/i.test(id);
}

/** fetchAvailableModels (antigravity): internal models and models without quota info are skipped. */
export function parseAvailableModels(body: unknown): ModelQuota[] {
  const models = (body as FetchAvailableModelsResponse | undefined)?.models;
  if (!models || typeof models !== 'object') return [];
  const out: ModelQuota[] = [];
  for (const [id, info] of Object.entries(models)) {
    if (isInternalModel(id, info)) continue;
    const q = info?.quotaInfo;
    if (!q || typeof q !== 'object') continue;
    const entry: ModelQuota = { model: stripPrefix(id), remainingFraction: fraction(q) };
    if (typeof info.displayName === 'string') entry.displayName = info.displayName;
    if (typeof q.resetTime === 'string') entry.resetTime = q.resetTime;
    out.push(entry);
  }
  return out;
}

/** retrieveUserQuota (gemini-cli): several buckets of one model keep the lowest fraction. */
export function parseUserQuota(body: unknown): ModelQuota[] {
  const buckets = (body as RetrieveUserQuotaResponse | undefined)?.buckets;
  if (!Array.isArray(buckets)) return [];
  const byModel = new Map<string, ModelQuota>();
  for (const b of buckets) {
    if (!b || typeof b.modelId !== 'string') continue;
    const model = stripPrefix(b.modelId);
    const entry: ModelQuota = { model, remainingFraction: fraction(b) };
    if (typeof b.resetTime === 'string') entry.resetTime = b.resetTime;
    const seen = byModel.get(model);
    if (!seen || entry.remainingFraction < seen.remainingFraction) byModel.set(model, entry);
  }
  return [...byModel.values()];
}
