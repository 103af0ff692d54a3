// Property-based fuzzing of every client dialect's parser, and of the conversion of what it
// accepts into the upstream request (tools, schemas, contents): any body is either served or a
// 4xx that names the problem; nothing amplifies the work beyond a bound linear in the input (the
// schema sanitizer's own budget aside); memory stays bounded. See test/helpers/fuzz-support.ts for the knobs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertJsonDepth, type CanonicalRequest } from '../../src/canonical/index.js';
import { anthropicDialect } from '../../src/dialects/anthropic/index.js';
import type { Dialect, ParseContext } from '../../src/dialects/dialect.js';
import { geminiDialect } from '../../src/dialects/gemini/index.js';
import { openaiChatDialect } from '../../src/dialects/openai-chat/index.js';
import { createResponsesDialect } from '../../src/dialects/openai-responses/index.js';
import { buildCodeAssistRequest } from '../../src/upstreams/code-assist/build-request.js';
import { SCHEMA_SIZE_BUDGET } from '../../src/upstreams/gemini-wire/sanitize-schema.js';
import { captureBody, expectClientOutcome, fixtureSeeds, heapGrowth, hostileJson, MIB, mutated, params, type Json } from '../helpers/fuzz-support.js';

const dialectsDir = new URL('../../src/dialects/', import.meta.url);

interface Case {
  name: string;
  dialect: Dialect;
  seeds: Json[];
  ctx: ParseContext;
}

const ctx = (route?: ParseContext['route']): ParseContext => ({ requestId: 'req_fuzz', headers: { 'anthropic-beta': 'interleaved-thinking-2025-05-14' }, ...(route ? { route } : {}) });

const cases: Case[] = [
  {
    name: 'anthropic',
    dialect: anthropicDialect,
    seeds: [...fixtureSeeds(new URL('anthropic/fixtures/', dialectsDir)), captureBody('claude-code-02-after-tool-use')],
    ctx: ctx(),
  },
  { name: 'openai-chat', dialect: openaiChatDialect, seeds: fixtureSeeds(new URL('openai-chat/fixtures/parse/', dialectsDir)), ctx: ctx() },
  {
    name: 'openai-responses',
    dialect: createResponsesDialect({ maxStored: 16 }),
    seeds: [...fixtureSeeds(new URL('openai-responses/fixtures/parse/', dialectsDir)), captureBody('codex-01-first-turn')],
    ctx: ctx(),
  },
  { name: 'gemini', dialect: geminiDialect, seeds: fixtureSeeds(new URL('gemini/fixtures/parse/', dialectsDir)), ctx: ctx({ model: 'gemini-3-flash', stream: true }) },
];

/** What the server does with a parsed body: depth check, parse, then build the upstream request. */
function serve(c: Case, body: Json): void {
  const input = JSON.stringify(body).length;
  const req = expectClientOutcome((): CanonicalRequest => {
    assertJsonDepth(body);
    return c.dialect.parseRequest(body, c.ctx);
  });
  if (req === undefined) return;
  // Parsing never amplifies: the canonical request is at most a few times the body.
  expect(JSON.stringify(req).length).toBeLessThanOrEqual(4 * input + 4096);
  for (const model of ['gemini-3-flash', 'claude-sonnet-4-6-thinking']) {
    const built = expectClientOutcome(() =>
      buildCodeAssistRequest(req, model, { flavor: 'antigravity', projectId: 'p', antigravityVersion: '1', uuid: () => 'u' }),
    );
    if (built === undefined) continue;
    // $refs may expand, within the sanitizer's budget; everything else stays linear.
    expect(JSON.stringify(built.body).length).toBeLessThanOrEqual(8 * input + 2 * SCHEMA_SIZE_BUDGET);
  }
}

describe.each(cases)('the $name parser under fuzzing', (c) => {
  it('serves or refuses with a 4xx any mutation of a real request', () => {
    expect(c.seeds.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(mutated(c.seeds), (body) => serve(c, body)),
      params(150),
    );
  });

  it('serves or refuses with a 4xx any JSON value at all', () => {
    fc.assert(
      fc.property(hostileJson, (body) => serve(c, body)),
      params(150),
    );
  });

  it('keeps memory bounded over many bodies', async () => {
    const growth = await heapGrowth(() => {
      fc.assert(
        fc.property(mutated(c.seeds), (body) => serve(c, body)),
        params(100),
      );
    });
    // Loose on purpose: it catches a leak or an explosion (hundreds of MiB), not noise.
    expect(growth).toBeLessThan(200 * MIB);
  });
});
