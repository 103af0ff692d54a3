// What the upstream says about itself joins the pool's /health: its details (the client version
// in use and where it came from) as they are, and a problem no account can fix (Google refusing
// the client version) as status `degraded` with the reason.
import type { HealthReport } from './backend.js';
import type { UpstreamStatus } from '../upstreams/upstream.js';

export function withUpstreamStatus(health: HealthReport, status: UpstreamStatus | undefined): HealthReport {
  if (status === undefined) return health;
  const out: HealthReport = { ...health, ...status.details };
  if (status.problem !== undefined && health.status !== 'no-accounts') {
    out.status = 'degraded';
    out.reason = status.problem;
  }
  return out;
}
