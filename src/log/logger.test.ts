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
