// Canonical tools and tool choice → Gemini functionDeclarations and toolConfig, with the
// function-name map that turns Google-safe names back into the client's.
import type { ToolChoice, ToolSpec } from '../../canonical/index.js';
import type { GeminiTool, GeminiToolConfig } from '../../protocols/gemini.js';
import { fixFunctionName, sanitizeParameters } from './sanitize-schema.js';

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

export function buildTools(specs: readonly ToolSpec[] | undefined, choice: ToolChoice | undefined): BuiltTools {
  const names = createToolNames(specs);
  if (!specs || specs.length === 0) return { names };
  const functionDeclarations = specs.map((t) => ({
    name: names.toWire(t.name),
    ...(t.description ? { description: t.description } : {}),
    parameters: sanitizeParameters(t.parameters),
  }));
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
