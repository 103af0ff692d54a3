import type { Strategy } from '../../config/strategies.js';
import { pickQuota } from './pick-quota.js';
import { pickRoundRobin } from './pick-round-robin.js';
import { pickSticky } from './pick-sticky.js';
import type { PickFn } from './strategy.js';

export type { Candidate, PickFn } from './strategy.js';

/** The pick function of each strategy name: a strategy added to config/strategies.ts fails to compile until it has one. */
const PICKS: Readonly<Record<Strategy, PickFn>> = { quota: pickQuota, 'round-robin': pickRoundRobin, sticky: pickSticky };

export const strategyPick = (strategy: Strategy): PickFn => PICKS[strategy];
