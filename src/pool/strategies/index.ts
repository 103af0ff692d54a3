import { assertNever } from '../../canonical/index.js';
import type { Strategy } from '../../config/schema.js';
import { pickQuota } from './pick-quota.js';
import { pickRoundRobin } from './pick-round-robin.js';
import { pickSticky } from './pick-sticky.js';
import type { PickFn } from './strategy.js';

export type { Candidate, PickFn, PickState } from './strategy.js';
export { pickQuota, pickRoundRobin, pickSticky };

export function strategyPick(strategy: Strategy): PickFn {
  switch (strategy) {
    case 'quota':
      return pickQuota;
    case 'round-robin':
      return pickRoundRobin;
    case 'sticky':
      return pickSticky;
    default:
      return assertNever(strategy);
  }
}
