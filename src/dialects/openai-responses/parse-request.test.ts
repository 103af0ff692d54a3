import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gatewayErrorOf } from '../../../test/helpers/gateway-error-of.js';
import type { CanonicalRequest } from '../../canonical/index.js';
import { parseResponsesRequest } from './parse-request.js';
import { createResponseStore } from './response-store.js';
import { readCapture } from '../../../test/helpers/read-capture.js';

const ctx = { requestId: 'req_1', headers: {} };
const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/parse/${name}`, import.meta.url), 'utf8'));
const codex = (): { body: Record<string, unknown> } => readCapture('codex-01-first-turn');

const parse = (body: unknown, store = createResponseStore()): CanonicalRequest => parseResponsesRequest(body, ctx, store);


describe('parseResponsesRequest', () => {
  it('parses every item kind, tool type and option (golden)', async () => {
    const req = parse(fixture('items.request.json'));
    await expect(JSON.stringify(req, null, 2) + '\n').toMatchFileSnapshot('./fixtures/parse/items.canonical.json');
  });

  it('turns a string input into one user message', () => {
    const req = parse({ model: 'm', input: 'hello' });
    expect(req.messages).toEqual([{ role: 'user', parts: [{ type: 'text', text: 'hello' }] }]);
    expect(req.stream).toBe(false);
    expect(req.system).toBeUndefined();
    expect(req.tools).toBeUndefined();
  });

  it('joins instructions, then system and developer items, into the system text', () => {
    const req = parse({
      model: 'm',
      instructions: 'A',
      input: [
        { role: 'system', content: 'B' },
        { role: 'user', content: 'hi' },
        { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'C' }] },
      ],
    });
    expect(req.system).toBe('A\n\nB\n\nC');
    expect(req.messages).toHaveLength(1);
  });

  it('names the tool in a function_call_output from the matching function_call', () => {
    const req = parse({
      model: 'm',
      input: [
        { role: 'user', content: 'go' },
        { type: 'function_call', call_id: 'c1', name: 'run', arguments: '' },
        { type: 'function_call', call_id: 'c2', name: 'read', arguments: '{"p":1}' },
        { type: 'function_call_output', call_id: 'c2', output: [{ type: 'input_text', text: 'two' }] },
        { type: 'function_call_output', call_id: 'c1', output: 'one' },
      ],
    });
    expect(req.messages[1]).toEqual({
      role: 'assistant',
      parts: [
        { type: 'tool-call', id: 'c1', name: 'run', input: {} },
        { type: 'tool-call', id: 'c2', name: 'read', input: { p: 1 } },
      ],
    });
    expect(req.messages[2]?.parts).toEqual([
      { type: 'tool-result', callId: 'c2', name: 'read', content: [{ type: 'text', text: 'two' }] },
      { type: 'tool-result', callId: 'c1', name: 'run', content: [{ type: 'text', text: 'one' }] },
    ]);
  });

  it.each([
    ['none', { enabled: false }],
    ['low', { enabled: true, effort: 'low', includeThoughts: false }],
    ['xhigh', { enabled: true, effort: 'high', includeThoughts: false }],
  ])('maps reasoning.effort %s', (effort, thinking) => {
    expect(parse({ model: 'm', input: 'x', reasoning: { effort } }).thinking).toEqual(thinking);
  });

  it.each([
    ['auto', { type: 'auto' }],
    ['none', { type: 'none' }],
    ['required', { type: 'required' }],
    [{ type: 'web_search' }, { type: 'auto' }],
    [{ type: 'allowed_tools', mode: 'required', tools: [] }, { type: 'required' }],
  ])('maps tool_choice %j', (choice, expected) => {
    expect(parse({ model: 'm', input: 'x', tool_choice: choice }).toolChoice).toEqual(expected);
  });

  it('maps text.format json_object', () => {
    expect(parse({ model: 'm', input: 'x', text: { format: { type: 'json_object' } } }).responseFormat).toEqual({ type: 'json' });
    expect(parse({ model: 'm', input: 'x', text: { format: { type: 'text' } } }).responseFormat).toBeUndefined();
  });

  it('accepts the Codex capture as is: developer text becomes system, only function tools stay', () => {
    const body = codex().body;
    const req = parse(body);
    const input = body.input as Array<{ role: string; content: Array<{ text: string }> }>;
    const developerTexts = input.filter((i) => i.role === 'developer').flatMap((i) => i.content.map((c) => c.text));
    expect(developerTexts.length).toBeGreaterThan(0);
    for (const t of developerTexts) expect(req.system).toContain(t);
    expect(req.messages.every((m) => m.role === 'user')).toBe(true);
    expect(JSON.stringify(req.messages)).toContain('say hi');
    expect(JSON.stringify(req.messages)).not.toContain(developerTexts[0]);
    expect(req.tools?.map((t) => t.name)).toEqual(['exec_command', 'write_stdin', 'request_user_input', 'view_image', 'get_goal', 'create_goal', 'update_goal']);
    expect(req.sessionKey).toBe(body.prompt_cache_key);
    expect(req.stream).toBe(true);
    expect(req.toolChoice).toEqual({ type: 'auto' });
    expect(req.parallelToolCalls).toBe(true);
    expect(req.thinking).toEqual({ enabled: true, includeThoughts: true });
    expect(req.hints?.['openai-responses']).toMatchObject({ store: false });
  });

  it('prepends the stored conversation for previous_response_id and names tools from it', () => {
    const store = createResponseStore();
    store.set('resp_prev', {
      system: 'stored system',
      messages: [
        { role: 'user', parts: [{ type: 'text', text: 'weather?' }] },
        { role: 'assistant', parts: [{ type: 'tool-call', id: 'call_9', name: 'get_weather', input: { city: 'Oslo' } }] },
      ],
    });
    const req = parse(
      {
        model: 'm',
        instructions: 'fresh',
        previous_response_id: 'resp_prev',
        input: [{ type: 'function_call_output', call_id: 'call_9', output: '3C' }],
      },
      store,
    );
    expect(req.system).toBe('fresh\n\nstored system');
    expect(req.messages).toHaveLength(3);
    expect(req.messages[2]).toEqual({
      role: 'user',
      parts: [{ type: 'tool-result', callId: 'call_9', name: 'get_weather', content: [{ type: 'text', text: '3C' }] }],
    });
    expect(req.hints?.['openai-responses']).toMatchObject({ previousResponseId: 'resp_prev', itemSystem: 'stored system' });
  });

  it('rejects an unknown previous_response_id with a 400 naming it', () => {
    const err = gatewayErrorOf(() => parse({ model: 'm', input: 'x', previous_response_id: 'resp_nope' }));
    expect(err.status).toBe(400);
    expect(err.param).toBe('previous_response_id');
    expect(err.message).toContain('resp_nope');
  });

  it.each([
    [{ input: 'x' }, 'model'],
    [{ model: 'm', input: [{ type: 'function_call', name: 'f', arguments: '{}' }] }, 'input.0.call_id'],
    [{ model: 'm', input: [{ type: 'function_call', call_id: 'c', name: 'f', arguments: '{oops' }] }, 'input.0.arguments'],
    [{ model: 'm', input: [{ type: 'function_call', call_id: 'c', name: 'f', arguments: '[1]' }] }, 'input.0.arguments'],
    [{ model: 'm', input: [{ role: 'wizard', content: 'x' }] }, 'input.0.role'],
    [{ model: 'm', input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'file_1' }] }] }, 'input.0.content.0'],
    [{ model: 'm', input: [{ role: 'user', content: [{ type: 'input_image', image_url: 'ftp://x' }] }] }, 'input.0.content.0'],
    [{ model: 'm', input: 'x', tools: [{ type: 'function', description: 'no name' }] }, 'tools.0.name'],
    [{ model: 'm', input: [] }, 'input'],
  ])('rejects bad input %j naming %s', (body, param) => {
    const err = gatewayErrorOf(() => parse(body));
    expect(err.kind).toBe('invalid_request');
    expect(err.param).toBe(param);
  });

  it('ignores item types it cannot use without failing', () => {
    const req = parse({
      model: 'm',
      input: [
        { role: 'user', content: 'x' },
        { type: 'item_reference', id: 'msg_1' },
        { type: 'web_search_call', id: 'ws_1', status: 'completed' },
        { type: 'reasoning', id: 'rs_empty', summary: [] },
      ],
    });
    expect(req.messages).toEqual([{ role: 'user', parts: [{ type: 'text', text: 'x' }] }]);
  });
});
