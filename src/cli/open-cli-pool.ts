// A pool for one-shot commands (`gateway limits`, `gateway models`): no server, no periodic
// refresh, quota fetched once at start.
import type { Config } from '../config/schema.js';
import type { Logger } from '../log/logger.js';
import type { PoolBackend } from '../pool/create-pool.js';

export async function openCliPool(config: Readonly<Config>, log?: Logger): Promise<PoolBackend> {
  const [{ createPool }, { createCodeAssistUpstream }, { createClientVersion }] = await Promise.all([
    import('../pool/create-pool.js'),
    import('../upstreams/code-assist/index.js'),
    import('../upstreams/code-assist/client-version.js'),
  ]);
  const oneShot: Config = { ...config, quotaRefreshSeconds: 0 };
  // The version a server would start with (pin, cache, local install, floor); a command that only
  // reads quota does not wait on the updater feed.
  const clientVersion = createClientVersion(oneShot, log ? { log } : {});
  const pool = await createPool({ config: oneShot, upstream: createCodeAssistUpstream(oneShot, { clientVersion }), ...(log ? { log } : {}) });
  await pool.ready();
  return pool;
}
