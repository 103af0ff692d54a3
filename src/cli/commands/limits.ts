import type { Command } from 'commander';
import type { CliIO } from '../context.js';

// Placeholder until the `limits` command lands; main.ts registers it already.
export function register(program: Command, _io: CliIO): void {
  program.command('limits').description('(not available yet)');
}
