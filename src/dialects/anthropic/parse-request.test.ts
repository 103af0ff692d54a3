import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gatewayErrorOf } from '../../../test/helpers/gateway-error-of.js';
import type { CanonicalRequest, ToolResultPart } from '../../canonical/index.js';
import type { ParseContext } from '../dialect.js';
import { readCapture } from '../../../test/helpers/read-capture.js';
import { parseCountTokensRequest, parseRequest, sessionFromUserId } from './parse-request.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const ctx: ParseContext = { requestId: 'req_test', headers: {} };
const readJson = (name: string): unknown => JSON.parse(readFileSync(join(fixtures, name), 'utf8'));
const golden = (req: CanonicalRequest): string => `${JSON.stringify(req, null, 2)}\n`;

interface Capture {
  headers: Record<string, string>;
  body: { messages: Array<{ role: string; content: unknown }> };
}

describe('parseRequest goldens', () => {
  const cases = readdirSync(fixtures).filter((f) => f.endsWith('.request.json')).map((f) => f.replace('.request.json', ''));
  it('has cases', () => expect(cases.length).toBeGreaterThan(5));
  it.each(cases)('%s', async (name) => {
    const req = parseRequest(readJson(`${name}.request.json`), ctx);
    await expect(golden(req)).toMatchFileSnapshot(join(fixtures, `${name}.canonical.json`));
  });
});

describe('Claude Code captures, parsed as is', () => {
  const load = (name: string): Capture => readCapture(`claude-code-${name}` as 'claude-code-01-first-turn') as unknown as Capture;
  const parse = (c: Capture): CanonicalRequest => parseRequest(c.body, { requestId: 'req_cc', headers: c.headers });

  it.each(['01-first-turn', '02-after-tool-use'])('%s matches its golden', async (name) => {
    await expect(golden(parse(load(name)))).toMatchFileSnapshot(join(fixtures, `claude-code-${name}.canonical.json`));
  });

  it('keeps every system block and appends the role:system message text after them', () => {
    for (const name of ['01-first-turn', '02-after-tool-use']) {
      const cap = load(name);
      const req = parse(cap);
      expect(req.system).toMatch(/^x-anthropic-billing-header: cc_version=/);
      expect(req.system).toContain("You are a Claude agent, built on Anthropic's Claude Agent SDK.");
      expect(req.system?.endsWith('<9194 characters of prose removed>')).toBe(true);
      expect(req.messages.every((m) => m.role === 'user' || m.role === 'assistant')).toBe(true);
      expect(req.messages.length).toBe(cap.body.messages.filter((m) => m.role !== 'system').length);
    }
  });

  it('keeps all twelve custom tools with their schemas untouched', () => {
    const req = parse(load('01-first-turn'));
    expect(req.tools?.map((t) => t.name)).toEqual([
      'Agent', 'Bash', 'Edit', 'ListAgents', 'Read', 'ReportFindings', 'ScheduleWakeup', 'Skill', 'ToolSearch', 'Workflow',
      'DeferredToolPlaceholder', 'Write',
    ]);
    expect(req.tools?.find((t) => t.name === 'Bash')?.parameters).toMatchObject({ $schema: expect.any(String), additionalProperties: false });
  });

  it('pairs the tool_result with its tool_use and names it', () => {
    const req = parse(load('02-after-tool-use'));
    const call = req.messages[1]?.parts[0];
    expect(req.messages[1]?.role).toBe('assistant');
    expect(call).toEqual({ type: 'tool-call', id: 'toolu_01', name: 'Bash', input: { command: 'echo hi > hello.txt', description: 'create file' } });
    const result = req.messages[2]?.parts[0] as ToolResultPart;
    expect(result).toEqual({ type: 'tool-result', callId: 'toolu_01', name: 'Bash', content: [{ type: 'text', text: '(Bash completed with no output)' }] });
  });

  it('takes the session from the header, adaptive thinking with medium effort and no thinking text', () => {
    const req = parse(load('01-first-turn'));
    expect(req.sessionKey).toBe('c4d43a78-e585-4854-a3d3-259cb61b623a');
    expect(req.thinking).toEqual({ enabled: true, effort: 'medium', includeThoughts: false });
    expect(req).toMatchObject({ model: 'claude-opus-5-5', maxOutputTokens: 128000, stream: true });
  });
});

function parseError(body: unknown): { message: string; param?: string; kind: string } {
  const e = gatewayErrorOf(() => parseRequest(body, ctx));
  return { message: e.message, kind: e.kind, ...(e.param === undefined ? {} : { param: e.param }) };
}

describe('parseRequest errors name the field', () => {
  const base = { model: 'm', max_tokens: 10 };
  it.each<[string, unknown, string, string]>([
    ['missing max_tokens', { model: 'm', messages: [] }, 'max_tokens', 'max_tokens: is required'],
    ['max_tokens as a string', { ...base, max_tokens: '10', messages: [] }, 'max_tokens', 'max_tokens: expected number, received string'],
    ['missing model', { max_tokens: 1, messages: [] }, 'model', 'model: is required'],
    ['unknown block type', { ...base, messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }, { role: 'user', content: [{ type: 'video' }] }] }, 'messages.2.content.0.type', 'messages.2.content.0.type: unknown value "video"; expected one of text, image, document'],
    ['text that is not a string', { ...base, messages: [{ role: 'user', content: [{ type: 'text', text: 5 }] }] }, 'messages.0.content.0.text', 'messages.0.content.0.text: expected string, received number'],
    ['missing content', { ...base, messages: [{ role: 'user' }] }, 'messages.0.content', 'messages.0.content: is required'],
    ['content of the wrong type', { ...base, messages: [{ role: 'user', content: 7 }] }, 'messages.0.content', 'messages.0.content: must be a string or array'],
    ['a bad role', { ...base, messages: [{ role: 'tool', content: 'x' }] }, 'messages.0.role', 'messages.0.role: '],
    ['a bad image source', { ...base, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'file', file_id: 'f' } }] }] }, 'messages.0.content.0.source.type', 'messages.0.content.0.source.type: unknown value "file"; expected one of base64, url'],
    ['tool_use input that is not an object', { ...base, messages: [{ role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'n', input: 'x' }] }] }, 'messages.0.content.0.input', 'messages.0.content.0.input: expected object, received string'],
    ['a tool_result block of a bad kind', { ...base, messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: [{ type: 'tool_use' }] }] }] }, 'messages.0.content.0.content.0.type', 'messages.0.content.0.content.0.type: unknown value "tool_use"; expected one of text, image, document, search_result'],
    ['an unknown tool_choice', { ...base, messages: [], tool_choice: { type: 'auto!' } }, 'tool_choice.type', 'tool_choice.type: unknown value "auto!"; expected one of auto, any, none, tool'],
    ['thinking without budget', { ...base, messages: [], thinking: { type: 'enabled' } }, 'thinking.budget_tokens', 'thinking.budget_tokens: is required'],
  ])('%s', (_name, body, param, message) => {
    const err = parseError(body);
    expect(err.kind).toBe('invalid_request');
    expect(err.param).toBe(param);
    expect(err.message.startsWith(message)).toBe(true);
  });

  it('says the body itself is wrong when it is not an object', () => {
    const err = parseError([1, 2]);
    expect(err.param).toBeUndefined();
    expect(err.message).toMatch(/^The request body: expected object/);
  });
});

describe('count_tokens and sessions', () => {
  it('accepts a count_tokens body without max_tokens and never streams it', () => {
    const req = parseCountTokensRequest({ model: 'm', stream: true, messages: [{ role: 'user', content: 'hi' }] }, ctx);
    expect(req.stream).toBe(false);
    expect(req.maxOutputTokens).toBeUndefined();
    expect(() => parseCountTokensRequest({ model: 'm' }, ctx)).toThrow(/messages: is required/);
  });

  it('prefers the Claude Code session header over metadata', () => {
    const body = { model: 'm', max_tokens: 1, messages: [], metadata: { user_id: 'plain-user' } };
    expect(parseRequest(body, { requestId: 'r', headers: { 'x-claude-code-session-id': 'hdr' } }).sessionKey).toBe('hdr');
    expect(parseRequest(body, ctx).sessionKey).toBe('plain-user');
  });

  it.each<[string | undefined, string | undefined]>([
    ['{"device_id":"d","session_id":"s-1"}', 's-1'],
    ['{"device_id":"d","session_id":""}', '{"device_id":"d","session_id":""}'],
    ['user_ab_account_cd_session_0a-1b', '0a-1b'],
    ['{not json', '{not json'],
    ['', undefined],
    [undefined, undefined],
  ])('session from user_id %j', (userId, expected) => {
    expect(sessionFromUserId(userId)).toBe(expected);
  });
});
