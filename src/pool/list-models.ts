// /v1/models from the pool: every model a usable account serves, with the flavors that serve it and
// Google's display name where quota discovery gave one.
import type { AccountRegistry } from './account-registry.js';
import type { ModelInfo } from './backend.js';

export function listModels(registry: AccountRegistry): ModelInfo[] {
  const owners = new Map<string, { flavors: Set<string>; displayName?: string }>();
  for (const a of registry.list()) {
    if (!registry.usable(a)) continue;
    for (const m of registry.models(a)) {
      const o = owners.get(m) ?? { flavors: new Set<string>() };
      o.flavors.add(a.record.flavor);
      const dn = registry.quota.get(a.record.id, m)?.displayName;
      if (dn) o.displayName = dn;
      owners.set(m, o);
    }
  }
  return [...owners.entries()]
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([id, o]) => ({ id, ownedBy: [...o.flavors].sort().join(','), ...(o.displayName ? { displayName: o.displayName } : {}) }));
}
