// A yes/no question on a terminal (callers check that stdin is one); the answer on an empty line
// is `byDefault`, and an input that ends without a line means no.
import type { CliIO } from './context.js';

export async function askYesNo(io: CliIO, question: string, byDefault: boolean): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: io.stdin ?? process.stdin, output: io.stderr, terminal: false });
  try {
    const answer = (await rl.question(question)).trim().toLowerCase();
    return answer === '' ? byDefault : answer === 'y' || answer === 'yes';
  } catch {
    return false;
  } finally {
    rl.close();
  }
}
