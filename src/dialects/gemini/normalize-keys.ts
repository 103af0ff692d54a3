// Google's REST API takes proto field names in snake_case as well as camelCase (`system_instruction`,
// `inline_data`, `function_declarations`: the form curl examples use). Rename them to camelCase at the
// structural levels only; never inside args, responses or schemas, where keys are user data.

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const camel = (k: string): string => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function renameKeys(v: unknown, nested: Record<string, (x: unknown) => unknown> = {}): unknown {
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const [k, val] of Object.entries(v)) {
    const key = camel(k);
    // camelCase wins when a client sent both spellings.
    if (key !== k && key in v) continue;
    const inner = nested[key];
    out[key] = inner ? inner(val) : val;
  }
  return out;
}

const each = (f: (x: unknown) => unknown) => (v: unknown): unknown => (Array.isArray(v) ? v.map(f) : v);

const part = (v: unknown): unknown =>
  renameKeys(v, {
    inlineData: (x) => renameKeys(x),
    fileData: (x) => renameKeys(x),
    functionCall: (x) => renameKeys(x),
    functionResponse: (x) => renameKeys(x, { parts: each(part) }),
  });

const content = (v: unknown): unknown => renameKeys(v, { parts: each(part) });

/** @example normalizeKeys({system_instruction: {parts: [{text: 'x'}]}}) // {systemInstruction: ...} */
export function normalizeKeys(body: unknown): unknown {
  return renameKeys(body, {
    contents: each(content),
    systemInstruction: content,
    tools: each((t) => renameKeys(t, { functionDeclarations: each((d) => renameKeys(d)) })),
    toolConfig: (t) => renameKeys(t, { functionCallingConfig: (x) => renameKeys(x) }),
    generationConfig: (g) => renameKeys(g, { thinkingConfig: (x) => renameKeys(x) }),
    safetySettings: each((s) => renameKeys(s)),
  });
}
