import type { Command } from 'commander';
import type { CliIO } from '../context.js';

// Placeholder until the `models` command lands; main.ts registers it already.
export function register(program: Command, _io: CliIO): void {
  program.command('models').description('(not available yet)');
}
