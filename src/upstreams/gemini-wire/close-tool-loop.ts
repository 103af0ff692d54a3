// Claude with thinking on answers 400 ("Expected `thinking` or `redacted_thinking`, but found
// `tool_use`") when the assistant turn of the tool loop in progress does not begin with its signed
// thinking. When the gateway knows no signature for that turn (a client that dropped it, a
// gateway that forgot it), the loop is closed instead: a short model turn acknowledges the tool
// results and a user turn asks it to go on, so the request is a fresh turn that Claude answers
// with thinking, seeing the results in the history. Turning thinking off for the request was the
// other remedy; it is not taken because the `-thinking` model ids may not serve a request without
// thinking at all, and the client asked for a thinking model.
import type { GeminiContent } from '../../protocols/gemini.js';

const ACKNOWLEDGED = (n: number): string => (n === 1 ? 'The tool call above has returned its result.' : `The ${n} tool calls above have returned their results.`);
const GO_ON = 'Continue.';

/** Appends the closing turns when the last model turn calls tools without signed thinking first; true when it did. */
export function closeUnsignedToolLoop(contents: GeminiContent[]): boolean {
  const last = contents[contents.length - 1];
  const model = contents[contents.length - 2];
  if (last?.role !== 'user' || model?.role !== 'model') return false;
  const results = last.parts.filter((p) => p.functionResponse).length;
  if (results === 0 || !model.parts.some((p) => p.functionCall)) return false;
  const first = model.parts[0];
  if (first?.thought === true && first.thoughtSignature) return false;
  contents.push({ role: 'model', parts: [{ text: ACKNOWLEDGED(results) }] }, { role: 'user', parts: [{ text: GO_ON }] });
  return true;
}
