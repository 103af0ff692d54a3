import { describe, expect, it } from 'vitest';
import { GatewayError, type ToolSpec } from '../../canonical/index.js';
import { fanOutSchema } from '../../../test/helpers/hostile-inputs.js';
import { buildGenerationConfig } from './build-generation-config.js';
import { buildTools } from './build-tools.js';

const tool = (name: string, parameters: Record<string, unknown>): ToolSpec => ({ name, parameters });

describe('buildTools under issue 11', () => {
  it('sanitizes once per request: every attempt reuses the declarations', () => {
    const specs = [tool('a', { type: 'object', properties: { x: { type: 'string' } } })];
    const first = buildTools(specs, undefined).tools?.[0]?.functionDeclarations;
    const again = buildTools(specs, { type: 'auto' }).tools?.[0]?.functionDeclarations;
    expect(again).toBe(first);
    // Another request (another array) gets its own.
    expect(buildTools([...specs], undefined).tools?.[0]?.functionDeclarations).not.toBe(first);
  });

  it('answers a schema that fans out past the budget with a 400 naming the tool', () => {
    const specs = [tool('fine', { type: 'object' }), tool('mcp__evil__fanout', fanOutSchema(21))];
    let err: unknown;
    try {
      buildTools(specs, undefined);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GatewayError);
    expect(err).toMatchObject({ kind: 'invalid_request', param: 'tools' });
    expect((err as Error).message).toMatch(/tool "mcp__evil__fanout".*schema nodes/);
  });

  it('answers a response schema past the budget with a 400 too', () => {
    const req = { model: 'm', messages: [], stream: false, requestId: 'r', responseFormat: { type: 'json' as const, schema: fanOutSchema(21) } };
    expect(() => buildGenerationConfig(req, 'gemini-3-flash')).toThrow(/response schema is too large/);
  });
});
