// The request Codex CLI really sends (test/fixtures/captures), posted as is to /v1/responses:
// accepted and streamed back, and translated for Google with the developer text as the system
// instruction and only the function tools.
import { describe, expect, it } from 'vitest';
import { readCapture } from '../helpers/read-capture.js';
import { MODEL, useChatGateway } from '../helpers/chat-gateway.js';

const ctx = useChatGateway();

interface Capture {
  headers: Record<string, string>;
  body: {
    model: string;
    input: Array<{ role?: string; content: Array<{ text: string }> }>;
    tools: Array<{ type: string; name?: string }>;
  };
}

const capture = readCapture('codex-01-first-turn') as unknown as Capture;

function sseEvents(text: string): Array<{ event: string; data: Record<string, unknown> }> {
  return text
    .split('\n\n')
    .filter((f) => f.startsWith('event: '))
    .map((f) => {
      const [ev, data] = f.split('\n');
      return { event: (ev ?? '').slice(7), data: JSON.parse((data ?? '').slice(6)) as Record<string, unknown> };
    });
}

describe('Codex first turn', () => {
  it('is accepted as is and streamed back in the order Codex reads', async () => {
    expect(capture.body.model).toBe(MODEL);
    ctx.answer([{ text: 'hi' }]);
    const res = await fetch(`${ctx.gw().url}/v1/responses`, {
      method: 'POST',
      headers: capture.headers,
      body: JSON.stringify(capture.body),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = sseEvents(await res.text());
    const types = events.map((e) => e.event);
    expect(types[0]).toBe('response.created');
    expect(types).toContain('response.output_item.done');
    expect(types.at(-1)).toBe('response.completed');
    const completed = events.at(-1)?.data.response as { status: string; usage: { total_tokens: number }; output: Array<{ type: string; content?: Array<{ text: string }> }> };
    expect(completed.status).toBe('completed');
    expect(completed.output.find((o) => o.type === 'message')?.content?.[0]?.text).toBe('hi');
    expect(typeof completed.usage.total_tokens).toBe('number');

    const sent = ctx.upstream();
    const system = (sent.systemInstruction?.parts ?? []).map((p) => p.text ?? '').join('\n');
    const developerTexts = capture.body.input.filter((i) => i.role === 'developer').flatMap((i) => i.content.map((c) => c.text));
    expect(developerTexts.length).toBeGreaterThan(0);
    for (const t of developerTexts) expect(system).toContain(t);
    // No developer text leaks into the conversation turns.
    expect(JSON.stringify(sent.contents)).not.toContain(developerTexts[0]);
    expect(sent.contents.every((c) => c.role === 'user')).toBe(true);

    const functionNames = capture.body.tools.filter((t) => t.type === 'function').map((t) => t.name);
    expect(functionNames.length).toBeLessThan(capture.body.tools.length);
    const tools = sent.tools ?? [];
    expect(tools.every((t) => Object.keys(t).every((k) => k === 'functionDeclarations'))).toBe(true);
    expect(tools.flatMap((t) => t.functionDeclarations?.map((d) => d.name) ?? [])).toEqual(functionNames);
  });

  it('replays a tool turn without store and Google gets the call with its thought signature back', async () => {
    const thoughtSig = `sig-thought-${'a'.repeat(64)}`;
    const callSig = `sig-call-${'b'.repeat(64)}`;
    ctx.answer([
      { text: 'I will list the files.', thought: true, thoughtSignature: thoughtSig },
      { functionCall: { name: 'exec_command', args: { cmd: 'ls' } }, thoughtSignature: callSig },
    ]);
    const post = (body: unknown) =>
      fetch(`${ctx.gw().url}/v1/responses`, { method: 'POST', headers: capture.headers, body: JSON.stringify(body) });
    const first = sseEvents(await (await post(capture.body)).text());
    const done = first.at(-1)?.data.response as { output: Array<Record<string, unknown>> };
    const reasoning = done.output.find((o) => o.type === 'reasoning');
    const call = done.output.find((o) => o.type === 'function_call');
    expect(reasoning?.encrypted_content).toBe(thoughtSig);
    expect(call).toMatchObject({ name: 'exec_command', arguments: JSON.stringify({ cmd: 'ls' }) });

    // Codex keeps no server state (store: false): it sends the whole history again, items included.
    ctx.answer([{ text: 'Done.' }]);
    const replay = {
      ...capture.body,
      input: [...capture.body.input, reasoning, call, { type: 'function_call_output', call_id: call?.call_id, output: 'a.txt' }],
    };
    const second = await post(replay);
    expect(second.status).toBe(200);
    expect(sseEvents(await second.text()).at(-1)?.event).toBe('response.completed');
    const model = ctx.upstream().contents.find((c) => c.role === 'model');
    const fcPart = model?.parts.find((p) => p.functionCall);
    expect(fcPart?.functionCall).toMatchObject({ name: 'exec_command', args: { cmd: 'ls' } });
    expect(fcPart?.thoughtSignature).toBe(callSig);
    expect(model?.parts[0]).toMatchObject({ thought: true, thoughtSignature: thoughtSig });
    const answer = ctx.upstream().contents.at(-1)?.parts.find((p) => p.functionResponse)?.functionResponse;
    expect(answer?.name).toBe('exec_command');
  });
});
