// Child process: the emulator on its own event loop, with the benchmark's accounts seeded into a
// gateway home. Tells the parent over IPC where it listens and how to call it directly.
import { startEmulator } from '../test/emulator/server.js';
import { seedAccount } from '../test/helpers/seed-accounts.js';
import type { EmulatorReady, EmulatorSettings } from './messages.js';

const settings = JSON.parse(process.argv[2] ?? '{}') as EmulatorSettings;

const emulator = await startEmulator({
  latencyMs: settings.latencyMs,
  streamChunks: settings.streamChunks,
  chunkDelayMs: settings.chunkDelayMs,
  noRecords: true,
  ...(settings.faults ? { faults: settings.faults } : {}),
});

// Quota far in the future so no account is ever thought exhausted during the run.
const resetTime = new Date(Date.now() + 24 * 3600_000).toISOString();
for (const email of settings.emails) {
  emulator.state.addAccount(email, {
    quota: { [settings.model]: { remainingFraction: 1, resetTime, displayName: settings.model } },
  });
  await seedAccount(settings.home, emulator, email);
}

const first = emulator.state.accounts.get(settings.emails[0]!)!;
const ready: EmulatorReady = {
  type: 'ready',
  url: emulator.url,
  env: emulator.env,
  // The direct and pass-through targets call generateContent as this account would.
  token: emulator.state.issueAccessToken(first.email).token,
  project: first.projectId ?? 'bench-project',
};
process.send?.(ready);

const stop = (): void => {
  void emulator.close().finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.on('disconnect', stop);
