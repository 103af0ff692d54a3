// Runs around every test file (vitest setupFiles). Workers are reused from file to file
// (isolate: false), so what one file switches on for the process must not reach the next: fake
// timers left on by a test that failed before restoring them would stall every timer after it.
import { afterAll, vi } from 'vitest';

afterAll(() => {
  vi.useRealTimers();
});
