import { describe, expect, it } from 'vitest';
import type { Dialect, DialectRoute } from '../../dialects/dialect.js';
import { buildRouteTable } from './route-table.js';

const dialect = (name: string, routes: DialectRoute[]): Dialect => ({
  name,
  routes,
  parseRequest: () => ({ model: 'm', messages: [], stream: false, requestId: 'r' }),
  encodings: { sse: { contentType: 'text/event-stream', render: async function* () {} } },
  renderResponse: () => ({}),
  renderError: (err) => ({ status: err.status, body: {} }),
  errorClaims: [],
  models: { list: () => ({}) },
});

describe('buildRouteTable', () => {
  it('tries routes on one path by priority, those with a condition before the one without', () => {
    const a = dialect('a', [{ method: 'GET', path: '/x', does: 'list-models', when: { header: 'x-a' } }]);
    const b = dialect('b', [{ method: 'GET', path: '/x', does: 'list-models', when: { query: { v: '1' } }, priority: 1 }]);
    const c = dialect('c', [{ method: 'GET', path: '/x', does: 'list-models' }]);
    const table = buildRouteTable({ dialects: [c, a, b], fallback: c });
    expect(table.groups.map((g) => [g.path, g.entries.map((e) => e.dialect.name)])).toEqual([['/x', ['b', 'a', 'c']]]);
  });

  it('registers {model}:verb paths once per prefix, verbs in declaration order, and keeps open and quiet paths', () => {
    const d = dialect('d', [
      { method: 'POST', path: '/v9/things/{model}:make', does: 'generate' },
      { method: 'POST', path: '/v9/things/{model}:count', does: 'generate' },
      { method: 'GET', path: '/v9/things/{model}', does: 'list-models' },
      { method: 'POST', path: '/ping', does: 'acknowledge', open: true, quiet: true },
    ]);
    const table = buildRouteTable({ dialects: [d], fallback: d });
    const post = table.groups.find((g) => g.method === 'POST' && g.path === '/v9/things/:model');
    expect([...(post?.verbs?.byVerb.keys() ?? [])]).toEqual(['make', 'count']);
    expect(post?.verbs?.parent).toBe('things');
    const get = table.groups.find((g) => g.method === 'GET');
    expect(get).toMatchObject({ path: '/v9/things/:model', hasModel: true });
    expect(get?.verbs).toBeUndefined();
    expect(table.openPaths.get('POST')?.has('/ping')).toBe(true);
    expect(table.openPaths.get('GET')).toBeUndefined();
    expect(table.quietPaths.has('/ping')).toBe(true);
  });

  it('refuses a {model} anywhere but the last segment, and verb and plain routes mixed on one path', () => {
    const mid = dialect('e', [{ method: 'POST', path: '/v9/{model}/make', does: 'generate' }]);
    expect(() => buildRouteTable({ dialects: [mid], fallback: mid })).toThrow(/only stand as the last segment/);
    const mixed = dialect('f', [
      { method: 'POST', path: '/v9/things/{model}:make', does: 'generate' },
      { method: 'POST', path: '/v9/things/{model}', does: 'generate' },
    ]);
    expect(() => buildRouteTable({ dialects: [mixed], fallback: mixed })).toThrow(/mixes/);
  });
});
