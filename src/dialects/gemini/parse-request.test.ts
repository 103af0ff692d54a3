import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gatewayErrorOf } from '../../../test/helpers/gateway-error-of.js';
import type { CanonicalRequest } from '../../canonical/index.js';
import type { ParseContext } from '../dialect.js';
import { parseGeminiRequest } from './parse-request.js';

const route = (model = 'models/gemini-2.5-pro', stream = false): ParseContext => ({ requestId: 'req_1', headers: {}, route: { model, stream } });
const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/parse/${name}`, import.meta.url), 'utf8'));
const parse = (body: unknown, ctx = route()): CanonicalRequest => parseGeminiRequest(body, ctx);
const user = (text: string) => ({ role: 'user', parts: [{ text }] });


describe('parseGeminiRequest', () => {
  it('parses contents, tools, toolConfig, generationConfig and safety settings (golden)', async () => {
    const req = parse(fixture('full.request.json'), route('models/gemini-2.5-pro', true));
    await expect(JSON.stringify(req, null, 2) + '\n').toMatchFileSnapshot('./fixtures/parse/full.canonical.json');
  });

  it('takes the model and the stream flag from the route', () => {
    const req = parse({ contents: [user('hi')] }, route('gemini-2.5-flash', true));
    expect(req.model).toBe('gemini-2.5-flash');
    expect(req.stream).toBe(true);
    expect(parse({ contents: [user('hi')] }, route('models/x')).model).toBe('x');
  });

  it('pairs responses with id-less calls by name and order, with ids stable across turns', () => {
    const contents = [
      user('go'),
      { role: 'model', parts: [{ functionCall: { name: 'f', args: { n: 1 } } }, { functionCall: { name: 'g', args: {} } }, { functionCall: { name: 'f', args: { n: 2 } } }] },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'g', response: { output: 'G' } } },
          { functionResponse: { name: 'f', response: { output: 'F1' } } },
          { functionResponse: { name: 'f', response: { output: 'F2' } } },
        ],
      },
    ];
    const first = parse({ contents });
    const calls = first.messages[1]?.parts.map((p) => (p.type === 'tool-call' ? p.id : ''));
    const results = first.messages[2]?.parts.map((p) => (p.type === 'tool-result' ? [p.callId, p.content[0]] : []));
    expect(results).toEqual([
      [calls?.[1], { type: 'text', text: 'G' }],
      [calls?.[0], { type: 'text', text: 'F1' }],
      [calls?.[2], { type: 'text', text: 'F2' }],
    ]);
    expect(new Set(calls).size).toBe(3);
    // The next turn resends the same history: the ids must not change.
    const second = parse({ contents: [...contents, { role: 'model', parts: [{ text: 'done' }] }, user('again')] });
    expect(second.messages[1]).toEqual(first.messages[1]);
  });

  it('reads snake_case field names as Google REST accepts them', () => {
    const req = parse({
      contents: [{ role: 'user', parts: [{ text: 'hi' }, { inline_data: { mime_type: 'image/jpeg', data: 'AAAA' } }] }],
      system_instruction: { parts: [{ text: 'sys' }] },
      tools: [{ function_declarations: [{ name: 'f', parameters_json_schema: { type: 'object', properties: { max_tokens: { type: 'number' } } } }] }],
      tool_config: { function_calling_config: { mode: 'NONE' } },
      generation_config: { max_output_tokens: 10, thinking_config: { thinking_budget: 0 } },
    });
    expect(req.system).toBe('sys');
    expect(req.messages[0]?.parts[1]).toEqual({ type: 'image', mimeType: 'image/jpeg', data: 'AAAA' });
    // Property names inside a schema are data and keep their spelling.
    expect(req.tools).toEqual([{ name: 'f', parameters: { type: 'object', properties: { max_tokens: { type: 'number' } } } }]);
    expect(req.toolChoice).toEqual({ type: 'none' });
    expect(req.maxOutputTokens).toBe(10);
    expect(req.thinking).toEqual({ enabled: false });
  });

  it.each([
    [{ thinkingLevel: 'HIGH', includeThoughts: true }, { enabled: true, effort: 'high', includeThoughts: true }],
    [{ thinkingBudget: -1 }, { enabled: true }],
    [{ thinkingBudget: 0 }, { enabled: false }],
  ])('maps thinkingConfig %j', (thinkingConfig, thinking) => {
    expect(parse({ contents: [user('x')], generationConfig: { thinkingConfig } }).thinking).toEqual(thinking);
  });

  it.each([
    [{ mode: 'AUTO' }, { type: 'auto' }],
    [{ mode: 'ANY' }, { type: 'required' }],
    [{ mode: 'ANY', allowedFunctionNames: ['a', 'b'] }, { type: 'required' }],
  ])('maps functionCallingConfig %j', (functionCallingConfig, choice) => {
    expect(parse({ contents: [user('x')], toolConfig: { functionCallingConfig } }).toolChoice).toEqual(choice);
  });

  it('prefers responseJsonSchema and accepts a plain JSON mime type', () => {
    const schema = { type: 'object', properties: { a: { type: 'integer' } } };
    expect(parse({ contents: [user('x')], generationConfig: { responseMimeType: 'application/json', responseJsonSchema: schema } }).responseFormat).toEqual({ type: 'json', schema });
    expect(parse({ contents: [user('x')], generationConfig: { responseMimeType: 'application/json' } }).responseFormat).toEqual({ type: 'json' });
    expect(parse({ contents: [user('x')], generationConfig: { responseMimeType: 'text/plain' } }).responseFormat).toBeUndefined();
  });

  it.each([
    [{}, 'contents'],
    [{ contents: [{ role: 'user', parts: 'hi' }] }, 'contents.0.parts'],
    [{ contents: [{ role: 'robot', parts: [{ text: 'x' }] }] }, 'contents.0.role'],
    [{ contents: [{ role: 'model', parts: [{ functionCall: { args: {} } }] }] }, 'contents.0.parts.0.functionCall.name'],
    [{ contents: [{ role: 'user', parts: [{ text: '' }] }] }, 'contents'],
    [{ contents: [user('x')], generationConfig: { maxOutputTokens: 'many' } }, 'generationConfig.maxOutputTokens'],
  ])('rejects %j naming %s', (body, param) => {
    const err = gatewayErrorOf(() => parse(body));
    expect(err.kind).toBe('invalid_request');
    expect(err.param).toBe(param);
  });

  it('rejects a request whose route has no model', () => {
    expect(gatewayErrorOf(() => parseGeminiRequest({ contents: [user('x')] }, { requestId: 'r', headers: {} })).param).toBe('model');
  });
});
