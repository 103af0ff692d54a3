// config.json as people write it: JSON with comments and trailing commas. Every problem is reported
// at once (syntax errors with line and column, then each invalid value); unknown keys are warned
// about with the closest known key, since a typo would otherwise be ignored without a word.
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { readTextIfExists } from '../util/read-text-if-exists.js';
import { explainHomeError } from './check-home.js';
import { ConfigError } from './config-error.js';
import { configFileSchema, type ConfigFile } from './schema.js';

function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return `line ${line}, column ${offset - start + 1}`;
}

const SYNTAX: Partial<Record<string, string>> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'a "key" was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: 'a ":" was expected',
  CommaExpected: 'a "," was expected',
  CloseBraceExpected: 'a "}" was expected',
  CloseBracketExpected: 'a "]" was expected',
  EndOfFileExpected: 'text after the end of the object',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfComment: 'a comment is not closed',
};

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** @internal */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = distance(key, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

/** The keys config.json may hold (every key of the schema, whoever added it). @internal */
export const KNOWN_KEYS: readonly string[] = Object.keys(configFileSchema.shape);

/** Parses and checks the text of config.json; throws one ConfigError listing every problem. @internal */
export function parseConfigText(text: string, path: string, warn?: (line: string) => void): ConfigFile {
  const errors: ParseError[] = [];
  const raw: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    const list = errors.map((e) => `${lineAndColumn(text, e.offset)}: ${SYNTAX[printParseErrorCode(e.error)] ?? printParseErrorCode(e.error)}`);
    throw new ConfigError(`${path} is not valid JSON (${list.join('; ')}). Fix it, or move it away to use the defaults.`);
  }
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(`${path} must hold one JSON object ({ ... }).`);
  }
  if (warn) {
    for (const key of Object.keys(raw)) {
      if (KNOWN_KEYS.includes(key)) continue;
      const near = closestKey(key, KNOWN_KEYS);
      warn(`${path}: unknown key "${key}" is ignored${near ? ` (did you mean "${near}"?)` : ''}.`);
    }
  }
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success) {
    const list = parsed.error.issues.map((i) => `${i.path.join('.') || 'root'}: ${i.message}`);
    throw new ConfigError(`${path}: ${list.join('; ')}.`);
  }
  return parsed.data;
}

/** config.json of the home, {} when there is none. */
export async function readConfigFile(path: string, home: string, warn?: (line: string) => void): Promise<ConfigFile> {
  let text: string | undefined;
  try {
    text = await readTextIfExists(path);
  } catch (e) {
    throw await explainHomeError(home, e);
  }
  return text === undefined ? {} : parseConfigText(text, path, warn);
}
