// The login for machines without a browser: print the URL, read back the code or redirect URL.
import type { Endpoints } from '../config/schema.js';
import type { Flavor } from '../google/flavors.js';
import { CALLBACK_PATH } from './loopback-login.js';
import { exchangeCode, prepareLogin, type LoginTokens } from './oauth-client.js';
import { parsePastedAnswer } from './parse-pasted-answer.js';

export interface PasteLoginOptions {
  flavor: Flavor;
  endpoints: Endpoints;
  /** The loopback port in the redirect URL; nothing listens there, the address bar is what counts. */
  port?: number;
  /** Shows the URL and resolves with what the user pasted. */
  ask: (authUrl: string) => Promise<string>;
}

const DEFAULT_PASTE_PORT = 51121;

export async function loginWithPaste(opts: PasteLoginOptions): Promise<LoginTokens> {
  const redirectUri = `http://127.0.0.1:${opts.port || DEFAULT_PASTE_PORT}${CALLBACK_PATH}`;
  const login = await prepareLogin(opts.flavor, opts.endpoints, redirectUri);
  const code = parsePastedAnswer(await opts.ask(login.authUrl), login.state);
  return exchangeCode(login, code);
}
