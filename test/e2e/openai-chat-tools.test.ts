// The openai SDK's Chat Completions client with tools, against the real gateway and the emulator:
// the calls it gets back, and the functionCall / functionResponse pairing Google receives.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import { expectToolRoundTrip, keysDeep } from '../helpers/upstream-calls.js';
import { MODEL, useChatGateway, weatherTool } from '../helpers/chat-gateway.js';

const ctx = useChatGateway();

describe('tools', () => {
  it('returns tool_calls and takes the tool result back, paired with its call', async () => {
    ctx.answer([{ functionCall: { name: 'get_weather', args: { city: 'Paris' } } }]);
    const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather in Paris?' }];
    const first = await ctx.client().chat.completions.stream({ model: MODEL, tools: [weatherTool], tool_choice: 'auto', messages }).finalChatCompletion();
    const choice = first.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    const call = choice?.message.tool_calls?.[0];
    expect(call?.type).toBe('function');
    if (call?.type !== 'function') throw new Error('expected a function tool call');
    expect(call.function.name).toBe('get_weather');
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Paris' });
    expect(call.id).toBeTruthy();
    const sentFirst = ctx.upstream();
    const decl = sentFirst.tools?.[0]?.functionDeclarations?.[0];
    expect(decl?.name).toBe('get_weather');
    expect(keysDeep(decl)).not.toContain('additionalProperties');
    expect(sentFirst.toolConfig?.functionCallingConfig?.mode).toBe('AUTO');

    ctx.answer([{ text: 'It is 18C in Paris.' }]);
    const second = await ctx.client().chat.completions.create({
      model: MODEL,
      tools: [weatherTool],
      messages: [...messages, choice!.message, { role: 'tool', tool_call_id: call.id, content: '18C, sunny' }],
    });
    expect(second.choices[0]?.message.content).toBe('It is 18C in Paris.');

    const { fc, fr } = expectToolRoundTrip(ctx.upstream().contents, { name: 'get_weather', args: { city: 'Paris' }, output: '18C, sunny' });
    expect(fc?.id).toBe(call.id);
    expect(fr?.id).toBe(call.id);
  });

  it('renders parallel calls with their own indexes and sends both results back in call order', async () => {
    ctx.answer([
      { functionCall: { name: 'get_weather', args: { city: 'Paris' } } },
      { functionCall: { name: 'get_weather', args: { city: 'Rome' } } },
    ]);
    const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: 'Paris and Rome?' }];
    const stream = await ctx.client().chat.completions.create({ model: MODEL, stream: true, tools: [weatherTool], parallel_tool_calls: true, messages });
    const firstFragments = new Map<number, string>();
    for await (const chunk of stream) {
      for (const tc of chunk.choices[0]?.delta.tool_calls ?? []) if (tc.id) firstFragments.set(tc.index, tc.id);
    }
    expect([...firstFragments.keys()]).toEqual([0, 1]);
    const [idParis, idRome] = [firstFragments.get(0)!, firstFragments.get(1)!];
    expect(idParis).not.toBe(idRome);

    ctx.answer([{ text: 'Paris 18C, Rome 25C.' }]);
    await ctx.client().chat.completions.create({
      model: MODEL,
      tools: [weatherTool],
      messages: [
        ...messages,
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: idParis, type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
            { id: idRome, type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
          ],
        },
        { role: 'tool', tool_call_id: idParis, content: '18C' },
        { role: 'tool', tool_call_id: idRome, content: '25C' },
      ],
    });
    const contents = ctx.upstream().contents;
    expect(contents.map((c) => c.role)).toEqual(['user', 'model', 'user']);
    const calls = contents[1]?.parts.flatMap((p) => (p.functionCall ? [p.functionCall] : [])) ?? [];
    const results = contents[2]?.parts.flatMap((p) => (p.functionResponse ? [p.functionResponse] : [])) ?? [];
    expect(calls.map((c) => c.args)).toEqual([{ city: 'Paris' }, { city: 'Rome' }]);
    expect(results).toHaveLength(2);
    expect(results.map((r) => r.name)).toEqual(['get_weather', 'get_weather']);
    expect(JSON.stringify(results[0]?.response)).toContain('18C');
    expect(JSON.stringify(results[1]?.response)).toContain('25C');
  });

  it('sends a named tool_choice as ANY limited to that function', async () => {
    ctx.answer([{ functionCall: { name: 'get_weather', args: { city: 'Oslo' } } }]);
    await ctx.client().chat.completions.create({
      model: MODEL,
      tools: [weatherTool],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      messages: [{ role: 'user', content: 'Oslo' }],
    });
    expect(ctx.upstream().toolConfig?.functionCallingConfig).toMatchObject({ mode: 'ANY', allowedFunctionNames: ['get_weather'] });
  });
});
