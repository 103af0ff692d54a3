// Tool-call arguments arrive as JSON text; every consumer (dialects and foldEvents) needs an object.

/**
 * The JSON object in `json`; blank text is `{}` (a call with no arguments). Undefined when the text
 * is not JSON or not an object, so each caller decides: a 400, an upstream error, or `{}`.
 */
export function parseJsonObject(json: string): Record<string, unknown> | undefined {
  if (json.trim() === '') return {};
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return undefined;
  }
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
