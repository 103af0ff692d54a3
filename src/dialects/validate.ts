// Runs a zod schema at the edge and turns the first problem into a 400 that names its path.
import type { z } from 'zod';
import { invalidRequest } from '../canonical/index.js';

export type PathItem = string | number;

/** `['messages', 1, 'content']` → `messages.1.content` (the form OpenAI uses in `param`). */
export const joinPath = (path: readonly PropertyKey[]): string => path.map((p) => String(p)).join('.');

/**
 * Parses `value` with `schema`; on failure throws invalid_request whose message and param name
 * the full path (`prefix` + the issue's own path).
 *
 * @example validate(messageSchema, body.messages[1], ['messages', 1])
 */
export function validate<S extends z.ZodType>(schema: S, value: unknown, prefix: readonly PathItem[] = []): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = joinPath([...prefix, ...(issue?.path ?? [])]);
  const what = issue === undefined ? 'is invalid' : describeIssue(issue);
  throw invalidRequest(param === '' ? `Invalid request body: ${what}.` : `Invalid value for '${param}': ${what}.`, param || undefined);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) return 'this field is required';
  // zod's own wording starts "Invalid input: ..."; the prefix already says that.
  return issue.message.replace(/^Invalid input:\s*/, '');
}

/** Throws the same 400 shape for problems found after schema validation. */
export function invalidAt(path: readonly PathItem[], problem: string): never {
  const param = joinPath(path);
  throw invalidRequest(`Invalid value for '${param}': ${problem}.`, param);
}
