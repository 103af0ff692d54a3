// The config.json a new home starts with: every setting there, commented out, so a user sees what
// can be set and where, and an empty file changes nothing.
import { mkdir, writeFile } from 'node:fs/promises';
import { explainHomeError } from './check-home.js';
import { configPath } from './paths.js';

/** @internal */
export const STARTER_CONFIG = `// gateway settings: JSON with comments. GATEWAY_* environment variables and flags override them.
// A running gateway applies changes to "aliases", "strategy" and "corsOrigins" at once; the other
// settings take effect on the next \`gateway start\`. Remove the // in front of a line to use it.
{
  // "port": 8080,
  // "host": "127.0.0.1",
  // "strategy": "quota",            // quota | round-robin | sticky

  // Client model name -> pool model; "*" matches any text. These add to the built-in defaults,
  // which \`gateway models\` lists.
  // "aliases": {
  //   "my-fast-model": "gemini-3-flash"
  // },

  // Web pages allowed to call the gateway from a browser.
  // "corsOrigins": ["http://localhost:5173"],

  // \`gateway start --tunnel\` through a named Cloudflare tunnel instead of a quick one.
  // "tunnelName": "my-tunnel",
  // "tunnelHostname": "gateway.example.com",

  // "quotaRefreshSeconds": 300,
  // "bodyLimitBytes": 52428800
}
`;

/**
 * Writes the starter config.json unless one exists (never overwrites). Resolves with whether it
 * wrote one.
 */
export async function writeStarterConfig(home: string): Promise<boolean> {
  try {
    await mkdir(home, { recursive: true, mode: 0o700 });
    await writeFile(configPath(home), STARTER_CONFIG, { flag: 'wx', mode: 0o600 });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw await explainHomeError(home, e);
  }
}
