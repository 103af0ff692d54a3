// Turning an account off and on by hand (the dashboard's Disable / Enable): the state is written to
// accounts.json through the store, and the pool skips or uses the account from the next request on.
import { GatewayError } from '../canonical/index.js';
import type { AccountState } from '../store/types.js';
import type { AccountRegistry } from './account-registry.js';

export interface ToggleResult {
  id: string;
  email: string;
  state: AccountState;
  stateReason: string | null;
}

export const DISABLED_BY_HAND = 'Disabled by hand; enable it again in the dashboard (/ui) or with POST /accounts/<id>/enable.';

/**
 * Disables or enables the account `ref` (id or email). Enabling clears any earlier state (a
 * disabled, needs-login or banned mark): the user asks the pool to try the account again, and a
 * refusal from Google marks it again. An account without a project stays `no-project`.
 */
export async function toggleAccount(registry: AccountRegistry, ref: string, enabled: boolean): Promise<ToggleResult> {
  const account = registry.find(ref);
  if (!account) throw new GatewayError('not_found', `No account "${ref}"; see \`gateway accounts list\`.`, { param: 'account' });
  const id = account.record.id;
  if (enabled) {
    await registry.markState(id, account.record.projectId ? 'active' : 'no-project', '');
    // Not awaited: the answer comes now, the models and quota follow.
    void registry.refreshQuota(id);
  } else {
    await registry.markState(id, 'disabled', DISABLED_BY_HAND);
  }
  const r = registry.get(id)!.record;
  return { id, email: r.email, state: r.state, stateReason: r.stateReason ?? null };
}
