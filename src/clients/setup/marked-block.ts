// Our own block in a file whose format has no editing library we trust to keep comments (TOML,
// .env): delimited by marker comments, replaced or removed whole, everything outside it untouched.

const START = '# >>> gateway';
const END = '# <<< gateway';

export function blockOf(text: string): { start: number; end: number } | undefined {
  const start = text.indexOf(`${START}`);
  if (start === -1 || (start > 0 && text[start - 1] !== '\n')) return undefined;
  const endAt = text.indexOf(END, start);
  if (endAt === -1) return undefined;
  const lineEnd = text.indexOf('\n', endAt);
  return { start, end: lineEnd === -1 ? text.length : lineEnd + 1 };
}

/** The text without our block (outside text as it was). */
export function withoutBlock(text: string): string {
  const b = blockOf(text);
  return b ? text.slice(0, b.start) + text.slice(b.end) : text;
}

/**
 * `text` with our block holding `body`: in place of the old block, or appended after one blank
 * line. `what` names the command in the marker so a reader knows where the lines came from.
 */
export function putBlock(text: string, body: string, what: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const block = [`${START}: written by \`${what}\`; \`${what} --undo\` takes it out`, ...body.trimEnd().split('\n'), END].join(eol) + eol;
  const b = blockOf(text);
  if (b) return text.slice(0, b.start) + block + text.slice(b.end);
  if (text === '') return block;
  const sep = text.endsWith(eol + eol) ? '' : text.endsWith(eol) ? eol : eol + eol;
  return text + sep + block;
}
