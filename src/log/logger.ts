// A small leveled logger: one line per event, text for terminals or JSON lines, fields carried by
// child loggers. Secrets are removed by redact() before anything is written.
import { redact, redactEntry } from './redact.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

// Functions, not methods: a level is picked and called unbound (`(quiet ? log.debug : log.info)(...)`).
export interface Logger {
  debug: (msg: string, fields?: LogFields) => void;
  info: (msg: string, fields?: LogFields) => void;
  warn: (msg: string, fields?: LogFields) => void;
  error: (msg: string, fields?: LogFields) => void;
  child: (fields: LogFields) => Logger;
}

// What no log line may carry raw: C0 and C1 controls (newlines, ANSI escapes), DEL and Unicode's
// line and paragraph separators. A request path or a Google message could otherwise forge a line.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const UNSAFE_ALL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
// A text value is written bare only when it cannot be mistaken for more than one value.
const BARE = /^[^\s"=\\\u0000-\u001f\u007f-\u009f\u2028\u2029]+$/;
const BARE_KEY = /^[\w.-]+$/;

const escapeChar = (ch: string): string => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** JSON.stringify leaves C1 controls and U+2028/9 raw; those are escaped too. */
function safeJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, escapeChar) : text;
}

/** A text-format value: bare when plain, else a JSON string (quoted, every control escaped). */
function textValue(v: unknown): string {
  if (typeof v === 'string') return BARE.test(v) ? v : safeJson(v);
  return safeJson(v);
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
      write(safeJson({ time: new Date().toISOString(), level, msg, ...(redact(all) as LogFields) }));
      return;
    }
    // The message is ours and may have spaces; only what could break the line is escaped in it.
    let line = `${new Date().toISOString()} ${LABEL[level]} ${UNSAFE.test(msg) ? msg.replace(UNSAFE_ALL, escapeChar) : msg}`;
    for (const k in all) {
      line += ` ${BARE_KEY.test(k) ? k : safeJson(k)}=${textValue(redactEntry(k, all[k]))}`;
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
