// What the gateway sent to the emulated Cloud Code Assist, typed for assertions in e2e tests.
import type { CodeAssistGenerateRequest } from '../../src/protocols/code-assist.js';
import { expect } from 'vitest';
import type { GeminiContent, GeminiFunctionCall, GeminiFunctionResponse, GeminiPart } from '../../src/protocols/gemini.js';
import type { Emulator } from '../emulator/server.js';

/** The wrapped generate requests of one method, oldest first. */
function generateCalls(emulator: Emulator, method = 'streamGenerateContent'): CodeAssistGenerateRequest[] {
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

/**
 * Asserts the upstream saw one tool round trip: the user's question, the model's functionCall and
 * the user's functionResponse carrying the tool's output. Returns both parts for dialect-specific checks.
 */
export function expectToolRoundTrip(
  contents: GeminiContent[],
  call: { name: string; args: Record<string, unknown>; output: string },
): { fc: GeminiFunctionCall | undefined; fr: GeminiFunctionResponse | undefined } {
  expect(contents.map((c) => c.role)).toEqual(['user', 'model', 'user']);
  const fc = contents[1]?.parts.find((p) => p.functionCall)?.functionCall;
  const fr = contents[2]?.parts.find((p) => p.functionResponse)?.functionResponse;
  expect(fc).toMatchObject({ name: call.name, args: call.args });
  expect(fr?.name).toBe(call.name);
  expect(JSON.stringify(fr?.response)).toContain(call.output);
  return { fc, fr };
}

export type { GeminiPart };
