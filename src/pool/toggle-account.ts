// Turning an account off and on by hand (the dashboard's Disable / Enable): the user's switch is
// written to accounts.json through the store, and the pool skips or uses the account from the next
// request on. The switch is apart from the account's state (Google's word on it): enabling does not
// clear a ban or a verification request, which only `gateway accounts verify` re-checks.
import { GatewayError } from '../canonical/index.js';
import type { AccountRegistry } from './account-registry.js';
import type { ToggleResult } from './backend.js';

/** Disables or enables the account `ref` (id or email). */
export async function toggleAccount(registry: AccountRegistry, ref: string, enabled: boolean): Promise<ToggleResult> {
  const account = registry.find(ref);
  if (!account) throw new GatewayError('not_found', `No account "${ref}"; see \`gateway accounts list\`.`, { param: 'account' });
  const id = account.record.id;
  await registry.setDisabled(id, !enabled);
  // Not awaited: the answer comes now, the models and quota follow.
  if (enabled) void registry.refreshQuota(id);
  const r = registry.get(id)!.record;
  return { id, email: r.email, disabled: r.disabled === true, state: r.state, stateReason: r.stateReason ?? null };
}
