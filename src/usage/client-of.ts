// Which client sent a request, from its User-Agent: the name the usage ledger groups by.

/** User-Agent product names → the client name the ledger groups by; others keep their own name. */
const KNOWN_CLIENTS: Readonly<Record<string, string>> = {
  'claude-cli': 'claude-code',
  claude_code: 'claude-code',
  codex_cli_rs: 'codex',
  codex_exec: 'codex',
  codex_vscode: 'codex',
  'openai/js': 'openai-js',
  'openai/python': 'openai-python',
  'anthropic/js': 'anthropic-js',
  'anthropic/python': 'anthropic-python',
  'google-genai-sdk': 'google-genai',
  geminicli: 'gemini-cli',
  'gemini-cli': 'gemini-cli',
  opencode: 'opencode',
};

/** The last User-Agent read and its client. */
const last: { ua: string | undefined; client: string | undefined } = { ua: undefined, client: undefined };

/**
 * `claude-cli/2.0.14 (external, cli)` → `claude-code`; `OpenAI/JS 6.1.0` → `openai-js`; an
 * unknown product keeps its lower-cased name (up to 40 characters); no User-Agent: undefined.
 */
export function clientOf(userAgent: string | undefined): string | undefined {
  if (!userAgent) return undefined;
  // One client sends the same User-Agent request after request.
  if (userAgent === last.ua) return last.client;
  const client = parseClient(userAgent);
  last.ua = userAgent;
  last.client = client;
  return client;
}

function parseClient(userAgent: string): string | undefined {
  const ua = userAgent.trim().toLowerCase();
  // SDKs name themselves "OpenAI/JS 6.1.0"; the others "product/version".
  const sdk = /^(openai|anthropic)\/(js|python)\b/.exec(ua);
  if (sdk) return KNOWN_CLIENTS[`${sdk[1]}/${sdk[2]}`];
  const product = /^[a-z0-9][a-z0-9._-]{0,39}/.exec(ua)?.[0];
  if (product === undefined) return undefined;
  return KNOWN_CLIENTS[product] ?? (ua.includes('google-genai-sdk') ? 'google-genai' : product);
}
