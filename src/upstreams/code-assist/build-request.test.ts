import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CanonicalRequest } from '../../canonical/index.js';
import { createSignatureCache, type SignatureCache } from '../gemini-wire/signature-cache.js';
import type { Flavor } from '../../google/flavors.js';
import { buildCodeAssistRequest, sessionIdFor } from './build-request.js';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

interface Case {
  model: string;
  flavor: Flavor;
  request: CanonicalRequest;
}

const cases = JSON.parse(readFileSync(here('./fixtures/build-request.input.json'), 'utf8')) as Record<string, Case>;

/** A cache that saw the fixtures' signatures come from their models, as after a real earlier turn. */
function seeded(): SignatureCache {
  const cache = createSignatureCache();
  for (const c of Object.values(cases)) {
    for (const m of c.request.messages) {
      for (const p of m.parts) {
        const sig = 'signature' in p ? p.signature : undefined;
        if (sig?.startsWith('gemini-')) cache.rememberSignature(sig, 'gemini');
        if (sig?.startsWith('EqQB')) cache.rememberSignature(sig, 'claude');
      }
    }
  }
  return cache;
}

function build(c: Case, signatures = seeded()) {
  let n = 0;
  return buildCodeAssistRequest(c.request, c.model, {
    flavor: c.flavor,
    projectId: 'proj-1',
    antigravityVersion: '9.9.9',
    signatures,
    uuid: () => `00000000-0000-4000-8000-00000000000${++n}`,
  });
}

describe('buildCodeAssistRequest', () => {
  it('matches the golden wrappers', async () => {
    const actual = Object.fromEntries(
      Object.entries(cases).map(([name, c]) => {
        const built = build(c);
        // Header values that depend on the machine are left out of the golden file.
        const { 'User-Agent': _ua, 'x-goog-api-client': _api, ...headers } = built.headers;
        return [name, { body: built.body, headers }];
      }),
    );
    // A missing golden fails in CI; `vitest -u` rewrites it after an intended change (then review the diff).
    await expect(JSON.stringify(actual, null, 2) + '\n').toMatchFileSnapshot(here('./fixtures/build-request.expected.json'));
  });

  it('merges turns, drops empty text and keeps the first turn a user turn', () => {
    const contents = build(cases['antigravity-gemini-basic']!).body.request.contents;
    expect(contents.map((c) => c.role)).toEqual(['user', 'model', 'user']);
    expect(contents[0]!.parts).toEqual([{ text: 'first' }, { text: 'second' }]);
    const cli = build(cases['gemini-cli-starts-with-model-turn']!).body.request.contents;
    expect(cli[0]).toEqual({ role: 'user', parts: [{ text: '.' }] });
  });

  it('answers calls with responses first, names looked up from the call, errors as {error}', () => {
    const built = build(cases['gemini-tool-round-trip']!);
    const [, model, user] = built.body.request.contents;
    expect(model!.parts.map((p) => p.functionCall?.name)).toEqual([undefined, 'mcp_read_file', 'mcp_read_file']);
    expect(model!.parts[2]!.thoughtSignature).toBe('skip_thought_signature_validator');
    expect(user!.parts[0]).toEqual({ functionResponse: { id: 'call_1', name: 'mcp_read_file', response: { output: 'A' } } });
    expect(user!.parts[1]).toEqual({ functionResponse: { id: 'call_2', name: 'mcp_read_file', response: { error: 'ENOENT' } } });
    expect(user!.parts.slice(2)).toEqual([{ inlineData: { mimeType: 'image/png', data: 'AAAA' } }, { text: 'here you go' }]);
    expect(built.names.fromWire('mcp_read_file')).toBe('mcp/read file');
  });

  it('claims the Antigravity hub on generation calls, without x-goog-api-client (spec §0)', () => {
    const headers = build(cases['antigravity-gemini-basic']!).headers;
    expect(headers['User-Agent']).toBe('antigravity/hub/9.9.9 darwin/arm64');
    expect(headers['X-Client-Version']).toBe('9.9.9');
    expect(Object.keys(headers).map((k) => k.toLowerCase())).not.toContain('x-goog-api-client');
  });

  it('gives Claude thinking room, the beta header, and only Claude-sized signatures', () => {
    const built = build(cases['claude-thinking-tools']!);
    expect(built.headers['anthropic-beta']).toBe('interleaved-thinking-2025-05-14');
    expect(built.body.request.generationConfig).toEqual({ maxOutputTokens: 16192, thinkingConfig: { includeThoughts: true, thinkingBudget: 8000 } });
    const model = built.body.request.contents[1]!;
    expect(model.parts).toHaveLength(2);
    expect(model.parts[0]!.thought).toBe(true);
    expect(model.parts[1]).toEqual({ functionCall: { id: 'toolu_01', name: 'Write', args: { file_path: '/tmp/hello.txt', content: 'hi' } } });
  });

  it('sends Gemini no signature it never saw, and Claude a well-formed one it never saw (a restart)', () => {
    const unknown = build(cases['gemini-tool-round-trip']!, createSignatureCache()).body.request.contents[1]!;
    expect(unknown.parts.some((p) => p.thought)).toBe(false);
    expect(unknown.parts.map((p) => p.thoughtSignature)).toEqual(['skip_thought_signature_validator', 'skip_thought_signature_validator']);
    const c = cases['claude-thinking-tools']!;
    const claude = build(c, createSignatureCache()).body.request.contents[1]!;
    const sent = (c.request.messages[1]!.parts[1] as { signature: string }).signature;
    expect(claude.parts[0]).toMatchObject({ thought: true, thoughtSignature: sent });
  });

  it('closes a Claude tool loop whose thinking it cannot send back, instead of a request Claude refuses', () => {
    const c = structuredClone(cases['claude-thinking-tools']!);
    (c.request.messages[1]!.parts[1] as { signature: string }).signature = 'not a signature at all, though it is long enough to pass the length';
    const contents = build(c, createSignatureCache()).body.request.contents;
    expect(contents.map((t) => t.role)).toEqual(['user', 'model', 'user', 'model', 'user']);
    expect(contents[1]!.parts.some((p) => p.thought)).toBe(false);
    expect(contents[3]!.parts).toEqual([{ text: 'The tool call above has returned its result.' }]);
    expect(contents[4]!.parts).toEqual([{ text: 'Continue.' }]);
    // With the signature known, nothing is added.
    expect(build(cases['claude-thinking-tools']!).body.request.contents).toHaveLength(3);
  });

  it('caps maxOutputTokens per family, shrinking a Claude thinking budget that no longer fits', () => {
    const limits = { gemini: 16384, claude: 64000 };
    const gemini = structuredClone(cases['antigravity-gemini-basic']!);
    gemini.request.maxOutputTokens = 65536;
    const g = buildCodeAssistRequest(gemini.request, gemini.model, { flavor: 'antigravity', projectId: 'p', antigravityVersion: '1', limits });
    expect(g.body.request.generationConfig?.maxOutputTokens).toBe(16384);
    const claude = structuredClone(cases['claude-thinking-tools']!);
    claude.request.maxOutputTokens = 128000;
    claude.request.thinking = { enabled: true, budgetTokens: 100000 };
    const cfg = buildCodeAssistRequest(claude.request, claude.model, { flavor: 'antigravity', projectId: 'p', antigravityVersion: '1', limits }).body.request.generationConfig;
    expect(cfg?.maxOutputTokens).toBe(64000);
    expect(cfg?.thinkingConfig?.thinkingBudget).toBe(64000 - 8192);
  });

  it('drops signatures the cache knows came from another family', () => {
    const signatures = seeded();
    const c = cases['gemini-tool-round-trip']!;
    const thought = c.request.messages[1]!.parts[0] as { signature: string };
    signatures.rememberSignature(thought.signature, 'claude');
    const model = build(c, signatures).body.request.contents[1]!;
    // The Claude-made thought is gone; the call keeps its own Gemini signature.
    expect(model.parts.some((p) => p.thought)).toBe(false);
    expect(model.parts[0]!.thoughtSignature).toBe('gemini-call-signature-0123456789-0123456789-0123456789-0123456789');
  });

  it('restores from the cache what a client dropped', () => {
    const signatures = seeded();
    signatures.rememberToolCall('call_2', { family: 'gemini', signature: 'remembered-gemini-signature' });
    const gemini = build(cases['gemini-tool-round-trip']!, signatures).body.request.contents[1]!;
    expect(gemini.parts[2]!.thoughtSignature).toBe('remembered-gemini-signature');

    const claudeSig = 'E'.repeat(80);
    signatures.rememberToolCall('toolu_01', { family: 'claude', thinking: { text: 'Plan again.', signature: claudeSig } });
    const c = structuredClone(cases['claude-thinking-tools']!);
    c.request.messages[1]!.parts = c.request.messages[1]!.parts.filter((p) => p.type !== 'thinking');
    const claude = build(c, signatures).body.request.contents[1]!;
    expect(claude.parts[0]).toEqual({ text: 'Plan again.', thought: true, thoughtSignature: claudeSig });
  });

  it('answers a call the client left unanswered, keeping the calls\' order', () => {
    const c = structuredClone(cases['gemini-tool-round-trip']!);
    const user = c.request.messages[2]!;
    user.parts = [user.parts[2]!];
    const parts = build(c).body.request.contents[2]!.parts;
    expect(parts.map((p) => p.functionResponse?.id)).toEqual(['call_1', 'call_2', undefined]);
    expect(parts[0]!.functionResponse!.response).toEqual({ error: 'The client sent no result for this call.' });
    expect(parts[1]!.functionResponse!.response).toEqual({ error: 'ENOENT' });
  });

  it('sends data: URLs as inline bytes and other URLs as file data', () => {
    const c = structuredClone(cases['antigravity-gemini-basic']!);
    c.request.messages = [{ role: 'user', parts: [{ type: 'image', mimeType: 'image/png', url: 'data:image/webp;base64,UklGRg==' }, { type: 'image', mimeType: 'image/png', url: 'gs://bucket/a.png' }] }];
    expect(build(c).body.request.contents[0]!.parts).toEqual([
      { inlineData: { mimeType: 'image/webp', data: 'UklGRg==' } },
      { fileData: { mimeType: 'image/png', fileUri: 'gs://bucket/a.png' } },
    ]);
  });

  it('derives a session id stable per conversation and account, different across accounts', () => {
    const req = cases['antigravity-gemini-basic']!.request;
    const later = { ...req, messages: [...req.messages, { role: 'user' as const, parts: [{ type: 'text' as const, text: 'more' }] }] };
    expect(sessionIdFor(req, 'a')).toBe(sessionIdFor(later, 'a'));
    expect(sessionIdFor(req, 'a')).not.toBe(sessionIdFor(req, 'b'));
    const keyed = { ...req, sessionKey: 'abc-123' };
    expect(sessionIdFor(keyed, 'a')).toMatch(/^[0-9a-f]{32}$/);
    expect(sessionIdFor(keyed, 'a')).not.toBe(sessionIdFor(keyed, 'b'));
    expect(sessionIdFor(keyed, 'a')).not.toBe(sessionIdFor(req, 'a'));
  });
});
