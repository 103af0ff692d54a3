// What `gateway setup` plans for a client before anything is written: the files it would change
// (their content now and after), or the values to paste where a client keeps its settings in an
// editor's UI rather than in a file.
import type { ModelChoice } from '../choose-models.js';

export interface SetupContext {
  /** http://127.0.0.1:8080, no /v1. */
  baseUrl: string;
  apiKey?: string;
  models: ModelChoice;
  catalog: readonly string[];
  env: NodeJS.ProcessEnv;
  /** The user's home folder (HOME / USERPROFILE). */
  userHome: string;
  platform: NodeJS.Platform;
}

export interface FileChange {
  path: string;
  /** undefined: the file does not exist yet. */
  before: string | undefined;
  after: string;
}

export interface SetupPlan {
  changes: FileChange[];
  /** What to do once it is written (how to start the client, which variable to export). */
  next: string[];
  /** Things the user should know before writing (a conflicting key left as it is). */
  warnings: string[];
}

export interface Paste {
  /** Where in the client the values go. */
  where: string;
  fields: Array<[string, string]>;
  /** A block to paste as is (Continue's config.yaml). */
  block?: string;
}

export class SetupError extends Error {
  override readonly name = 'SetupError';
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}
