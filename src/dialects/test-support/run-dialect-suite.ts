// The conformance suite every dialect passes (hono runs one case suite over every router): the same
// canonical event fixtures (./events/) rendered by each of its stream encodings and folded into its
// answer, with the same golden files for every dialect in the folder the dialect names:
//   <fixture>.<encoding>.txt   what the stream encoding writes, byte for byte
//   <fixture>.response.json    the folded answer (fixtures that finish)
//   <fixture>.error.json       status, headers and body of the HTTP error (fixtures that fail)
//   error-kinds.json           the rendered error of every ErrorKind
// Goldens are compared with toMatchFileSnapshot: `vitest -u` rewrites them; a missing one is written
// on a developer's run but fails under CI=true (vitest never writes snapshots in CI), so a lost
// golden cannot pass there.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkEvents, ERROR_KINDS, foldEvents, GatewayError, type CanonicalEvent, type ErrorKind } from '../../canonical/index.js';
import { collectText, readEventsFile, streamOf } from '../../../test/helpers/read-events.js';
import type { Dialect, ParseContext, RenderContext } from '../dialect.js';
import { checkDialect } from '../registry.js';

const EVENTS = new URL('./events/', import.meta.url);

/** Every shared fixture's name (`text`, `tool-calls-parallel`, ...). */
export const CONFORMANCE_FIXTURES: readonly string[] = readdirSync(EVENTS)
  .filter((f) => f.endsWith('.events.jsonl'))
  .map((f) => f.slice(0, -'.events.jsonl'.length))
  .sort();

/** A shared fixture's events; `error` lines become GatewayErrors. */
export const conformanceEvents = (name: string): CanonicalEvent[] => readEventsFile(new URL(`${name}.events.jsonl`, EVENTS));

/** The one fixture that stops without a terminal event: every encoding must still end it with an error. */
const UNFINISHED = 'ended-without-finish';

const CONFORMANCE_REQUEST_ID = 'req_conformance';
const CONFORMANCE_NOW = 1_700_000_000;
export const CONFORMANCE_MODEL = 'test-model';

export interface DialectSuiteOptions {
  /** The folder of the dialect's goldens (e.g. `new URL('./fixtures/conformance/', import.meta.url)`). */
  goldens: URL;
  /**
   * A minimal streaming request in the dialect's wire format for `CONFORMANCE_MODEL`; parsed with
   * the dialect's own parser (route: that model, streaming) into the request every fixture answers.
   */
  requestBody: unknown;
}

/** The render context every fixture is rendered with: fixed id, clock and request. */
function conformanceContext(dialect: Dialect, requestBody: unknown): RenderContext {
  const parse: ParseContext = { requestId: CONFORMANCE_REQUEST_ID, headers: {}, route: { model: CONFORMANCE_MODEL, stream: true } };
  const request = dialect.parseRequest(requestBody, parse);
  return { requestId: CONFORMANCE_REQUEST_ID, model: request.model, now: () => CONFORMANCE_NOW, request };
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * @example runDialectSuite(anthropicDialect, { goldens: new URL('./fixtures/conformance/', import.meta.url),
 *   requestBody: { model: CONFORMANCE_MODEL, max_tokens: 100, messages: [{ role: 'user', content: 'hi' }], stream: true } })
 */
export function runDialectSuite(dialect: Dialect, options: DialectSuiteOptions): void {
  const golden = (file: string): string => fileURLToPath(new URL(file, options.goldens));
  const ctx = (): RenderContext => conformanceContext(dialect, options.requestBody);
  const encodings = Object.entries(dialect.encodings);

  describe(`${dialect.name} conformance`, () => {
    it('declares routes the server can serve, and at least one encoding', () => {
      expect(checkDialect(dialect)).toEqual([]);
      expect(encodings.length).toBeGreaterThan(0);
    });

    it('reads the shared fixtures, each a well-formed stream but the unfinished one', () => {
      expect(CONFORMANCE_FIXTURES.length).toBeGreaterThanOrEqual(10);
      for (const name of CONFORMANCE_FIXTURES) expect(checkEvents(conformanceEvents(name)).length === 0, name).toBe(name !== UNFINISHED);
    });

    describe.each(encodings)('stream encoding %s', (encoding, { render }) => {
      it.each(CONFORMANCE_FIXTURES)('%s', async (name) => {
        const text = await collectText(render(streamOf(conformanceEvents(name)), ctx()));
        await expect(text).toMatchFileSnapshot(golden(`${name}.${encoding}.txt`));
      });

      it('stops pulling events after the terminal one', async () => {
        async function* thenMore(): AsyncGenerator<CanonicalEvent> {
          yield* conformanceEvents('text');
          throw new Error('pulled past the finish');
        }
        await expect(collectText(render(thenMore(), ctx()))).resolves.toContain('world');
      });
    });

    describe('folded answer', () => {
      it.each(CONFORMANCE_FIXTURES.filter((n) => n !== UNFINISHED))('%s', async (name) => {
        const events = conformanceEvents(name);
        const failure = events.at(-1)?.type === 'error';
        const folded = await foldEvents(streamOf(events)).then(
          (res) => ({ res }),
          (error: unknown) => ({ error }),
        );
        if ('res' in folded) {
          expect(failure, 'a failing stream must not fold').toBe(false);
          await expect(json(dialect.renderResponse(folded.res, ctx()))).toMatchFileSnapshot(golden(`${name}.response.json`));
          return;
        }
        expect(folded.error).toBeInstanceOf(GatewayError);
        const rendered = dialect.renderError(folded.error as GatewayError, CONFORMANCE_REQUEST_ID);
        await expect(json(rendered)).toMatchFileSnapshot(golden(`${name}.error.json`));
      });
    });

    it('renders every error kind with an error status and the message', async () => {
      const all: Record<string, unknown> = {};
      for (const kind of Object.keys(ERROR_KINDS) as ErrorKind[]) {
        const message = `The ${kind} message.`;
        const rendered = dialect.renderError(new GatewayError(kind, message, kind === 'rate_limited' ? { retryAfterMs: 1500 } : {}), CONFORMANCE_REQUEST_ID);
        expect(rendered.status).toBeGreaterThanOrEqual(400);
        expect(JSON.stringify(rendered.body)).toContain(message);
        all[kind] = rendered;
      }
      await expect(json(all)).toMatchFileSnapshot(golden('error-kinds.json'));
    });
  });
}
