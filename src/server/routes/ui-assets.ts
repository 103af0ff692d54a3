// The dashboard's files: plain HTML, CSS and browser JavaScript shipped in the package's ui/ folder
// (no build step), and Chart.js's own UMD file read from its installed package (no CDN).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** ui/ at the package root: three folders up from src/server/routes and dist/server/routes alike. */
const UI_DIR = fileURLToPath(new URL('../../../ui/', import.meta.url));

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
};

/** Only plain names below ui/ (no dot segments, no hidden files): `js/live-log.js`, `style.css`. */
const SAFE = /^(?:[a-z0-9][a-z0-9-]*\/)*[a-z0-9][a-z0-9.-]*\.(html|css|js|svg)$/;

const CHART_JS = 'vendor/chart.umd.min.js';

function chartJsPath(): string {
  // chart.js exports no subpaths; its main entry sits next to the UMD build in dist/.
  return join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');
}

export interface Asset {
  body: Buffer;
  type: string;
}

const cache = new Map<string, Promise<Asset | undefined>>();

/** The asset at `rel` (relative to /ui/), or undefined when there is none; read once, then kept. */
export function readAsset(rel: string): Promise<Asset | undefined> {
  let hit = cache.get(rel);
  if (hit === undefined) {
    hit = load(rel);
    cache.set(rel, hit);
    // A miss is not remembered: a typo'd URL must not grow the cache without bound.
    void hit.then((a) => a ?? cache.delete(rel));
  }
  return hit;
}

async function load(rel: string): Promise<Asset | undefined> {
  const m = SAFE.exec(rel);
  if (!m || rel.includes('..')) return undefined;
  try {
    // Inside the try: load() never rejects, so readAsset's fire-and-forget `then` cannot either.
    const path = rel === CHART_JS ? chartJsPath() : join(UI_DIR, rel);
    return { body: await readFile(path), type: TYPES[m[1]!]! };
  } catch {
    return undefined;
  }
}
