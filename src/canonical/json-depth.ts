// Nesting depth of parsed JSON, measured without recursion. JSON.parse takes any depth, but
// everything after it that recurses (JSON.stringify, schema validation, sanitizing, rendering)
// overflows the stack somewhere past a few thousand levels: a request that deep is refused first.
import { invalidRequest } from './gateway-error.js';

/** Far beyond any real request (tool arguments, schemas, tool results), far below any stack limit. @internal */
export const MAX_JSON_DEPTH = 512;

interface Frame {
  value: object;
  depth: number;
  key: string | number;
  parent: Frame | undefined;
}

/** The path to the first container nested deeper than `max`, or undefined when none is. @internal */
export function tooDeepAt(value: unknown, max = MAX_JSON_DEPTH): Array<string | number> | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const stack: Frame[] = [{ value, depth: 1, key: '', parent: undefined }];
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    if (frame.depth > max) return pathOf(frame);
    const v = frame.value;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const child: unknown = v[i];
        if (child !== null && typeof child === 'object') stack.push({ value: child, depth: frame.depth + 1, key: i, parent: frame });
      }
    } else {
      for (const k in v) {
        const child: unknown = (v as Record<string, unknown>)[k];
        if (child !== null && typeof child === 'object') stack.push({ value: child, depth: frame.depth + 1, key: k, parent: frame });
      }
    }
  }
  return undefined;
}

function pathOf(frame: Frame): Array<string | number> {
  const path: Array<string | number> = [];
  for (let f: Frame | undefined = frame; f?.parent !== undefined; f = f.parent) path.push(f.key);
  return path.reverse();
}

/** `a.b.0.c…`: the first segments of a path, enough to find the place. */
function shortPath(path: ReadonlyArray<string | number>, prefix: readonly (string | number)[]): string {
  const all = [...prefix, ...path];
  const shown = all.slice(0, 12).join('.');
  return all.length > 12 ? `${shown}…` : shown;
}

/**
 * Throws a 400 naming where `value` (found at `prefix` in the request) nests too deep.
 * @example assertJsonDepth(JSON.parse(text)) // the whole body
 */
export function assertJsonDepth(value: unknown, prefix: readonly (string | number)[] = [], max = MAX_JSON_DEPTH): void {
  const at = tooDeepAt(value, max);
  if (at === undefined) return;
  const where = shortPath(at, prefix);
  const param = prefix.length > 0 ? prefix.join('.') : undefined;
  throw invalidRequest(`The request is nested more than ${max} levels deep${where ? ` at ${where}` : ''}; flatten it.`, param);
}
