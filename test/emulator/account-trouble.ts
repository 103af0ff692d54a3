// Accounts Google refuses today (spec §0): a 403 VALIDATION_REQUIRED with a verification link,
// a ban, and gemini-cli's OAuth client closed to individuals (UNSUPPORTED_CLIENT). A test sets
// `account.trouble` to switch one on for that account; nothing is refused by default.
import type { Context } from 'hono';
import { FLAVOR_INFO } from '../../src/google/flavor-info.js';
import type { GoogleErrorBody } from '../../src/protocols/gemini.js';
import type { EmulatedAccount, EmulatorState } from './state.js';

export const VERIFY_URL = 'https://accounts.google.com/signin/continue?sarp=1&scc=1&plt=emulated';
export const VERIFY_TEXT = 'Verify your account';
export const LEARN_MORE_URL = 'https://support.google.com/accounts?p=al_alert';
export const VERIFY_MESSAGE = 'Verify your account to continue.';
export const UNSUPPORTED_CLIENT_MESSAGE =
  'This client is no longer supported for Gemini Code Assist for individuals. To keep using Gemini, migrate to the Antigravity suite.';

const BAN_MESSAGES = {
  tos: 'This account has been disabled for violation of Terms of Service.',
  account_disabled: 'The caller does not have permission: account_disabled',
  user_disabled: 'Permission denied: user_disabled',
} as const;

export type AccountTrouble =
  | {
      kind: 'validation-required';
      /**
       * Where Google says so: `generate` answers every generation, countTokens and quota call with a
       * 403; `load` adds an ineligibleTiers entry with validationUrl to loadCodeAssist. Default: generate.
       */
      where?: Array<'generate' | 'load'>;
      /** How the 403 carries the link: a google.rpc.Help detail (default) or ErrorInfo metadata.validation_link. */
      linkIn?: 'help' | 'metadata';
    }
  | { kind: 'banned'; wording?: keyof typeof BAN_MESSAGES }
  /** Refuses calls made with gemini-cli's OAuth client only, as Google does for personal accounts. */
  | { kind: 'unsupported-client' };

function validationError(linkIn: 'help' | 'metadata'): GoogleErrorBody {
  return {
    error: {
      code: 403,
      message: VERIFY_MESSAGE,
      status: 'PERMISSION_DENIED',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'VALIDATION_REQUIRED',
          domain: 'cloudcode-pa.googleapis.com',
          ...(linkIn === 'metadata' ? { metadata: { validation_link: VERIFY_URL } } : {}),
        },
        ...(linkIn === 'help'
          ? [
              {
                '@type': 'type.googleapis.com/google.rpc.Help',
                links: [
                  { description: VERIFY_TEXT, url: VERIFY_URL },
                  { description: 'Learn more', url: LEARN_MORE_URL },
                ],
              },
            ]
          : []),
      ],
    },
  };
}

const isGeminiCliClient = (c: Context, state: EmulatorState): boolean =>
  state.clientForAuthorization(c.req.header('authorization')) === FLAVOR_INFO['gemini-cli'].clientId;

/**
 * The refusal for a generation, countTokens or quota call of this account, if its trouble refuses
 * one; undefined lets the call through.
 */
export function refuseCall(c: Context, state: EmulatorState, account: EmulatedAccount): Response | undefined {
  const t = account.trouble;
  if (!t) return undefined;
  switch (t.kind) {
    case 'validation-required':
      if (!(t.where ?? ['generate']).includes('generate')) return undefined;
      return c.json(validationError(t.linkIn ?? 'help'), 403);
    case 'banned':
      return c.json({ error: { code: 403, message: BAN_MESSAGES[t.wording ?? 'tos'], status: 'PERMISSION_DENIED' } }, 403);
    case 'unsupported-client':
      if (!isGeminiCliClient(c, state)) return undefined;
      return c.json(
        {
          error: {
            code: 403,
            message: UNSUPPORTED_CLIENT_MESSAGE,
            status: 'PERMISSION_DENIED',
            details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'UNSUPPORTED_CLIENT', domain: 'cloudcode-pa.googleapis.com' }],
          },
        },
        403,
      );
  }
}

/** loadCodeAssist for a troubled account: a 403 for a ban, else the ineligibleTiers entries it adds. */
export function loadCodeAssistTrouble(c: Context, state: EmulatorState, account: EmulatedAccount): Response | Record<string, string>[] {
  const t = account.trouble;
  const tierId = account.tier ?? 'free-tier';
  if (!t) return [];
  switch (t.kind) {
    case 'banned':
      return refuseCall(c, state, account)!;
    case 'validation-required':
      if (!t.where?.includes('load')) return [];
      return [
        {
          tierId,
          reasonCode: 'VALIDATION_REQUIRED',
          reasonMessage: VERIFY_MESSAGE,
          validationUrl: VERIFY_URL,
          validationUrlLinkText: VERIFY_TEXT,
          validationLearnMoreUrl: LEARN_MORE_URL,
        },
      ];
    case 'unsupported-client':
      return isGeminiCliClient(c, state) ? [{ tierId, reasonCode: 'UNSUPPORTED_CLIENT', reasonMessage: UNSUPPORTED_CLIENT_MESSAGE }] : [];
  }
}
