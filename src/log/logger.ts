// A small leveled logger: one line per event, text for terminals or JSON lines, fields carried by
// child loggers. Secrets are removed by redact() before anything is written.
import { isSecretKey, redact } from './redact.js';

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
  // What JSON.stringify writes for a finite number, without the call and the escape test.
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return safeJson(v);
}

/**
 * ` key=` as a text line writes it, and whether the key names a secret: the access log asks the
 * same dozen keys for every request. Keys are a program's vocabulary, but a bound keeps a
 * caller's odd keys from growing it.
 */
const keyCache = new Map<string, { text: string; secret: boolean }>();
const KEY_CACHE_MAX = 512;

function keyInfo(k: string): { text: string; secret: boolean } {
  let info = keyCache.get(k);
  if (info === undefined) {
    info = { text: ` ${BARE_KEY.test(k) ? k : safeJson(k)}=`, secret: isSecretKey(k) };
    if (keyCache.size < KEY_CACHE_MAX) keyCache.set(k, info);
  }
  return info;
}

// The time at the head of a line: toISOString once per second, the milliseconds appended, and
// the text kept for the lines of the same millisecond.
let stampMs = -1;
let stampText = '';
let secondMs = -1;
let secondText = '';
function timestamp(): string {
  const now = Date.now();
  if (now === stampMs) return stampText;
  stampMs = now;
  const ms = now % 1000;
  if (now - ms !== secondMs || ms < 0) {
    secondMs = now - ms;
    // `2026-12-01T17:00:00.` (the ISO form up to the milliseconds).
    secondText = new Date(secondMs).toISOString().slice(0, 20);
  }
  stampText = ms < 0 ? new Date(now).toISOString() : `${secondText}${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z`;
  return stampText;
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
    let line = `${timestamp()} ${LABEL[level]} ${UNSAFE.test(msg) ? msg.replace(UNSAFE_ALL, escapeChar) : msg}`;
    for (const k in all) {
      const key = keyInfo(k);
      const v = all[k];
      // What redactEntry does, with the key's verdict cached.
      line += key.text + textValue(key.secret && typeof v === 'string' && v !== '' ? '[redacted]' : redact(v));
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
