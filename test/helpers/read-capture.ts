import { readFileSync } from 'node:fs';

export interface Capture {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown> & { model: string };
}

export type CaptureName = 'claude-code-01-first-turn' | 'claude-code-02-after-tool-use' | 'codex-01-first-turn';

/** One captured real-client request from test/fixtures/captures. */
export function readCapture(name: CaptureName): Capture {
  return JSON.parse(readFileSync(new URL(`../fixtures/captures/${name}.json`, import.meta.url), 'utf8')) as Capture;
}
