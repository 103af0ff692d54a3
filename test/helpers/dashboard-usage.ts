// A /usage answer in the shape the ledger serves (issue 13's contract), for the dashboard's
// browser test: the charts are tested against the shape, whatever the ledger holds.
const DAY_MS = 86_400_000;

export interface UsageRow {
  key: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  thinkingTokens: number;
  cachedTokens: number;
  costUsd: number;
  failovers: number;
  errors: number;
  p50Ms: number;
  p95Ms: number;
}

const row = (key: string, requests: number, inputTokens: number, outputTokens: number, costUsd: number, errors = 0, failovers = 0): UsageRow => ({
  key,
  requests,
  inputTokens,
  outputTokens,
  thinkingTokens: Math.round(outputTokens * 0.3),
  cachedTokens: Math.round(inputTokens * 0.4),
  costUsd,
  failovers,
  errors,
  p50Ms: 900 + requests,
  p95Ms: 4200 + requests * 3,
});

export function usageAnswer(by: string, since: string, now = Date.now()): object {
  let rows: UsageRow[];
  if (by === 'model') {
    rows = [row('claude-sonnet-4-6', 412, 3_912_000, 402_000, 17.77, 6, 3), row('gemini-3-flash', 688, 2_210_000, 305_000, 1.42, 4, 2), row('gemini-3.1-pro-high', 134, 920_000, 88_000, 2.91, 2, 1)];
  } else if (by === 'account') {
    rows = [row('alice@example.com', 702, 4_310_000, 462_000, 13.95, 7, 2), row('bob@example.com', 532, 2_732_000, 333_000, 8.15, 5, 4)];
  } else {
    const requests = [96, 141, 188, 120, 232, 274, 183];
    rows = requests.map((r, i) => {
      const day = new Date(now - (requests.length - 1 - i) * DAY_MS).toISOString().slice(0, 10);
      return row(day, r, r * 5600, r * 640, r * 0.0186, Math.round(r / 80), Math.round(r / 120));
    });
  }
  const sum = (f: keyof UsageRow): number => rows.reduce((a, r) => a + (r[f] as number), 0);
  return {
    since: new Date(now - 7 * DAY_MS).toISOString(),
    until: new Date(now).toISOString(),
    by,
    sinceParam: since,
    totals: {
      requests: sum('requests'),
      inputTokens: sum('inputTokens'),
      outputTokens: sum('outputTokens'),
      thinkingTokens: sum('thinkingTokens'),
      cachedTokens: sum('cachedTokens'),
      costUsd: sum('costUsd'),
      failovers: sum('failovers'),
      errors: sum('errors'),
      p50Ms: 1040,
      p95Ms: 4870,
    },
    rows,
  };
}
