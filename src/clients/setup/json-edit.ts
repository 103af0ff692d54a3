// Edits a JSON / JSONC file the way a careful person would: only the keys we set change, comments,
// key order and the file's own indentation are kept (jsonc-parser's modify / applyEdits).
import { applyEdits, modify, parse, type ParseError } from 'jsonc-parser';
import { SetupError } from './types.js';

/** The file's indentation (first indented line), two spaces when it has none. */
function detectIndent(text: string): { insertSpaces: boolean; tabSize: number } {
  const m = /^([ \t]+)\S/m.exec(text);
  if (!m) return { insertSpaces: true, tabSize: 2 };
  return m[1]!.startsWith('\t') ? { insertSpaces: false, tabSize: 1 } : { insertSpaces: true, tabSize: m[1]!.length };
}

/** The parsed value of a JSONC text; a SetupError naming the file when it does not parse. */
export function readJsonc(text: string, path: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true });
  if (errors.length > 0 || typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SetupError(`${path} is not valid JSON; it was left as it is.`, 'Fix it (or move it away), then run this again.');
  }
  return value as Record<string, unknown>;
}

/** `text` with each [path, value] set; `undefined` values remove the key. */
export function setJsonValues(text: string, path: string, values: Array<[Array<string>, unknown]>): string {
  readJsonc(text, path);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let out = text.trim() === '' ? '{}' + eol : text;
  const formattingOptions = { ...detectIndent(text), eol };
  for (const [keyPath, value] of values) out = applyEdits(out, modify(out, keyPath, value, { formattingOptions }));
  return out.endsWith(eol) ? out : out + eol;
}
