import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPersistentSignatureCache, serializeSnapshot, signaturesPath } from './signature-store.js';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'signatures-'));
});
afterEach(() => rm(home, { recursive: true, force: true }));

const SIG = `EqQB${'s'.repeat(200)}`;

describe('createPersistentSignatureCache', () => {
  it('keeps signatures and the thinking they belong to across a restart, in a 0600 file', async () => {
    const path = signaturesPath(home);
    const first = createPersistentSignatureCache(path);
    await first.loaded;
    first.rememberSignature(SIG, 'claude');
    first.rememberToolCall('toolu_1', { family: 'claude', thinking: { text: 'Plan: read the file.', signature: SIG } });
    await first.close();
    expect((await stat(path)).mode & 0o777).toBe(0o600);

    const second = createPersistentSignatureCache(path);
    await second.loaded;
    expect(second.familyOf(SIG)).toBe('claude');
    expect(second.toolCall('toolu_1')).toEqual({ family: 'claude', thinking: { text: 'Plan: read the file.', signature: SIG } });
  });

  it('forgets entries older than its TTL when loading', async () => {
    let now = 1_000_000;
    const path = signaturesPath(home);
    const first = createPersistentSignatureCache(path, { now: () => now, ttlMs: 1000 });
    first.rememberToolCall('old', { family: 'gemini', signature: 'g' });
    await first.close();
    now += 2000;
    const second = createPersistentSignatureCache(path, { now: () => now, ttlMs: 1000 });
    await second.loaded;
    expect(second.toolCall('old')).toBeUndefined();
  });

  it('keeps in-memory entries over older ones from the file', async () => {
    const path = signaturesPath(home);
    const first = createPersistentSignatureCache(path);
    first.rememberToolCall('t', { family: 'claude', signature: 'from-file' });
    await first.close();
    const second = createPersistentSignatureCache(path);
    second.rememberToolCall('t', { family: 'claude', signature: 'fresh' });
    await second.loaded;
    expect(second.toolCall('t')?.signature).toBe('fresh');
  });

  it('starts empty from a damaged file, and a home it cannot write costs nothing but persistence', async () => {
    await writeFile(signaturesPath(home), '{"version":1,"toolCalls":[[');
    const damaged = createPersistentSignatureCache(signaturesPath(home));
    await damaged.loaded;
    expect(damaged.toolCall('x')).toBeUndefined();

    const nowhere = createPersistentSignatureCache(join(home, 'file-not-dir', 'x.json'));
    await writeFile(join(home, 'file-not-dir'), 'a file where a folder should be');
    nowhere.rememberSignature(SIG, 'claude');
    await expect(nowhere.close()).resolves.toBeUndefined();
    expect(nowhere.familyOf(SIG)).toBe('claude');
  });
});

describe('serializeSnapshot', () => {
  it('drops the oldest entries first to stay under its size bound', () => {
    const thinking = 'x'.repeat(1000);
    const toolCalls = Array.from({ length: 50 }, (_, i) => [`t${i}`, { family: 'claude' as const, thinking: { text: thinking, signature: SIG } }, i] as const);
    const text = serializeSnapshot({ toolCalls: toolCalls.map((t) => [...t]), signatures: [] }, 10_000);
    expect(text.length).toBeLessThanOrEqual(10_000);
    const kept = (JSON.parse(text) as { toolCalls: Array<[string]> }).toolCalls.map((t) => t[0]);
    expect(kept.length).toBeGreaterThan(3);
    expect(kept.at(-1)).toBe('t49');
    expect(kept).not.toContain('t0');
  });
});

it('reads the file it wrote', async () => {
  const path = signaturesPath(home);
  const c = createPersistentSignatureCache(path);
  c.rememberSignature(SIG, 'gemini');
  await c.flush();
  expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ version: 1 });
});
