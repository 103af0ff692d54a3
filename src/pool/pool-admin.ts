// The pool's admin operations, apart from the request path: the /account-limits report (quota asked
// again where it is old), forced token refreshes, the user's Disable / Enable, and the settings a
// running server takes from config.json.
import { GatewayError } from '../canonical/index.js';
import type { RefreshResult, ToggleResult } from './backend.js';
import { buildLimits, type LimitsReport } from './limits-report.js';
import type { LiveConfig, PoolParts } from './pool-parts.js';
import { toggleAccount } from './toggle-account.js';

/** limits() asks Google again when its data is older than this. */
const LIMITS_FRESH_MS = 60_000;

export interface PoolAdmin {
  limits(): Promise<LimitsReport>;
  refreshTokens(account?: string): Promise<RefreshResult[]>;
  setAccountEnabled(account: string, enabled: boolean): Promise<ToggleResult>;
  /** Re-reads accounts and quota now (tests, `gateway limits`). */
  refreshQuota(): Promise<void>;
  /** Takes the settings that may change under a running server: aliases and strategy. */
  applyConfig(next: LiveConfig): void;
}

export function createAdmin(parts: PoolParts): PoolAdmin {
  const { registry, cooldowns, picker, now } = parts;
  return {
    async limits() {
      await registry.sync();
      const t = now();
      const stale = registry.list().filter((a) => registry.usable(a) && (registry.quota.account(a.record.id)?.fetchedAt ?? -Infinity) < t - LIMITS_FRESH_MS);
      await Promise.all(stale.map((a) => registry.refreshQuota(a.record.id)));
      return buildLimits(registry, cooldowns, parts.live.strategy, now());
    },
    async refreshTokens(which) {
      await registry.sync();
      let targets = registry.list();
      if (which !== undefined) {
        const one = registry.find(which);
        if (!one) throw new GatewayError('not_found', `No account "${which}"; see \`gateway accounts list\`.`, { param: 'account' });
        targets = [one];
      }
      return Promise.all(
        targets.map(async (a): Promise<RefreshResult> => {
          const { id, email } = a.record;
          try {
            const t = await registry.tokens.forceRefresh(id);
            return { id, email, ok: true, expiresAt: new Date(t.expiresAt).toISOString() };
          } catch (e) {
            const err = e instanceof GatewayError ? e : new GatewayError('internal', (e as Error).message);
            await registry.markRefused(id, err);
            return { id, email, ok: false, error: err.message };
          }
        }),
      );
    },
    async setAccountEnabled(which, enabled) {
      await registry.sync();
      return toggleAccount(registry, which, enabled);
    },
    async refreshQuota() {
      await registry.sync();
      await registry.refreshAllQuota();
    },
    applyConfig(next) {
      if (next.strategy !== parts.live.strategy) picker.setStrategy(next.strategy);
      parts.live = { aliases: next.aliases, strategy: next.strategy };
    },
  };
}
