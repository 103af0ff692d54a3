// The look of every table a CLI command prints: cyan headings and grey borders, plain without colour.
import type { ChalkInstance } from 'chalk';
import type Table from 'cli-table3';

/** A table with these headings; cli-table3 loads only when a command prints one. `compact`: no line between rows. */
export async function createTable(head: string[], color: ChalkInstance, options: { compact?: boolean } = {}): Promise<InstanceType<typeof Table>> {
  const { default: Table } = await import('cli-table3');
  const colored = color.level > 0;
  return new Table({ head, style: { head: colored ? ['cyan'] : [], border: colored ? ['grey'] : [], compact: options.compact === true } });
}
