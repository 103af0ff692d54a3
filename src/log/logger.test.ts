import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function capture(options: Parameters<typeof createLogger>[0] = {}): { lines: string[]; log: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  return { lines, log: createLogger({ ...options, write: (l) => lines.push(l) }) };
}

const TOKEN = 'ya29.a0AfH6SMBexampleexampleexample';

describe('createLogger', () => {
  it('writes one text line: time, level, message, then the fields', () => {
    const { lines, log } = capture();
    log.info('request', { id: 'req_1', status: 200, path: '/v1/messages', extra: { a: 1 } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z INFO  request id=req_1 status=200 path=\/v1\/messages extra=\{"a":1\}$/);
  });

  it('drops lines below its level', () => {
    const { lines, log } = capture({ level: 'warn' });
    log.info('quiet');
    log.debug('quieter');
    log.error('loud');
    expect(lines).toEqual([expect.stringContaining('ERROR loud')]);
  });

  it('never writes a secret: by field name, inside values, in nested objects, in either format', () => {
    for (const format of ['text', 'json'] as const) {
      const { lines, log } = capture({ format });
      log.warn('refresh failed', {
        refresh_token: '1//0gexampleexampleexample',
        error: `401 for Bearer ${TOKEN}`,
        upstream: { headers: { authorization: `Bearer ${TOKEN}` }, body: `token ${TOKEN}` },
        note: 'client GOCSPX-abcdefghijklmnop was rejected',
        outputTokens: 12,
      });
      const text = lines.join('\n');
      expect(text).not.toContain('1//0gexample');
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain('GOCSPX-abcdef');
      expect(text).toContain('[redacted]');
      expect(text).toContain('12');
    }
  });

  it('children carry their fields, and a field given at the call wins', () => {
    const { lines, log } = capture({ format: 'json' });
    log.child({ account: 'a@example.com', model: 'x' }).info('picked', { model: 'y' });
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', msg: 'picked', account: 'a@example.com', model: 'y' });
  });
});

describe('createLogger escaping', () => {
  const hostile = 'a\nINFO  forged line\r\u0085\u2028\u2029\u001b[31m "quoted" x=y';

  it('no field, key or message can start a line of its own in text', () => {
    const { lines, log } = capture();
    log.info(`msg${hostile}`, { path: `/v1${hostile}`, [`k${hostile}`]: 1, nested: { v: hostile }, plain: '/v1/messages' });
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line).not.toMatch(/[\n\r\u0085\u2028\u2029\u001b]/);
    // Plain values stay readable; hostile ones are quoted and escaped so they read back exactly.
    expect(line).toContain(' plain=/v1/messages');
    const m = / path=("(?:[^"\\]|\\.)*")/.exec(line);
    expect(JSON.parse(m![1]!)).toBe(`/v1${hostile}`);
  });

  it('JSON lines stay one line and parse back to the same text', () => {
    const { lines, log } = capture({ format: 'json' });
    log.info(`msg${hostile}`, { path: `/v1${hostile}` });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/[\n\r\u0085\u2028\u2029\u001b]/);
    const parsed = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(parsed.path).toBe(`/v1${hostile}`);
    expect(parsed.msg).toBe(`msg${hostile}`);
  });
});

describe('createLogger time', () => {
  it('writes the time as toISOString does, to the millisecond', () => {
    const { lines, log } = capture();
    const before = Date.now();
    for (let i = 0; i < 50; i++) log.info('tick');
    const after = Date.now();
    for (const line of lines) {
      const stamp = line.slice(0, 24);
      expect(new Date(stamp).toISOString()).toBe(stamp);
      expect(Date.parse(stamp)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(stamp)).toBeLessThanOrEqual(after);
    }
  });
});
