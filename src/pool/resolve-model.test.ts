import { describe, expect, it } from 'vitest';
import { GatewayError } from '../canonical/index.js';
import { lookupModel, resolveModel } from './resolve-model.js';

const catalog = new Set(['claude-sonnet-4-6', 'claude-opus-4-6-thinking', 'gemini-3-flash']);
const aliases = {
  'claude-sonnet-4-5': 'claude-sonnet-4-6',
  'claude-haiku-4-5': 'gemini-3-flash',
  'gpt-x': 'not-served',
  'claude-opus-*': 'claude-opus-4-6-thinking',
  'claude-*': 'claude-sonnet-4-6',
  'x.*': 'gemini-3-flash',
};

describe('lookupModel', () => {
  const table: Array<[string, string | undefined]> = [
    ['claude-sonnet-4-6', 'claude-sonnet-4-6'],
    ['models/gemini-3-flash', 'gemini-3-flash'],
    ['claude-sonnet-4-5', 'claude-sonnet-4-6'],
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-6'],
    ['claude-sonnet-4-5[1m]', 'claude-sonnet-4-6'],
    ['claude-haiku-4-5-20251001', 'gemini-3-flash'],
    ['claude-opus-5-5', 'claude-opus-4-6-thinking'],
    ['claude-opus-5-5[1m]', 'claude-opus-4-6-thinking'],
    ['claude-fable-9', 'claude-sonnet-4-6'],
    ['x.y', 'gemini-3-flash'],
    ['xzy', undefined],
    ['gpt-x', undefined],
    ['nope', undefined],
  ];
  it.each(table)('%s → %s', (name, expected) => {
    expect(lookupModel(name, aliases, catalog)).toBe(expected);
  });
});

describe('resolveModel', () => {
  it('names the model and lists the available ones', () => {
    let e: unknown;
    try {
      resolveModel('gpt-x', aliases, catalog);
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(GatewayError);
    const g = e as GatewayError;
    expect(g.kind).toBe('not_found');
    expect(g.message).toContain('"gpt-x"');
    expect(g.message).toContain('not-served');
    expect(g.message).toContain('claude-opus-4-6-thinking, claude-sonnet-4-6, gemini-3-flash');
  });
});
