// The account-picking strategies by name: the one list config.json's schema, the environment,
// `gateway start --strategy` and the pool's table of pick functions follow. Free of imports, so
// that registering the CLI's commands does not load zod.

export const STRATEGIES = ['quota', 'round-robin', 'sticky'] as const;

export type Strategy = (typeof STRATEGIES)[number];

export const isStrategy = (s: string): s is Strategy => (STRATEGIES as readonly string[]).includes(s);
