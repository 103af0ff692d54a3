// An account's state as a word or two in its colour, for `accounts list` and the limits table.
import type { ChalkInstance } from 'chalk';
import { assertNever } from '../canonical/index.js';
import type { AccountState } from '../store/types.js';

/** How a state reads in a terminal. */
export function stateWord(state: AccountState, c: ChalkInstance): string {
  switch (state) {
    case 'active':
      return c.green('active');
    case 'needs-login':
      return c.yellow('needs login');
    case 'needs-verification':
      return c.yellow('needs verification');
    case 'banned':
      return c.red('banned');
    case 'unsupported-client':
      return c.red('unsupported client');
    case 'no-project':
      return c.yellow('no project');
    default:
      return assertNever(state);
  }
}
