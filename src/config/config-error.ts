/** config.json, an environment variable or a flag has a value the gateway cannot use; the message says which. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
