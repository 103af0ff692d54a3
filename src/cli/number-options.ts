// Parsers of the CLI's numeric flags: a bad value is a usage error (exit 2) that says what was
// expected, the same way for every command.
import { InvalidArgumentError } from 'commander';

/** The port of a running gateway (--port of status, ui, doctor). */
export const portNumber = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0 || n > 65535) throw new InvalidArgumentError('expected a port number (1-65535).');
  return n;
};

/** A port to listen on: 0 asks for any free one (start --port). */
export const listenPort = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number (0-65535).');
  return n;
};

export const wholeNumber = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number.');
  return n;
};

export const seconds = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number of seconds.');
  return n;
};
