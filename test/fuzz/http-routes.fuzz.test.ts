// Property-based fuzzing of the HTTP layer in process (app.request, a fake backend): whatever bytes
// a client posts to a generation route, the answer is a 2xx or a 4xx in that route's dialect,
// never a 5xx: the body limit, the JSON reading, the depth check and the parsers all hold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nestedJson } from '../helpers/hostile-inputs.js';
import { createInProcessApp } from '../helpers/in-process-app.js';
import { captureBody, hostileJson, mutated, params } from '../helpers/fuzz-support.js';

const ROUTES = ['/v1/messages', '/v1/messages/count_tokens', '/v1/chat/completions', '/v1/responses', '/v1beta/models/gemini-3-flash:generateContent', '/v1beta/models/gemini-3-flash:streamGenerateContent?alt=sse'];

/** Body text: JSON of anything, real requests mutated, cut-off JSON, deep nesting, plain junk. */
const bodyText: fc.Arbitrary<string> = fc.oneof(
  hostileJson.map((v) => JSON.stringify(v)),
  mutated([captureBody('claude-code-01-first-turn'), captureBody('codex-01-first-turn')]).map((v) => JSON.stringify(v)),
  fc.tuple(mutated([captureBody('claude-code-01-first-turn')]), fc.nat()).map(([v, n]) => {
    const text = JSON.stringify(v);
    return text.slice(0, n % text.length);
  }),
  fc.integer({ min: 1, max: 3000 }).map((d) => nestedJson(d)),
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
);

describe('the HTTP routes under fuzzing', async () => {
  const app = await createInProcessApp({ config: { bodyLimitBytes: 64 * 1024 } });

  it.each(ROUTES)('%s answers any body with a 2xx or a 4xx', async (route) => {
    await fc.assert(
      fc.asyncProperty(bodyText, async (body) => {
        const res = await app.request(route, { method: 'POST', headers: { 'content-type': 'application/json', host: 'localhost' }, body });
        const text = await res.text();
        expect(res.status, text.slice(0, 300)).toBeLessThan(500);
        if (res.status >= 400) expect(text).toMatch(/"message"/);
      }),
      params(60),
    );
  });
});
