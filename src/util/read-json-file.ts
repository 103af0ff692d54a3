// Reading a JSON file the gateway owns (config.json, accounts.json, secrets.json).
import { readTextIfExists } from './read-text-if-exists.js';

/**
 * The parsed JSON of `path`, or `undefined` when the file does not exist (a fresh home is not an
 * error). Other read errors are thrown as they are; text that is not JSON throws `invalid()`, so
 * each caller keeps its own error class and advice.
 */
export async function readJsonFile(path: string, invalid: () => Error): Promise<unknown> {
  const text = await readTextIfExists(path);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalid();
  }
}
