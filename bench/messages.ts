// What the parent and its child processes tell each other over IPC.
import type { EmulatorFaults } from '../test/emulator/faults.js';

export interface EmulatorSettings {
  latencyMs: number;
  streamChunks: number;
  chunkDelayMs: number;
  /** Gateway home to seed the accounts into. */
  home: string;
  emails: string[];
  model: string;
  /** Faults switched on in the emulator (the soak's failovers). */
  faults?: EmulatorFaults;
}

export interface EmulatorReady {
  type: 'ready';
  url: string;
  env: Record<string, string>;
  /** A bearer token the emulator accepts, for the direct and pass-through targets. */
  token: string;
  project: string;
}

/** A child that serves HTTP (pass-through, floor): where it listens. */
export interface ServerReady {
  type: 'ready';
  url: string;
}
