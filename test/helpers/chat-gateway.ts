// Shared by the openai-chat e2e files: one gateway + emulator per file, the SDK client, and
// helpers to script Google's answer and read what the gateway sent it.
import { OpenAI } from 'openai';
import type { ChatCompletionTool } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { CodeAssistGenerateRequest } from '../../src/protocols/code-assist.js';
import { startGateway, type Gateway } from './start-gateway.js';
import { lastGenerateCall, type GeminiPart } from './upstream-calls.js';

export const MODEL = 'gemini-3-flash';

export interface ChatTestContext {
  gw: () => Gateway;
  client: () => OpenAI;
  /** Queues the parts Google answers the next generation with. */
  answer: (parts: GeminiPart[], finishReason?: string) => void;
  /** The inner request of the newest generation call the emulator received. */
  upstream: () => CodeAssistGenerateRequest['request'];
}

/** Registers the hooks of one file; call at module level. */
export function useChatGateway(): ChatTestContext {
  let gw: Gateway | undefined;
  let client: OpenAI | undefined;
  beforeAll(async () => {
    gw = await startGateway();
    client = new OpenAI({ apiKey: 'test', baseURL: `${gw.url}/v1`, maxRetries: 0 });
  });
  afterAll(async () => gw?.close());
  beforeEach(() => gw?.emulator.state.reset());
  const need = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('the gateway did not start');
    return v;
  };
  return {
    gw: () => need(gw),
    client: () => need(client),
    answer: (parts, finishReason = 'STOP') => need(gw).emulator.state.enqueue({ method: 'streamGenerateContent', parts, finishReason }),
    upstream: () => lastGenerateCall(need(gw).emulator).request,
  };
}

export const weatherTool: ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
  },
};
