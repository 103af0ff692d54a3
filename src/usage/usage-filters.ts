// The filters of a usage report, as `gateway usage` flags and /usage query parameters give them:
// `since` a duration back from now (90m, 24h, 7d, 2w) or a date (2026-01-31, local midnight) or an
// ISO time; `by` one of the groupings.

export const GROUPINGS = ['day', 'model', 'account', 'client', 'key'] as const;
export type UsageGrouping = (typeof GROUPINGS)[number];

const DEFAULT_SINCE = '7d';

export interface UsageFilters {
  /** ms since the epoch: requests that arrived at or after this. */
  since: number;
  by?: UsageGrouping;
}

export class UsageFilterError extends Error {
  override readonly name = 'UsageFilterError';
  constructor(
    message: string,
    readonly param: 'since' | 'by',
  ) {
    super(message);
  }
}

const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** @internal */
export function parseSince(text: string, now: number): number {
  const t = text.trim();
  const duration = /^(\d{1,6})\s*([mhdw])$/i.exec(t);
  if (duration) return now - Number(duration[1]) * UNIT_MS[duration[2]!.toLowerCase()]!;
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  let at: number | undefined;
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const local = new Date(y, m - 1, d);
    // new Date(2026, 1, 31) rolls over into March: that is no date.
    if (local.getFullYear() === y && local.getMonth() === m - 1 && local.getDate() === d) at = local.getTime();
  } else if (/^\d{4}-\d{2}-\d{2}T/.test(t)) {
    const parsed = Date.parse(t);
    if (!Number.isNaN(parsed)) at = parsed;
  }
  if (at === undefined) {
    throw new UsageFilterError(`since must be a duration like 24h, 7d or 30d, or a date like 2026-01-31; got "${text}".`, 'since');
  }
  if (at > now) throw new UsageFilterError(`since is in the future ("${text}"); give a time in the past.`, 'since');
  return at;
}

/** @internal */
export function parseGrouping(text: string): UsageGrouping {
  const t = text.trim().toLowerCase();
  if ((GROUPINGS as readonly string[]).includes(t)) return t as UsageGrouping;
  throw new UsageFilterError(`by must be one of ${GROUPINGS.join(', ')}; got "${text}".`, 'by');
}

/** Both filters from their text (either may be missing: 7 days, no grouping). */
export function parseFilters(input: { since?: string | undefined; by?: string | undefined }, now: number): UsageFilters {
  const filters: UsageFilters = { since: parseSince(input.since || DEFAULT_SINCE, now) };
  if (input.by !== undefined && input.by !== '') filters.by = parseGrouping(input.by);
  return filters;
}
