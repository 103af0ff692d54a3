// A local token count for when Google will not count (Antigravity's countTokens answers 400 for
// Claude models: shared/spec/google-upstream.md §0). Clients use the number to decide when to
// compact a conversation, so it errs on the high side rather than the low.
import type { CanonicalRequest, Part } from '../../canonical/index.js';
import type { ModelFamily } from '../gemini-wire/model-family.js';

/** Characters per token: Claude's tokenizer averages about 3.5 on English and code; Gemini's about 4. */
const CHARS_PER_TOKEN: Record<ModelFamily, number> = { claude: 3.5, gemini: 4 };
/** What one image costs: Claude about 1,600 tokens for a screenshot-sized image, Gemini 258. */
const IMAGE_TOKENS: Record<ModelFamily, number> = { claude: 1600, gemini: 258 };
/** Per message and per tool: role markers and framing. */
const OVERHEAD = 4;

function partChars(p: Part, family: ModelFamily, images: { n: number }): number {
  switch (p.type) {
    case 'text':
    case 'thinking':
      return p.text.length;
    case 'image':
      images.n++;
      return 0;
    case 'tool-call':
      return p.name.length + JSON.stringify(p.input).length;
    case 'tool-result':
      return p.content.reduce((n, c) => n + partChars(c, family, images), 0);
  }
}

export function estimateTokens(req: CanonicalRequest, family: ModelFamily): number {
  const images = { n: 0 };
  let chars = req.system?.length ?? 0;
  let overhead = 0;
  for (const m of req.messages) {
    overhead += OVERHEAD;
    for (const p of m.parts) chars += partChars(p, family, images);
  }
  for (const t of req.tools ?? []) {
    overhead += OVERHEAD;
    chars += JSON.stringify(t).length;
  }
  return Math.ceil(chars / CHARS_PER_TOKEN[family]) + images.n * IMAGE_TOKENS[family] + overhead;
}
