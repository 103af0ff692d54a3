import { describe, expect, it } from 'vitest';
import { parseJsonObject } from './parse-json-object.js';

describe('parseJsonObject', () => {
  it('parses an object and reads blank text as no arguments', () => {
    expect(parseJsonObject('{"city":"Paris"}')).toEqual({ city: 'Paris' });
    expect(parseJsonObject('')).toEqual({});
    expect(parseJsonObject('  ')).toEqual({});
  });

  it('gives undefined for text that is not JSON or not an object', () => {
    for (const t of ['{"city":', 'null', '[1]', '"x"', '3']) expect(parseJsonObject(t)).toBeUndefined();
  });
});
