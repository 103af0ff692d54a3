import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { GatewayError } from '../canonical/index.js';
import { toInvalidRequest } from './anthropic/to-invalid-request.js';
import { validate } from './validate.js';

const rejection = (f: () => unknown): GatewayError => {
  try {
    f();
  } catch (e) {
    return e as GatewayError;
  }
  throw new Error('expected a rejection');
};

const Stop = z.union([z.string(), z.array(z.string())]);
const Content = z.union([z.string(), z.array(z.looseObject({ type: z.string() }))], { error: 'expected a string or an array of content parts' });
const Body = z.looseObject({ model: z.string(), stop: Stop.optional(), content: Content.optional() });

describe('the one zod-to-400 converter', () => {
  it('names the path, says what is wrong, and follows a union into the branch the client meant', () => {
    expect(rejection(() => validate(Body, {})).message).toBe("Invalid value for 'model': this field is required.");
    expect(rejection(() => validate(Body, { model: 'm', stop: 5 }))).toMatchObject({ param: 'stop', message: "Invalid value for 'stop': must be a string or array." });
    expect(rejection(() => validate(Body, { model: 'm', stop: ['a', 7] }))).toMatchObject({ param: 'stop.1', message: "Invalid value for 'stop.1': expected string, received number." });
    expect(rejection(() => validate(Content, 5, ['messages', 0, 'content'])).message).toBe(
      "Invalid value for 'messages.0.content': expected a string or an array of content parts.",
    );
    expect(rejection(() => validate(Body, 'text')).message).toBe('Invalid request body: expected object, received string.');
  });

  it('speaks each dialect in its own words', () => {
    const parsed = Body.safeParse({ model: 'm', stop: 5 });
    expect(toInvalidRequest(parsed.error!, { model: 'm', stop: 5 })).toMatchObject({ param: 'stop', message: 'stop: must be a string or array' });
    const missing = Body.safeParse({});
    expect(toInvalidRequest(missing.error!, {}).message).toBe('model: is required');
  });
});
