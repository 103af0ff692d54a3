/** A login that did not complete, in words the user can act on. */
export class LoginError extends Error {
  override readonly name = 'LoginError';
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}
