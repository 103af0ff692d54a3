import { describe, expect, it } from 'vitest';
import { bodyMemoryFull, createBodyMemory } from './body-memory.js';

describe('createBodyMemory', () => {
  it('counts reservations up to the cap and frees them', () => {
    const m = createBodyMemory(100);
    expect(m.tryReserve(60)).toBe(true);
    expect(m.tryReserve(50)).toBe(false);
    expect(m.inUse()).toBe(60);
    m.release(60);
    expect(m.tryReserve(50)).toBe(true);
  });

  it('lets one body bigger than the whole cap through when nothing else is held', () => {
    const m = createBodyMemory(100);
    expect(m.tryReserve(150)).toBe(true);
    expect(m.tryReserve(1)).toBe(false);
  });

  it('refuses with a 503 that says when to retry and which knob sets the cap', () => {
    const err = bodyMemoryFull(createBodyMemory(256 * 1024 * 1024));
    expect(err.status).toBe(503);
    expect(err.retryAfterMs).toBeGreaterThan(0);
    expect(err.message).toMatch(/GATEWAY_BODY_MEMORY_BYTES.*256 MiB/);
  });
});
