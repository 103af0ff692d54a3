/** Ends the CLI with this exit code and nothing printed (`gateway run` passes its client's on). */
export class ExitCode extends Error {
  override readonly name = 'ExitCode';
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
