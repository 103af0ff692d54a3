// Issue 11 rows 1, 4 and 5 through every route, in-process over the real pool and the emulator:
// hostile schemas and deeply nested JSON are a 400 in the client's dialect that names the problem,
// quickly, never a 500 or a stalled server.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fanOutSchema, nestedJson } from '../helpers/hostile-inputs.js';
import { startInProcessGateway, type InProcessGateway } from '../helpers/in-process-app.js';

const MODEL = 'gemini-3-flash';
const DEEP = 10_000;
let gw: InProcessGateway;

beforeAll(async () => {
  gw = await startInProcessGateway();
});
afterAll(() => gw.close());
beforeEach(() => gw.emulator.state.reset());

const post = (path: string, body: string, headers: Record<string, string> = {}): Promise<Response> =>
  gw.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

const anthropic = (body: string): Promise<Response> => post('/v1/messages', body, { 'anthropic-version': '2023-06-01' });

/** A 400 whose message says what is wrong; nothing reached Google. */
async function expect400(res: Response, message: RegExp): Promise<string> {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBe(400);
  expect(text).toMatch(message);
  expect(gw.emulator.state.calls('streamGenerateContent')).toEqual([]);
  return text;
}

describe('deep nesting is refused before anything recurses (row 4)', () => {
  it('Anthropic tool_use.input', async () => {
    const body = `{"model":"${MODEL}","max_tokens":10,"messages":[{"role":"user","content":"x"},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"f","input":${nestedJson(DEEP)}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"ok"}]}]}`;
    const text = await expect400(await anthropic(body), /nested more than \d+ levels deep/);
    expect(JSON.parse(text)).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(text).toContain('messages.1.content.0.input');
  });

  it('OpenAI tool-call arguments (a JSON string inside the body)', async () => {
    const args = JSON.stringify(nestedJson(DEEP));
    const body = `{"model":"${MODEL}","messages":[{"role":"user","content":"x"},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":${args}}}]},{"role":"tool","tool_call_id":"c1","content":"ok"}]}`;
    const text = await expect400(await post('/v1/chat/completions', body), /nested more than \d+ levels deep/);
    expect(JSON.parse(text)).toMatchObject({ error: { type: 'invalid_request_error', param: 'messages.1.tool_calls.0.function.arguments' } });
  });

  it('Responses function_call arguments', async () => {
    const args = JSON.stringify(nestedJson(DEEP));
    const body = `{"model":"${MODEL}","input":[{"type":"function_call","call_id":"c1","name":"f","arguments":${args}},{"type":"function_call_output","call_id":"c1","output":"ok"}]}`;
    await expect400(await post('/v1/responses', body), /nested more than \d+ levels deep/);
  });

  it('Gemini functionResponse', async () => {
    const body = `{"contents":[{"role":"user","parts":[{"text":"x"}]},{"role":"model","parts":[{"functionCall":{"name":"f","args":{}}}]},{"role":"user","parts":[{"functionResponse":{"name":"f","response":${nestedJson(DEEP)}}}]}]}`;
    const text = await expect400(await post(`/v1beta/models/${MODEL}:generateContent`, body), /nested more than \d+ levels deep/);
    expect(JSON.parse(text)).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT' } });
  });

  it('an OpenAI json_schema response format', async () => {
    const schema = '{"type":"object","properties":{"a":'.repeat(DEEP) + '{"type":"string"}' + '}}'.repeat(DEEP);
    const body = `{"model":"${MODEL}","messages":[{"role":"user","content":"x"}],"response_format":{"type":"json_schema","json_schema":{"name":"s","schema":${schema}}}}`;
    await expect400(await post('/v1/chat/completions', body), /nested more than \d+ levels deep/);
  });
});

describe('hostile tool schemas (rows 1, 5)', () => {
  const withTool = (schema: unknown): string =>
    JSON.stringify({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'x' }], tools: [{ name: 'mcp__x__fan', description: 'd', input_schema: schema }] });

  it('a $ref fan-out is a 400 naming the tool, and /health keeps answering meanwhile', async () => {
    const [res, health] = await Promise.all([anthropic(withTool(fanOutSchema(21))), gw.request('/health')]);
    expect(health.status).toBe(200);
    const text = await expect400(res, /tool \\"mcp__x__fan\\".*too large/);
    expect(JSON.parse(text)).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });

  it.each([
    ['{"$ref":"#/%"}', { $ref: '#/%' }],
    ['an allOf that refers to itself', { type: 'object', allOf: [{ $ref: '#' }], properties: { a: { type: 'string' } } }],
  ])('%s is served, not a 500', async (_name, schema) => {
    const res = await anthropic(withTool(schema));
    expect(res.status, await res.clone().text()).toBe(200);
    const sent = gw.emulator.state.calls('streamGenerateContent').at(-1)?.body as { request: { tools: Array<{ functionDeclarations: Array<{ parameters: { type: string } }> }> } };
    expect(sent.request.tools[0]?.functionDeclarations[0]?.parameters.type).toBe('OBJECT');
  });
});
