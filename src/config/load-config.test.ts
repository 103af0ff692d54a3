import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { loadConfig } from './load-config.js';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'gateway-config-'));
});
afterEach(() => rm(home, { recursive: true, force: true }));

const withFile = (content: unknown) => writeFile(join(home, 'config.json'), JSON.stringify(content));

describe('loadConfig strategy', () => {
  it('is quota when nothing chooses', async () => {
    expect((await loadConfig({ GATEWAY_HOME: home })).strategy).toBe('quota');
  });

  it('comes from config.json, then GATEWAY_STRATEGY, then --strategy', async () => {
    await withFile({ strategy: 'sticky' });
    expect((await loadConfig({ GATEWAY_HOME: home })).strategy).toBe('sticky');
    expect((await loadConfig({ GATEWAY_HOME: home, GATEWAY_STRATEGY: 'round-robin' })).strategy).toBe('round-robin');
    expect((await loadConfig({ GATEWAY_HOME: home, GATEWAY_STRATEGY: 'round-robin' }, { strategy: 'quota' })).strategy).toBe('quota');
  });

  it('refuses an unknown strategy and names where it came from', async () => {
    await withFile({ strategy: 'fastest' });
    await expect(loadConfig({ GATEWAY_HOME: home })).rejects.toThrow(ConfigError);
    await expect(loadConfig({ GATEWAY_HOME: home })).rejects.toThrow(/config\.json: strategy/);
    await withFile({});
    await expect(loadConfig({ GATEWAY_HOME: home, GATEWAY_STRATEGY: 'fastest' })).rejects.toThrow(/GATEWAY_STRATEGY must be one of quota, round-robin, sticky/);
  });
});

describe('loadConfig client identity and output caps', () => {
  it('has no pin by default, takes one from config.json or GATEWAY_ANTIGRAVITY_VERSION, and refuses a non-version', async () => {
    const plain = await loadConfig({ GATEWAY_HOME: home });
    expect(plain.antigravityVersion).toBeUndefined();
    expect(plain.antigravityVersionUrl).toMatch(/^https:\/\/antigravity-hub-auto-updater-.*\/manifest\/latest-arm64-mac\.yml$/);
    expect(plain.antigravityAppPaths).toBeUndefined();
    await withFile({ antigravityVersion: '2.10.0', antigravityAppPaths: ['/opt/ag'] });
    expect(await loadConfig({ GATEWAY_HOME: home })).toMatchObject({ antigravityVersion: '2.10.0', antigravityAppPaths: ['/opt/ag'] });
    expect((await loadConfig({ GATEWAY_HOME: home, GATEWAY_ANTIGRAVITY_VERSION: '2.11.1' })).antigravityVersion).toBe('2.11.1');
    await expect(loadConfig({ GATEWAY_HOME: home, GATEWAY_ANTIGRAVITY_VERSION: 'latest' })).rejects.toThrow(/GATEWAY_ANTIGRAVITY_VERSION must be a version such as 2\.9\.1/);
  });

  it('reads an empty GATEWAY_ANTIGRAVITY_APP_PATHS as "look nowhere"', async () => {
    expect((await loadConfig({ GATEWAY_HOME: home, GATEWAY_ANTIGRAVITY_APP_PATHS: '' })).antigravityAppPaths).toEqual([]);
  });

  it('caps output at 16384 (Gemini) and 64000 (Claude) unless told otherwise', async () => {
    expect(await loadConfig({ GATEWAY_HOME: home })).toMatchObject({ geminiMaxOutputTokens: 16384, claudeMaxOutputTokens: 64000 });
    expect((await loadConfig({ GATEWAY_HOME: home, GATEWAY_GEMINI_MAX_OUTPUT_TOKENS: '65536' })).geminiMaxOutputTokens).toBe(65536);
    await expect(loadConfig({ GATEWAY_HOME: home, GATEWAY_CLAUDE_MAX_OUTPUT_TOKENS: '0' })).rejects.toThrow(/above 0/);
  });
});

describe('loadConfig usage ledger and prices', () => {
  it('keeps 90 days by default; config.json, then GATEWAY_USAGE_RETENTION_DAYS, choose otherwise', async () => {
    expect((await loadConfig({ GATEWAY_HOME: home })).usageRetentionDays).toBe(90);
    await withFile({ usageRetentionDays: 30 });
    expect((await loadConfig({ GATEWAY_HOME: home })).usageRetentionDays).toBe(30);
    expect((await loadConfig({ GATEWAY_HOME: home, GATEWAY_USAGE_RETENTION_DAYS: '0' })).usageRetentionDays).toBe(0);
    await expect(loadConfig({ GATEWAY_HOME: home, GATEWAY_USAGE_RETENTION_DAYS: 'forever' })).rejects.toThrow(/GATEWAY_USAGE_RETENTION_DAYS must be a whole number/);
  });

  it('reads price overrides and refuses a price that is not a number', async () => {
    await withFile({ prices: { 'my-model': { input: 1, output: 2 }, 'gemini-3-flash*': { input: 0.4, output: 2.5, cached: 0.04 } } });
    expect((await loadConfig({ GATEWAY_HOME: home })).prices).toEqual({
      'my-model': { input: 1, output: 2 },
      'gemini-3-flash*': { input: 0.4, output: 2.5, cached: 0.04 },
    });
    await withFile({ prices: { 'my-model': { input: '1', output: 2 } } });
    await expect(loadConfig({ GATEWAY_HOME: home })).rejects.toThrow(/config\.json: prices\.my-model\.input/);
  });
});

describe('loadConfig hardening knobs', () => {
  it('has laptop-sized defaults', async () => {
    const c = await loadConfig({ GATEWAY_HOME: home });
    expect(c.bodyMemoryBytes).toBe(256 * 1024 * 1024);
    expect(c.requestBudgetMs).toBe(90_000);
    expect(c.requestBudgetMs).toBeLessThan(180_000);
    expect(c.keepAliveDelayMs).toBe(2500);
    expect(c.drainMs).toBe(5000);
  });

  it('comes from config.json, then GATEWAY_* env', async () => {
    await withFile({ bodyMemoryBytes: 1000, requestBudgetMs: 2000, keepAliveDelayMs: 3000, drainMs: 4000 });
    expect(await loadConfig({ GATEWAY_HOME: home })).toMatchObject({ bodyMemoryBytes: 1000, requestBudgetMs: 2000, keepAliveDelayMs: 3000, drainMs: 4000 });
    const env = {
      GATEWAY_HOME: home,
      GATEWAY_BODY_MEMORY_BYTES: '10',
      GATEWAY_REQUEST_BUDGET_MS: '20',
      GATEWAY_KEEPALIVE_DELAY_MS: '0',
      GATEWAY_DRAIN_MS: '40',
    };
    expect(await loadConfig(env)).toMatchObject({ bodyMemoryBytes: 10, requestBudgetMs: 20, keepAliveDelayMs: 0, drainMs: 40 });
  });

  it('refuses a zero budget or memory cap, naming the variable', async () => {
    await expect(loadConfig({ GATEWAY_HOME: home, GATEWAY_REQUEST_BUDGET_MS: '0' })).rejects.toThrow(/GATEWAY_REQUEST_BUDGET_MS must be above 0/);
    await expect(loadConfig({ GATEWAY_HOME: home, GATEWAY_BODY_MEMORY_BYTES: 'lots' })).rejects.toThrow(/GATEWAY_BODY_MEMORY_BYTES must be a whole number/);
  });
});
