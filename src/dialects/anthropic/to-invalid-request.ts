// Turns a zod failure into one invalid_request GatewayError that names the deepest bad path.
import type { z } from 'zod';
import { invalidRequest } from '../../canonical/index.js';
import type { GatewayError } from '../../canonical/index.js';

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

/**
 * A union of `string | block[]` fails with one sub-list per branch. The branch whose failure is not
 * merely "wrong type at the root" is the one the client meant, so we descend into it; otherwise
 * the union itself is the bad field.
 */
function deepest(issue: Issue, prefix: PathKey[]): { path: PathKey[]; issue: Issue } {
  const path = [...prefix, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return { path, issue };
  const meant = issue.errors.filter((branch) => !(branch.length === 1 && branch[0]?.code === 'invalid_type' && branch[0].path.length === 0));
  const first = meant.length === 1 ? meant[0]?.[0] : undefined;
  return first ? deepest(first, path) : { path, issue };
}

function valueAt(body: unknown, path: readonly PathKey[]): unknown {
  let v = body;
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

function describe(issue: Issue, value: unknown): string {
  if (value === undefined) return 'is required';
  const known = knownValues(issue);
  if (known) return `unknown value ${JSON.stringify(value)}; expected one of ${known.join(', ')}`;
  const expected = expectedTypes(issue);
  if (expected) return `must be a ${expected}`;
  return issue.message.replace(/^Invalid input: /, '').replace('expected record', 'expected object');
}

export function toInvalidRequest(error: z.ZodError, body: unknown): GatewayError {
  const first = error.issues[0];
  if (!first) return invalidRequest('The request body is invalid.');
  const { path, issue } = deepest(first, []);
  const param = path.map(String).join('.');
  if (param === '') return invalidRequest(`The request body: ${describe(issue, body ?? null)}`);
  return invalidRequest(`${param}: ${describe(issue, valueAt(body, path))}`, param);
}
