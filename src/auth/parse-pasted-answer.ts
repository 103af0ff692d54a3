// `accounts add --no-browser`: the user pastes either the bare code or the whole redirect URL
// (the page fails to load on their machine, but the address bar holds ?code=...&state=...).
import { LoginError } from './login-error.js';

/** The authorization code in what the user pasted; checks `state` when the URL carries one. */
export function parsePastedAnswer(input: string, expectedState: string): string {
  const text = input.trim();
  if (text === '') throw new LoginError('Nothing was pasted.', 'Paste the code, or the whole address the browser ended on.');
  const looksLikeUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text.startsWith('?') || /[?&](code|error)=/.test(text);
  if (!looksLikeUrl) {
    if (/\s/.test(text)) throw new LoginError('That does not look like an authorization code.', 'Paste only the code, or the whole address.');
    return text;
  }
  const query = text.includes('?') ? text.slice(text.indexOf('?') + 1).split('#')[0]! : text;
  const params = new URLSearchParams(query);
  const error = params.get('error');
  if (error) {
    const description = params.get('error_description');
    throw new LoginError(`Google did not grant access (${error}${description ? `: ${description}` : ''}).`, 'Run `gateway accounts add` again and allow access.');
  }
  const code = params.get('code');
  if (!code) throw new LoginError('The pasted address holds no code.', 'Copy the whole address from the browser after you allowed access.');
  const state = params.get('state');
  if (state !== null && state !== expectedState) {
    throw new LoginError('The pasted address belongs to another login attempt (state does not match).', 'Use the URL printed by this run.');
  }
  return code;
}
