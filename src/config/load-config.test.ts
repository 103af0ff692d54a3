import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config.js';

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
