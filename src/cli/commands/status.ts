import type { Command } from 'commander';
import type { CliIO } from '../context.js';

// Placeholder until the `status` command lands; main.ts registers it already.
export function register(program: Command, _io: CliIO): void {
  program.command('status').description('(not available yet)');
}
