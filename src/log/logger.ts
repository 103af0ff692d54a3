// A small leveled logger: one line per event, text for terminals or JSON lines, fields carried by
// child loggers. Secrets are removed by redact() before anything is written.
import { redact, redactEntry } from './redact.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const LABEL: Record<LogLevel, string> = { debug: 'DEBUG', info: 'INFO ', warn: 'WARN ', error: 'ERROR' };

export interface LoggerOptions {
  level?: LogLevel;
  format?: 'text' | 'json';
  write?: (line: string) => void;
}

export function createLogger(options: LoggerOptions = {}, base: LogFields = {}): Logger {
  const min = ORDER[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const format = options.format ?? 'text';
  const hasBase = Object.keys(base).length > 0;
  const emit = (level: LogLevel, msg: string, fields?: LogFields): void => {
    if (ORDER[level] < min) return;
    // The merged object is only built when a child logger carries fields of its own.
    const all: LogFields = hasBase ? { ...base, ...fields } : (fields ?? {});
    if (format === 'json') {
      write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...(redact(all) as LogFields) }));
      return;
    }
    let line = `${new Date().toISOString()} ${LABEL[level]} ${msg}`;
    for (const k in all) {
      const v = redactEntry(k, all[k]);
      line += ` ${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`;
    }
    write(line);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger(options, { ...base, ...fields }),
  };
}

/** A logger that drops everything (tests, benchmarks). */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};
