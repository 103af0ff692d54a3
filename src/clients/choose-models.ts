// Which pool model each client slot gets: the names the clients would ask for by default, resolved
// through the gateway's aliases against what the running gateway serves.
import { lookupModel } from '../pool/resolve-model.js';

export interface ModelChoice {
  /** Claude Code's opus / sonnet / haiku slots. */
  opus?: string;
  sonnet?: string;
  haiku?: string;
  /** Codex, opencode and SDK users: the strongest model. */
  main?: string;
  /** Small background work (titles, summaries). */
  small?: string;
  /** gemini-cli's default. */
  gemini?: string;
}

export function chooseModels(aliases: Readonly<Record<string, string>>, catalog: ReadonlySet<string>): ModelChoice {
  const pick = (...names: string[]): string | undefined => {
    for (const n of names) {
      const found = lookupModel(n, aliases, catalog);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  const choice: ModelChoice = {};
  const set = (k: keyof ModelChoice, v: string | undefined): void => {
    if (v !== undefined) choice[k] = v;
  };
  set('opus', pick('claude-opus-4-6'));
  set('sonnet', pick('claude-sonnet-4-6'));
  set('haiku', pick('claude-haiku-4-5'));
  set('main', pick('gpt-5-codex', 'claude-sonnet-4-6', 'gemini-2.5-pro'));
  set('small', pick('gpt-5-mini', 'gemini-2.5-flash'));
  set('gemini', pick('gemini-2.5-pro', 'gemini-2.5-flash'));
  // A pool that serves something but nothing the defaults reach still gets a model.
  const first = [...catalog].sort()[0];
  for (const k of ['main', 'small', 'gemini'] as const) if (choice[k] === undefined && first !== undefined) choice[k] = first;
  return choice;
}
