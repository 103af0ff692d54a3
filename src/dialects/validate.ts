// Runs a zod schema at the edge and turns the first problem into a 400 that names its path: the one
// zod-to-400 converter of every dialect, each dialect keeping its own wording.
import type { z } from 'zod';
import { invalidRequest, type GatewayError } from '../canonical/index.js';

export type PathItem = string | number;

type Issue = z.core.$ZodIssue;

/** How a dialect words a bad field; its SDKs show the message as it is. */
export interface Wording {
  /** The problem at `param` (a dotted path). */
  at(param: string, problem: string): string;
  /** A problem with the body as a whole. */
  body(problem: string): string;
  /** The problem of a field that is missing. */
  required: string;
}

/** OpenAI's and Gemini's: `Invalid value for 'messages.1.content': this field is required.` */
const OPENAI_WORDING: Wording = {
  at: (param, problem) => `Invalid value for '${param}': ${problem}.`,
  body: (problem) => `Invalid request body: ${problem}.`,
  required: 'this field is required',
};

/** `['messages', 1, 'content']` → `messages.1.content` (the form OpenAI uses in `param`). */
const joinPath = (path: readonly PropertyKey[]): string => path.map((p) => String(p)).join('.');

/**
 * A union of `string | block[]` fails with one sub-list per branch. The branch whose failure is not
 * merely "wrong type at the root" is the one the client meant, so we descend into it; otherwise
 * the union itself is the bad field.
 */
function deepest(issue: Issue, prefix: PropertyKey[]): { path: PropertyKey[]; issue: Issue } {
  const path = [...prefix, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return { path, issue };
  const meant = issue.errors.filter((branch) => !(branch.length === 1 && branch[0]?.code === 'invalid_type' && branch[0].path.length === 0));
  const first = meant.length === 1 ? meant[0]?.[0] : undefined;
  return first ? deepest(first, path) : { path, issue };
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function expectedTypes(issue: Issue): string | undefined {
  if (issue.code !== 'invalid_union') return undefined;
  const types = issue.errors.flatMap((branch) => branch.flatMap((i) => (i.code === 'invalid_type' && i.path.length === 0 ? [i.expected] : [])));
  return types.length > 0 ? [...new Set(types)].join(' or ') : undefined;
}

/** A discriminated union that matched no member reports the values it knows. */
function knownValues(issue: Issue): string[] | undefined {
  if (issue.code !== 'invalid_union' || !('options' in issue) || !Array.isArray(issue.options)) return undefined;
  return issue.options.map(String);
}

/** zod's own words for a union that matched no branch. */
const ZOD_UNION_MESSAGE = 'Invalid input';

function describe(issue: Issue, value: unknown, wording: Wording): string {
  if (value === undefined) return wording.required;
  const known = knownValues(issue);
  if (known) return `unknown value ${JSON.stringify(value)}; expected one of ${known.join(', ')}`;
  if (issue.code === 'invalid_union') {
    // A schema's own message for its union is kept as written.
    if (issue.message !== ZOD_UNION_MESSAGE) return issue.message;
    const expected = expectedTypes(issue);
    if (expected) return `must be a ${expected}`;
  }
  // zod's own wording starts "Invalid input: ..."; the dialect's prefix already says that.
  return issue.message.replace(/^Invalid input:\s*/, '').replace('expected record', 'expected object');
}

/**
 * The 400 for a zod failure of `value`: its first problem, followed into the union branch the client
 * meant, at `prefix` + the problem's path, in the dialect's wording.
 * @example throw zodErrorToInvalidRequest(parsed.error, body, ANTHROPIC_WORDING);
 */
export function zodErrorToInvalidRequest(error: z.ZodError, value: unknown, wording: Wording, prefix: readonly PathItem[] = []): GatewayError {
  const first = error.issues[0];
  if (!first) return invalidRequest(wording.body('is invalid'));
  const { path, issue } = deepest(first, []);
  const whole = [...prefix, ...path];
  const param = joinPath(whole);
  // The body itself is never "missing": it is there and of the wrong kind. A field is.
  const problem = describe(issue, whole.length === 0 ? (value ?? null) : valueAt(value, path), wording);
  return param === '' ? invalidRequest(wording.body(problem)) : invalidRequest(wording.at(param, problem), param);
}

/**
 * Parses `value` with `schema`; on failure throws invalid_request whose message and param name
 * the full path (`prefix` + the issue's own path).
 *
 * @example validate(messageSchema, body.messages[1], ['messages', 1])
 */
export function validate<S extends z.ZodType>(schema: S, value: unknown, prefix: readonly PathItem[] = []): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw zodErrorToInvalidRequest(result.error, value, OPENAI_WORDING, prefix);
}

/** Throws the same 400 shape for problems found after schema validation. */
export function invalidAt(path: readonly PathItem[], problem: string): never {
  const param = joinPath(path);
  throw invalidRequest(OPENAI_WORDING.at(param, problem), param);
}
