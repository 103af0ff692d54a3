// Canonical tools and tool choice → Gemini functionDeclarations and toolConfig, with the
// function-name map that turns Google-safe names back into the client's.
import { invalidRequest, type ToolChoice, type ToolSpec } from '../../canonical/index.js';
import type { GeminiTool, GeminiToolConfig } from '../../protocols/gemini.js';
import { fixFunctionName, newSchemaBudget, sanitizeParameters, SchemaTooLargeError, type SchemaBudget } from './sanitize-schema.js';

export interface ToolNames {
  /** The client's name → the name sent to Google. */
  toWire(name: string): string;
  /** A name Google answered with → the client's name. */
  fromWire(name: string): string;
}

export interface BuiltTools {
  tools?: GeminiTool[];
  toolConfig?: GeminiToolConfig;
  names: ToolNames;
}

export function createToolNames(specs: readonly ToolSpec[] = []): ToolNames {
  const toWire = new Map<string, string>();
  const fromWire = new Map<string, string>();
  for (const { name } of specs) {
    if (toWire.has(name)) continue;
    let wire = fixFunctionName(name);
    for (let n = 2; fromWire.has(wire); n++) wire = `${fixFunctionName(name).slice(0, 60)}_${n}`;
    toWire.set(name, wire);
    fromWire.set(wire, name);
  }
  return {
    toWire: (name) => toWire.get(name) ?? fixFunctionName(name),
    fromWire: (name) => fromWire.get(name) ?? name,
  };
}

type FunctionDeclarations = NonNullable<GeminiTool['functionDeclarations']>;

/**
 * Sanitized declarations per tool list: every failover attempt of a request builds its body from
 * the same `req.tools` array, and sanitizing is the costly part, so it runs once per request.
 */
const declarationsOf = new WeakMap<readonly ToolSpec[], FunctionDeclarations>();

/** A schema the sanitizer gave up on is the client's problem: a 400 that names the tool. */
export function sanitizeOrRefuse<T>(what: string, param: string, sanitize: () => T): T {
  try {
    return sanitize();
  } catch (e) {
    if (e instanceof SchemaTooLargeError) throw invalidRequest(`${what} is too large to send: ${e.message}. Simplify it.`, param);
    // The sanitizer's recursion is bounded; this only keeps a bug from becoming a 500 for the client.
    if (e instanceof RangeError) throw invalidRequest(`${what} is nested too deeply to send.`, param);
    throw e;
  }
}

function declare(specs: readonly ToolSpec[], names: ToolNames): FunctionDeclarations {
  const cached = declarationsOf.get(specs);
  if (cached !== undefined) return cached;
  const budget: SchemaBudget = newSchemaBudget();
  const declarations = specs.map((t) => ({
    name: names.toWire(t.name),
    ...(t.description ? { description: t.description } : {}),
    parameters: sanitizeOrRefuse(`The input schema of tool "${t.name}"`, 'tools', () => sanitizeParameters(t.parameters, budget)),
  }));
  declarationsOf.set(specs, declarations);
  return declarations;
}

export function buildTools(specs: readonly ToolSpec[] | undefined, choice: ToolChoice | undefined): BuiltTools {
  const names = createToolNames(specs);
  if (!specs || specs.length === 0) return { names };
  const functionDeclarations = declare(specs, names);
  const built: BuiltTools = { tools: [{ functionDeclarations }], names };
  if (choice) built.toolConfig = { functionCallingConfig: callingConfig(choice, names) };
  return built;
}

function callingConfig(choice: ToolChoice, names: ToolNames): NonNullable<GeminiToolConfig['functionCallingConfig']> {
  switch (choice.type) {
    case 'auto':
      return { mode: 'AUTO' };
    case 'none':
      return { mode: 'NONE' };
    case 'required':
      return { mode: 'ANY' };
    case 'tool':
      return { mode: 'ANY', allowedFunctionNames: [names.toWire(choice.name)] };
  }
}
