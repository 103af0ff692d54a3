// The dialects a server speaks. Adding one is its folder plus one line in defaultDialects().
import { anthropicDialect } from './anthropic/index.js';
import { DEFAULT_ENCODING, type Dialect } from './dialect.js';
import { geminiDialect } from './gemini/index.js';
import { openaiChatDialect } from './openai-chat/index.js';
import { createResponsesDialect } from './openai-responses/index.js';

export interface DialectRegistry {
  readonly dialects: readonly Dialect[];
  /** Renders errors on paths no dialect claims: the gateway's own routes, unknown paths. */
  readonly fallback: Dialect;
}

/** The real dialects, new instances per call: one per server (the Responses dialect owns its response store). */
export function defaultDialects(): DialectRegistry {
  return {
    dialects: [
      anthropicDialect,
      openaiChatDialect,
      createResponsesDialect(),
      geminiDialect,
    ],
    fallback: openaiChatDialect,
  };
}

/**
 * What is wrong with a dialect's declaration: a route needs something the dialect lacks. Empty when
 * it is whole. The server refuses to start with any; the conformance suite checks it too.
 */
export function checkDialect(d: Dialect): string[] {
  const problems: string[] = [];
  for (const r of d.routes) {
    const at = `${d.name}: ${r.method} ${r.path}`;
    switch (r.does) {
      case 'generate': {
        const encoding = r.encoding ?? DEFAULT_ENCODING;
        if (d.encodings[encoding] === undefined) problems.push(`${at} streams as "${encoding}", which the dialect does not render`);
        break;
      }
      case 'count-tokens':
        if (d.countTokens === undefined) problems.push(`${at} counts tokens, but the dialect has no countTokens`);
        break;
      case 'list-models':
        if (d.models === undefined) problems.push(`${at} lists models, but the dialect has no models.list`);
        break;
      case 'get-model':
        if (d.models?.get === undefined) problems.push(`${at} describes a model, but the dialect has no models.get`);
        break;
      case 'acknowledge':
        break;
    }
    if (r.path.includes('{') && !/\/\{model\}(:[\w-]+)?$/.test(r.path)) problems.push(`${at}: {model} may only stand as the last segment, alone or before ":verb"`);
  }
  return problems;
}
