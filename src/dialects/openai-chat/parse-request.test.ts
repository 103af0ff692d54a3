import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { GatewayError } from '../../canonical/index.js';
import { gatewayErrorOf } from '../../../test/helpers/gateway-error-of.js';
import type { ParseContext } from '../dialect.js';
import { parseChatRequest } from './parse-request.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'parse');
const ctx: ParseContext = { requestId: 'req_test', headers: {} };
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.request.json'))
  .map((f) => f.replace(/\.request\.json$/, ''));

describe('parseChatRequest goldens', () => {
  it('has fixtures', () => expect(names.length).toBeGreaterThan(5));
  it.each(names)('%s', async (name) => {
    const body: unknown = JSON.parse(readFileSync(join(dir, `${name}.request.json`), 'utf8'));
    const canonical = parseChatRequest(body, ctx);
    await expect(`${JSON.stringify(canonical, null, 2)}\n`).toMatchFileSnapshot(join(dir, `${name}.canonical.json`));
  });
});

const user = (content: unknown) => ({ role: 'user', content });
const base = (extra: Record<string, unknown>) => ({ model: 'm', messages: [user('hi')], ...extra });

const rejection = (body: unknown): GatewayError => gatewayErrorOf(() => parseChatRequest(body, ctx));

describe('parseChatRequest rejects bad bodies with a 400 naming the field', () => {
  it.each<[string, unknown, string]>([
    ['a body that is not an object', 'hello', ''],
    ['a missing model', { messages: [user('hi')] }, 'model'],
    ['missing messages', { model: 'm' }, 'messages'],
    ['empty messages', { model: 'm', messages: [] }, 'messages'],
    ['an unknown role', { model: 'm', messages: [{ role: 'robot', content: 'x' }] }, 'messages.0.role'],
    ['the function role', { model: 'm', messages: [{ role: 'function', name: 'f', content: 'x' }] }, 'messages.0.role'],
    ['user content of the wrong type', { model: 'm', messages: [user(42)] }, 'messages.0.content'],
    ['a user message without content', { model: 'm', messages: [{ role: 'user' }] }, 'messages.0.content'],
    [
      'an image part without a url',
      { model: 'm', messages: [user('a'), user([{ type: 'text', text: 'x' }, { type: 'image_url', image_url: {} }])] },
      'messages.1.content.1.image_url.url',
    ],
    [
      'an image url that is neither http nor data',
      { model: 'm', messages: [user('a'), user([{ type: 'image_url', image_url: { url: 'file:///etc/passwd' } }])] },
      'messages.1.content.0.image_url.url',
    ],
    [
      'a data URL that is not base64',
      { model: 'm', messages: [user([{ type: 'image_url', image_url: { url: 'data:image/png,abc' } }])] },
      'messages.0.content.0.image_url.url',
    ],
    ['an unknown part type', { model: 'm', messages: [user([{ type: 'video', video: {} }])] }, 'messages.0.content.0.type'],
    ['a text part without text', { model: 'm', messages: [user([{ type: 'text' }])] }, 'messages.0.content.0.text'],
    ['an image part in a system message', { model: 'm', messages: [{ role: 'system', content: [{ type: 'image_url', image_url: { url: 'https://x/a.png' } }] }] }, 'messages.0.content.0.type'],
    ['a tool message without tool_call_id', { model: 'm', messages: [{ role: 'tool', content: 'x' }] }, 'messages.0.tool_call_id'],
    ['a file sent by id', { model: 'm', messages: [user([{ type: 'file', file: { file_id: 'file-1' } }])] }, 'messages.0.content.0.file.file_id'],
    ['a tool call without a name', { model: 'm', messages: [{ role: 'assistant', tool_calls: [{ id: 'c', function: { arguments: '{}' } }] }] }, 'messages.0.tool_calls.0.function.name'],
    ['a string temperature', base({ temperature: 'hot' }), 'temperature'],
    ['a zero max_tokens', base({ max_tokens: 0 }), 'max_tokens'],
    ['n above 1', base({ n: 3 }), 'n'],
    ['an unknown tool_choice word', base({ tool_choice: 'sometimes' }), 'tool_choice'],
    ['a named tool_choice without a name', base({ tool_choice: { type: 'function', function: {} } }), 'tool_choice.function.name'],
    ['an unknown response_format type', base({ response_format: { type: 'yaml' } }), 'response_format.type'],
    ['json_schema without its object', base({ response_format: { type: 'json_schema' } }), 'response_format.json_schema'],
    ['an unknown reasoning_effort', base({ reasoning_effort: 'extreme' }), 'reasoning_effort'],
    ['a function tool without a name', base({ tools: [{ type: 'function', function: { description: 'x' } }] }), 'tools.0.function.name'],
  ])('%s', (_label, body, param) => {
    const err = rejection(body);
    expect(err.kind).toBe('invalid_request');
    expect(err.status).toBe(400);
    expect(err.param ?? '').toBe(param);
    if (param !== '') expect(err.message).toContain(`'${param}'`);
  });

  it('names the tool call whose arguments are not JSON', () => {
    const err = rejection({
      model: 'm',
      messages: [
        user('x'),
        { role: 'assistant', tool_calls: [{ id: 'call_ok', function: { name: 'a', arguments: '{}' } }, { id: 'call_bad', function: { name: 'grep', arguments: '{"q": ' } }] },
      ],
    });
    expect(err.param).toBe('messages.1.tool_calls.1.function.arguments');
    expect(err.message).toContain("'call_bad'");
    expect(err.message).toContain('grep');
  });

  it('rejects arguments that are JSON but not an object', () => {
    const err = rejection({ model: 'm', messages: [{ role: 'assistant', tool_calls: [{ id: 'c1', function: { name: 'a', arguments: '[1]' } }] }] });
    expect(err.message).toMatch(/must be a JSON object/);
  });

  it('says a missing field is required', () => {
    expect(rejection({ messages: [user('hi')] }).message).toBe("Invalid value for 'model': this field is required.");
  });
});

describe('parseChatRequest details', () => {
  it('keeps include_usage only for streams', () => {
    const r = parseChatRequest(base({ stream: false, stream_options: { include_usage: true } }), ctx);
    expect(r.hints?.['openai-chat']).toEqual({ includeUsage: false });
  });

  it('accepts arguments sent as an object', () => {
    const r = parseChatRequest({ model: 'm', messages: [{ role: 'assistant', tool_calls: [{ id: 'c', function: { name: 'a', arguments: { x: 1 } } }] }] }, ctx);
    expect(r.messages[0]?.parts).toEqual([{ type: 'tool-call', id: 'c', name: 'a', input: { x: 1 } }]);
  });

  it('maps every tool_choice word and allowed_tools', () => {
    const choice = (tool_choice: unknown) => parseChatRequest(base({ tool_choice }), ctx).toolChoice;
    expect(choice('auto')).toEqual({ type: 'auto' });
    expect(choice('none')).toEqual({ type: 'none' });
    expect(choice('required')).toEqual({ type: 'required' });
    expect(choice({ type: 'function', name: 'Flat' })).toEqual({ type: 'tool', name: 'Flat' });
    expect(choice({ type: 'allowed_tools', allowed_tools: { mode: 'required', tools: [] } })).toEqual({ type: 'required' });
    expect(choice({ type: 'allowed_tools', allowed_tools: { mode: 'auto', tools: [] } })).toEqual({ type: 'auto' });
  });

  it('maps reasoning_effort levels', () => {
    const effort = (reasoning_effort: string) => parseChatRequest(base({ reasoning_effort }), ctx).thinking;
    expect(effort('minimal')).toEqual({ enabled: true, effort: 'minimal', includeThoughts: true });
    expect(effort('low')).toEqual({ enabled: true, effort: 'low', includeThoughts: true });
    expect(effort('medium')).toEqual({ enabled: true, effort: 'medium', includeThoughts: true });
    expect(effort('xhigh')).toEqual({ enabled: true, effort: 'high', includeThoughts: true });
  });

  it('uses user as the session key when there is no prompt_cache_key', () => {
    expect(parseChatRequest(base({ user: 'u1' }), ctx).sessionKey).toBe('u1');
    expect(parseChatRequest(base({}), ctx).sessionKey).toBeUndefined();
  });
});
