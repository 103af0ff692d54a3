// The requests the benchmark sends: the same one-line prompt in each target's wire format.

export type Target = 'direct' | 'passthrough' | 'floor' | 'gateway-openai' | 'gateway-anthropic';
export const targets: readonly Target[] = ['direct', 'passthrough', 'floor', 'gateway-openai', 'gateway-anthropic'];

export interface Scenario {
  target: Target;
  stream: boolean;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface Endpoints {
  emulatorUrl: string;
  passthroughUrl: string;
  /** bench/floor-child.ts: our converters on bare node:http (OpenAI chat only). */
  floorUrl: string;
  gatewayUrl: string;
  /** Bearer token and project the emulator accepts for the Cloud Code calls. */
  token: string;
  project: string;
  model: string;
}

export const benchModel = 'gemini-3-flash';
const prompt = 'Write one short sentence about benchmarks.';
const maxTokens = 256;

function cloudCode(base: string, e: Endpoints, stream: boolean): Omit<Scenario, 'target'> {
  const path = stream ? '/v1internal:streamGenerateContent?alt=sse' : '/v1internal:generateContent';
  return {
    stream,
    url: `${base}${path}`,
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${e.token}`,
      ...(stream ? { accept: 'text/event-stream' } : {}),
    },
    body: JSON.stringify({
      model: e.model,
      project: e.project,
      request: {
        contents: [{ role: 'user', parts: [{ text: prompt }] }],
        generationConfig: { maxOutputTokens: maxTokens },
      },
    }),
  };
}

function openaiChat(base: string, e: Endpoints, stream: boolean): Omit<Scenario, 'target'> {
  return {
    stream,
    url: `${base}/v1/chat/completions`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: e.model, messages: [{ role: 'user', content: prompt }], max_tokens: maxTokens, stream }),
  };
}

export function scenario(target: Target, stream: boolean, e: Endpoints): Scenario {
  switch (target) {
    case 'direct':
      return { target, ...cloudCode(e.emulatorUrl, e, stream) };
    case 'passthrough':
      return { target, ...cloudCode(e.passthroughUrl, e, stream) };
    case 'floor':
      return { target, ...openaiChat(e.floorUrl, e, stream) };
    case 'gateway-openai':
      return { target, ...openaiChat(e.gatewayUrl, e, stream) };
    case 'gateway-anthropic':
      return {
        target,
        stream,
        url: `${e.gatewayUrl}/v1/messages`,
        headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({ model: e.model, max_tokens: maxTokens, messages: [{ role: 'user', content: prompt }], stream }),
      };
  }
}
