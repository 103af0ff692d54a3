// Removes secrets from anything about to be logged or printed as --json.

const SECRET_KEY = /^(authorization|x-api-key|x-goog-api-key|api[-_]?key|cookie|set-cookie|.*token.*|.*secret.*|password|code_verifier|code)$/i;
const SECRET_TEXT = [
  /\bya29\.[\w.-]+/g, // Google access tokens
  /\b1\/\/[\w.-]{10,}/g, // Google refresh tokens
  /\bBearer\s+[\w.~+/-]+=*/gi,
  /\bGOCSPX-[\w-]+/g,
];

// One test before the four replacements: almost every logged string holds none of these markers.
const MAY_HOLD_SECRET = /ya29\.|1\/\/|bearer|GOCSPX-/i;

function redactText(text: string): string {
  if (!MAY_HOLD_SECRET.test(text)) return text;
  let out = text;
  for (const re of SECRET_TEXT) out = out.replace(re, '[redacted]');
  return out;
}

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Error) return redactText(value.message);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactEntry(k, v, depth + 1);
  return out;
}

/** Whether a field of this name holds a secret when its value is text. */
export const isSecretKey = (key: string): boolean => SECRET_KEY.test(key);

/** One named value: the whole value when its name says secret, else what redact() leaves of it. */
function redactEntry(key: string, value: unknown, depth = 0): unknown {
  // Only string values: `outputTokens: 12` is a count, not a secret.
  return SECRET_KEY.test(key) && typeof value === 'string' && value !== '' ? '[redacted]' : redact(value, depth);
}
