// What the gateway sent to the emulated Cloud Code Assist, typed for assertions in e2e tests.
import type { CodeAssistGenerateRequest } from '../../src/protocols/code-assist.js';
import type { GeminiPart } from '../../src/protocols/gemini.js';
import type { Emulator } from '../emulator/server.js';

/** The wrapped generate requests of one method, oldest first. */
export function generateCalls(emulator: Emulator, method = 'streamGenerateContent'): CodeAssistGenerateRequest[] {
  return emulator.state.calls(method).map((r) => r.body as CodeAssistGenerateRequest);
}

/** The newest generate request of one method; fails the test when there is none. */
export function lastGenerateCall(emulator: Emulator, method = 'streamGenerateContent'): CodeAssistGenerateRequest {
  const last = generateCalls(emulator, method).at(-1);
  if (!last) throw new Error(`the emulator received no ${method} call`);
  return last;
}

/** Every key used anywhere inside a JSON value (to assert a keyword is gone at every depth). */
export function keysDeep(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysDeep(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysDeep(v, out);
    }
  }
  return out;
}

export type { GeminiPart };
