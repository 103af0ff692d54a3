// @google/genai pointed at the gateway (httpOptions.baseUrl): generateContent, the stream,
// countTokens, a function-call round trip, and errors in Google's shape.
import { ApiError, GoogleGenAI, Type } from '@google/genai';
import type { Content } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { expectToolRoundTrip } from '../helpers/upstream-calls.js';
import { MODEL, useChatGateway } from '../helpers/chat-gateway.js';

const ctx = useChatGateway();
const ai = (): GoogleGenAI => new GoogleGenAI({ apiKey: 'test', httpOptions: { baseUrl: ctx.gw().url } });
const textOf = (parts: Array<{ text?: string }> | undefined): string => (parts ?? []).map((p) => p.text ?? '').join('');

describe('@google/genai', () => {
  it('generateContent: text, finish reason, usage, and the system instruction forwarded', async () => {
    ctx.answer([{ text: 'Hello from the gateway.' }]);
    const res = await ai().models.generateContent({ model: MODEL, contents: 'Say hello', config: { systemInstruction: 'Be brief.', temperature: 0.3 } });
    expect(res.text).toBe('Hello from the gateway.');
    expect(res.candidates?.[0]?.finishReason).toBe('STOP');
    expect(res.usageMetadata?.totalTokenCount).toBeGreaterThan(0);
    const sent = ctx.upstream();
    expect(textOf(sent.systemInstruction?.parts)).toBe('Be brief.');
    expect(sent.contents).toEqual([{ role: 'user', parts: [{ text: 'Say hello' }] }]);
    expect(sent.generationConfig?.temperature).toBe(0.3);
  });

  it('generateContentStream: chunks that add up to the answer, the last with a finish reason', async () => {
    ctx.answer([{ text: 'Streamed answer from Gemini.' }]);
    let text = '';
    let finish: string | undefined;
    for await (const chunk of await ai().models.generateContentStream({ model: MODEL, contents: 'Stream please' })) {
      text += chunk.text ?? '';
      finish = chunk.candidates?.[0]?.finishReason ?? finish;
    }
    expect(text).toBe('Streamed answer from Gemini.');
    expect(finish).toBe('STOP');
  });

  it('countTokens answers totalTokens', async () => {
    const res = await ai().models.countTokens({ model: MODEL, contents: 'How many tokens is this?' });
    expect(typeof res.totalTokens).toBe('number');
    expect(res.totalTokens).toBeGreaterThan(0);
  });

  it('returns a function call and pairs the functionResponse with it', async () => {
    ctx.answer([{ functionCall: { name: 'get_weather', args: { city: 'Paris' } } }]);
    const tools = [
      {
        functionDeclarations: [
          { name: 'get_weather', description: 'Weather for a city', parameters: { type: Type.OBJECT, properties: { city: { type: Type.STRING } }, required: ['city'] } },
        ],
      },
    ];
    const history: Content[] = [{ role: 'user', parts: [{ text: 'Weather in Paris?' }] }];
    const first = await ai().models.generateContent({ model: MODEL, contents: history, config: { tools } });
    const call = first.functionCalls?.[0];
    expect(call).toMatchObject({ name: 'get_weather', args: { city: 'Paris' } });
    const decl = ctx.upstream().tools?.[0]?.functionDeclarations?.[0];
    expect(decl?.name).toBe('get_weather');

    ctx.answer([{ text: 'It is 18C.' }]);
    const modelTurn = first.candidates?.[0]?.content;
    if (!modelTurn) throw new Error('expected the model turn');
    const second = await ai().models.generateContent({
      model: MODEL,
      config: { tools },
      contents: [
        ...history,
        modelTurn,
        { role: 'user', parts: [{ functionResponse: { id: call?.id, name: 'get_weather', response: { output: '18C, sunny' } } }] },
      ],
    });
    expect(second.text).toBe('It is 18C.');
    expectToolRoundTrip(ctx.upstream().contents, { name: 'get_weather', args: { city: 'Paris' }, output: '18C, sunny' });
  });

  it('answers bad input with a Google-shaped 400', async () => {
    const res = await fetch(`${ctx.gw().url}/v1beta/models/${MODEL}:generateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'robot', parts: [{ text: 'x' }] }] }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: number; status: string; message: string } };
    expect(body.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    expect(body.error.message).toContain('contents.0.role');

    const err = await ai()
      .models.generateContent({ model: MODEL, contents: [{ role: 'user', parts: [] }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(400);
  });

  it('answers an unknown model with a Google-shaped 404', async () => {
    const err = await ai()
      .models.generateContent({ model: 'no-such-model', contents: 'hi' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(404);
    const res = await fetch(`${ctx.gw().url}/v1beta/models/no-such-model:generateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 404, status: 'NOT_FOUND' } });
  });

  it('streams a JSON array without alt=sse', async () => {
    ctx.answer([{ text: 'Array form.' }]);
    const res = await fetch(`${ctx.gw().url}/v1beta/models/${MODEL}:streamGenerateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }] }),
    });
    expect(res.status).toBe(200);
    const chunks = (await res.json()) as Array<{ candidates?: Array<{ content?: { parts?: Array<{ text?: string }> }; finishReason?: string }> }>;
    expect(chunks.map((c) => textOf(c.candidates?.[0]?.content?.parts)).join('')).toBe('Array form.');
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe('STOP');
  });
});
