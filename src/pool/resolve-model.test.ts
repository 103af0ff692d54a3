import { describe, expect, it } from 'vitest';
import { GatewayError } from '../canonical/index.js';
import { DEFAULT_ALIASES } from '../config/defaults.js';
import { lookupModel, resolveModel, servedAliases } from './resolve-model.js';

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

describe('the default aliases', () => {
  const antigravity = new Set(['claude-sonnet-4-6', 'claude-opus-4-6-thinking', 'gemini-3-flash', 'gemini-3.1-pro-low', 'gemini-3.1-pro-high']);
  const geminiCli = new Set(['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-2.5-flash-lite', 'gemini-3-pro-preview', 'gemini-3-flash-preview']);
  const table: Array<[string, string | undefined, string | undefined]> = [
    // name, on an Antigravity pool, on a gemini-cli pool
    ['gpt-5-codex', 'gemini-3.1-pro-high', 'gemini-3-pro-preview'],
    ['gpt-5.1-codex-max', 'gemini-3.1-pro-high', 'gemini-3-pro-preview'],
    ['gpt-5-codex-mini', 'gemini-3-flash', 'gemini-3-flash-preview'],
    ['gpt-5', 'gemini-3.1-pro-high', 'gemini-3-pro-preview'],
    ['gpt-4o', 'gemini-3.1-pro-high', 'gemini-3-pro-preview'],
    ['gpt-4o-mini', 'gemini-3-flash', 'gemini-3-flash-preview'],
    ['gpt-4.1-nano', 'gemini-3-flash', 'gemini-3-flash-preview'],
    ['o3', 'gemini-3.1-pro-high', 'gemini-3-pro-preview'],
    ['o4-mini', 'gemini-3-flash', 'gemini-3-flash-preview'],
    ['gemini-2.5-pro', 'gemini-3.1-pro-high', 'gemini-2.5-pro'],
    ['gemini-3-pro-preview', 'gemini-3.1-pro-high', 'gemini-3-pro-preview'],
    ['gemini-3.1-pro-preview', 'gemini-3.1-pro-high', 'gemini-3-pro-preview'],
    ['gemini-3.1-pro-high', 'gemini-3.1-pro-high', 'gemini-3-pro-preview'],
    ['gemini-2.5-flash', 'gemini-3-flash', 'gemini-2.5-flash'],
    ['gemini-2.5-flash-lite', 'gemini-3-flash', 'gemini-2.5-flash-lite'],
    ['gemini-3-flash', 'gemini-3-flash', 'gemini-3-flash-preview'],
    ['gemini-flash-latest', 'gemini-3-flash', 'gemini-3-flash-preview'],
    ['claude-haiku-4-5-20251001', 'gemini-3-flash', 'gemini-3-flash-preview'],
    ['claude-sonnet-4-5', 'claude-sonnet-4-6', undefined],
    ['llama-3', undefined, undefined],
  ];
  it.each(table)('%s → %s (Antigravity) / %s (gemini-cli)', (name, onAntigravity, onGeminiCli) => {
    expect(lookupModel(name, DEFAULT_ALIASES, antigravity)).toBe(onAntigravity);
    expect(lookupModel(name, DEFAULT_ALIASES, geminiCli)).toBe(onGeminiCli);
  });

  it('stops on alias cycles', () => {
    expect(lookupModel('a', { a: 'b', b: 'a', 'x*': 'a' }, new Set(['c']))).toBeUndefined();
  });

  it('lists the aliases that lead somewhere, with the model they reach', () => {
    const list = servedAliases(DEFAULT_ALIASES, geminiCli);
    expect(list).toContainEqual({ alias: 'gpt-5*', model: 'gemini-3-pro-preview' });
    expect(list).toContainEqual({ alias: 'gemini-3-flash', model: 'gemini-3-flash-preview' });
    expect(list.find((a) => a.alias === 'claude-sonnet-4-5')).toBeUndefined();
    expect(list.find((a) => a.alias === 'gemini-2.5-flash-lite')).toBeUndefined();
  });
});
