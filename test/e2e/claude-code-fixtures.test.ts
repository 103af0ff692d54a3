// The two requests captured from Claude Code, sent as is, and what reached the emulated Google.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseSse } from '../../src/util/sse-parse.js';
import { readCapture } from '../helpers/read-capture.js';
import { startGateway, type Gateway } from '../helpers/start-gateway.js';
import { keysDeep, lastGenerateCall } from '../helpers/upstream-calls.js';

interface Capture {
  url: string;
  headers: Record<string, string>;
  body: { model: string; tools: Array<{ name: string }>; messages: Array<{ role: string; content: unknown }> };
}

type Frame = { type?: string; index?: number; content_block?: { type: string; id?: string }; delta?: { type?: string; text?: string; thinking?: string; signature?: string } };

const load = (name: '01-first-turn' | '02-after-tool-use'): Capture => readCapture(`claude-code-${name}`) as unknown as Capture;

// The captures ask for claude-opus-5-5, which no account serves; the default claude-opus-* alias maps it.
const POOL_MODEL = 'claude-opus-4-6-thinking';

let gw: Gateway;
beforeAll(async () => {
  // No alias configured: the default `claude-opus-*` alias must catch the name Claude Code sends.
  gw = await startGateway();
});
afterAll(async () => gw?.close());
beforeEach(() => gw.emulator.state.reset());

async function send(capture: Capture): Promise<{ status: number; contentType: string | null; events: Array<{ event: string; data: Frame | undefined }> }> {
  // fetch computes these itself; sending the captured ones would only confuse it.
  const { 'accept-encoding': _enc, 'content-length': _len, ...headers } = capture.headers;
  const res = await fetch(`${gw.url}${capture.url}`, { method: 'POST', headers, body: JSON.stringify(capture.body) });
  const events: Array<{ event: string; data: Frame | undefined }> = [];
  if (res.body) {
    for await (const m of parseSse(res.body)) events.push({ event: m.event ?? '', data: m.data ? (JSON.parse(m.data) as Frame) : undefined });
  }
  return { status: res.status, contentType: res.headers.get('content-type'), events };
}

function expectWellFormedStream(events: Array<{ event: string }>): void {
  const names = events.map((e) => e.event).filter((n) => n !== 'ping');
  expect(names[0]).toBe('message_start');
  expect(names.at(-2)).toBe('message_delta');
  expect(names.at(-1)).toBe('message_stop');
  expect(names).not.toContain('error');
}

describe('Claude Code captures through the gateway', () => {
  it('01-first-turn: system text (with the mid-conversation system message), one user turn, sanitized tools', async () => {
    const capture = load('01-first-turn');
    gw.emulator.state.enqueue({ method: 'streamGenerateContent', parts: [{ text: 'I will create it.' }] });
    const res = await send(capture);
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^text\/event-stream/);
    expectWellFormedStream(res.events);

    const call = lastGenerateCall(gw.emulator);
    expect(call.model).toBe(POOL_MODEL);
    const { request } = call;
    const system = request.systemInstruction?.parts?.map((p) => p.text ?? '').join('\n') ?? '';
    expect(system).toContain("You are a Claude agent, built on Anthropic's Claude Agent SDK.");
    expect(system).toContain('<7018 characters of prose removed>');
    expect(system).toContain('<9194 characters of prose removed>');
    expect(request.contents.map((c) => c.role)).toEqual(['user']);
    // Claude Code asks for 128000; Claude on Cloud Code takes at most 64000, thinking included.
    expect(request.generationConfig?.maxOutputTokens).toBe(64000);
    expect(JSON.stringify(request.contents)).toContain('please create the file hello.txt');

    const decls = request.tools?.flatMap((t) => t.functionDeclarations ?? []) ?? [];
    expect(decls.map((d) => d.name)).toEqual(capture.body.tools.map((t) => t.name));
    const keys = keysDeep(decls);
    expect(keys).not.toContain('$schema');
    expect(keys).not.toContain('additionalProperties');
  });

  it('02-after-tool-use: the Bash call and its result travel as a paired functionCall / functionResponse', async () => {
    gw.emulator.state.enqueue({ method: 'streamGenerateContent', parts: [{ text: 'Done: hello.txt exists.' }] });
    const res = await send(load('02-after-tool-use'));
    expect(res.status).toBe(200);
    expectWellFormedStream(res.events);
    const text = res.events
      .map((e) => e.data)
      .flatMap((d) => (d?.delta?.type === 'text_delta' ? [d.delta.text] : []))
      .join('');
    expect(text).toBe('Done: hello.txt exists.');

    const { contents } = lastGenerateCall(gw.emulator).request;
    // The captured assistant turn has no thinking to send back, so the gateway closes the loop
    // (a short model turn, then "Continue.") rather than send Claude a turn it refuses.
    expect(contents.map((c) => c.role)).toEqual(['user', 'model', 'user', 'model', 'user']);
    expect(contents[4]?.parts).toEqual([{ text: 'Continue.' }]);
    const calls = contents[1]?.parts.filter((p) => p.functionCall) ?? [];
    const results = contents[2]?.parts.filter((p) => p.functionResponse) ?? [];
    expect(calls).toHaveLength(1);
    expect(results).toHaveLength(1);
    expect(calls[0]?.functionCall).toMatchObject({ name: 'Bash', args: { command: 'echo hi > hello.txt', description: 'create file' } });
    expect(results[0]?.functionResponse?.name).toBe('Bash');
    expect(JSON.stringify(results[0]?.functionResponse?.response)).toContain('(Bash completed with no output)');
    // Claude Code's own tool_use id travels on both halves of the pair.
    expect(calls[0]?.functionCall?.id).toBe('toolu_01');
    expect(results[0]?.functionResponse?.id).toBe('toolu_01');
  });

  it('thinking under display "omitted": a signed block without its text, and the signature goes back upstream', async () => {
    const signature = `EqQB${'c'.repeat(120)}`;
    gw.emulator.state.enqueue({
      method: 'streamGenerateContent',
      parts: [
        { text: 'private reasoning', thought: true, thoughtSignature: signature },
        { functionCall: { name: 'Bash', args: { command: 'ls' }, id: 'toolu_think1' } },
      ],
    });
    const first = load('01-first-turn');
    const res = await send(first);
    expectWellFormedStream(res.events);
    const frames = res.events.map((e) => e.data);
    expect(JSON.stringify(frames)).not.toContain('private reasoning');
    expect(frames).toContainEqual(expect.objectContaining({ type: 'content_block_start', content_block: { type: 'thinking', thinking: '', signature: '' } }));
    expect(frames).toContainEqual(expect.objectContaining({ type: 'content_block_delta', delta: { type: 'signature_delta', signature } }));
    const toolUse = frames.find((f) => f?.content_block?.type === 'tool_use')?.content_block;
    expect(toolUse).toMatchObject({ type: 'tool_use', name: 'Bash' });

    // Claude Code's next request: its history plus the blocks it got back and the tool's result.
    const next = structuredClone(first);
    next.body.messages.push(
      { role: 'assistant', content: [{ type: 'thinking', thinking: '', signature }, { type: 'tool_use', id: toolUse?.id, name: 'Bash', input: { command: 'ls' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse?.id, content: 'hello.txt' }] },
    );
    gw.emulator.state.enqueue({ method: 'streamGenerateContent', parts: [{ text: 'There is hello.txt.' }] });
    expectWellFormedStream((await send(next)).events);
    const { contents } = lastGenerateCall(gw.emulator).request;
    expect(contents.map((c) => c.role)).toEqual(['user', 'model', 'user']);
    // The thinking Claude Code never saw goes back whole with its signature.
    expect(contents[1]?.parts[0]).toEqual({ text: 'private reasoning', thought: true, thoughtSignature: signature });
    expect(contents[2]?.parts[0]?.functionResponse).toMatchObject({ name: 'Bash', id: toolUse?.id });
  });
});
