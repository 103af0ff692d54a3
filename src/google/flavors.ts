// Which Google client an account logs in as and the gateway speaks as: Antigravity's or gemini-cli's.
// Small and free of imports so that registering the CLI's commands can name the flavors.

export const FLAVORS = ['antigravity', 'gemini-cli'] as const;

export type Flavor = (typeof FLAVORS)[number];

/** What `gateway accounts add` logs in as when not told. */
export const DEFAULT_FLAVOR: Flavor = 'antigravity';

export const isFlavor = (s: string): s is Flavor => (FLAVORS as readonly string[]).includes(s);
