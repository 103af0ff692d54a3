import { describe, expect, it } from 'vitest';
import { guessMimeType, parseDataUrl } from './parse-data-url.js';

describe('parseDataUrl', () => {
  it('reads the type and the base64 payload, with parameters before base64', () => {
    expect(parseDataUrl('data:Image/PNG;name=a.png;base64,iVBO\nRw0=')).toEqual({ mimeType: 'image/png', data: 'iVBORw0=' });
  });

  it('refuses what is not a base64 data URL with a type', () => {
    for (const u of ['data:image/png,abc', 'data:;base64,abc', 'https://example.com/a.png']) expect(parseDataUrl(u)).toBeUndefined();
  });
});

describe('guessMimeType', () => {
  it('goes by the extension, ignoring a query or fragment', () => {
    expect(guessMimeType('https://example.com/cat.WEBP?size=2#x')).toBe('image/webp');
    expect(guessMimeType('notes.md')).toBe('text/markdown');
  });

  it('knows no type for an unknown or missing extension', () => {
    for (const n of ['a.xyz', 'README', 'a.constructor']) expect(guessMimeType(n)).toBeUndefined();
  });
});
