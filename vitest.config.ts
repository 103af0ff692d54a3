import { defineConfig } from 'vitest/config';

// Two projects, run one after the other (`npm run test:unit`, `npm run test:e2e`, or both with
// `npm test`). Most of a file's cost is starting a worker and importing the code under test, so
// both run in worker threads that are reused from file to file (isolate: false: a module is
// imported once per worker). That is safe because the code keeps its state in the objects it
// creates, what a test stubs is undone after it (unstubGlobals), fake timers after each file
// (reset-between-files.ts), and nothing calls process.chdir. What does change process-wide
// state (a global HTTP proxy dispatcher) runs in `e2e-process`: one forked process per file.
//
// The e2e tests spend most of their time waiting on sockets, so they run two at a time even on
// two cores; nothing in them depends on timing.

/** Files whose subject is process-wide state, each in a process of its own. */
const PROCESS_LEVEL = ['test/e2e/cli-proxy.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    unstubGlobals: true,
    unstubEnvs: true,
    // A test that asserts nothing cannot fail: vitest fails it.
    expect: { requireAssertions: true },
    setupFiles: ['test/helpers/reset-between-files.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
          pool: 'threads',
          isolate: false,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          // The keychain test needs a D-Bus session; .ci/run runs it on its own under dbus-run-session.
          exclude: ['**/node_modules/**', 'test/keychain/**', ...PROCESS_LEVEL],
          pool: 'threads',
          isolate: false,
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e-process',
          include: PROCESS_LEVEL,
          pool: 'forks',
          isolate: true,
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
