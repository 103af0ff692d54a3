import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    // The keychain test needs a D-Bus session; .ci/run runs it on its own under dbus-run-session.
    exclude: ['**/node_modules/**', 'test/keychain/**'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});
