// A pool for one-shot commands (`gateway limits`, `gateway models`): no server, no periodic
// refresh, quota fetched once at start.
import type { Config } from '../config/schema.js';
import type { Logger } from '../log/logger.js';
import type { PoolBackend } from './create-pool.js';

export async function openCliPool(config: Readonly<Config>, log?: Logger): Promise<PoolBackend> {
  const [{ createPool }, { createCodeAssistUpstream }] = await Promise.all([
    import('./create-pool.js'),
    import('../upstreams/code-assist/index.js'),
  ]);
  const oneShot: Config = { ...config, quotaRefreshSeconds: 0 };
  const pool = await createPool({ config: oneShot, upstream: createCodeAssistUpstream(oneShot), ...(log ? { log } : {}) });
  await pool.ready();
  return pool;
}
