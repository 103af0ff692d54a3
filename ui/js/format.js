// Numbers, durations and times as people read them.

const nf = new Intl.NumberFormat(undefined);

/** 1,234 · 12.3k · 920k · 4.3M: three significant digits at most, no trailing ".0". */
export function count(n) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '–';
  const short = (v, unit) => `${v.toFixed(v < 100 ? 1 : 0).replace(/\.0$/, '')}${unit}`;
  const a = Math.abs(n);
  if (a >= 1e9) return short(n / 1e9, 'B');
  if (a >= 1e6) return short(n / 1e6, 'M');
  if (a >= 1e4) return short(n / 1e3, 'k');
  return nf.format(n);
}

export function exact(n) {
  return typeof n === 'number' && Number.isFinite(n) ? nf.format(n) : '–';
}

export function usd(n) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '–';
  if (n > 0 && n < 0.01) return '< $0.01';
  return `$${n.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function percent(fraction, digits = 0) {
  if (typeof fraction !== 'number' || !Number.isFinite(fraction)) return '–';
  return `${(fraction * 100).toFixed(digits)}%`;
}

export function ms(n) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '–';
  if (n < 1000) return `${Math.round(n)} ms`;
  if (n < 60_000) return `${(n / 1000).toFixed(n < 10_000 ? 2 : 1)} s`;
  return duration(n);
}

/** 3h 05m, 12m 40s, 45s */
function duration(msLeft) {
  const s = Math.max(0, Math.round(msLeft / 1000));
  const d = Math.floor(s / 86400);
  const hh = Math.floor((s % 86400) / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  if (d > 0) return `${d}d ${hh}h`;
  if (hh > 0) return `${hh}h ${String(mm).padStart(2, '0')}m`;
  if (mm > 0) return `${mm}m ${String(ss).padStart(2, '0')}s`;
  return `${ss}s`;
}

/** "in 3h 05m" for a future ISO time, "now" once passed; undefined for no time. */
export function until(iso, now = Date.now()) {
  const t = Date.parse(iso ?? '');
  if (Number.isNaN(t)) return undefined;
  return t <= now ? 'now' : `in ${duration(t - now)}`;
}

export function ago(iso, now = Date.now()) {
  const t = typeof iso === 'number' ? iso : Date.parse(iso ?? '');
  if (Number.isNaN(t)) return 'never';
  const d = now - t;
  if (d < 5000) return 'just now';
  return `${duration(d)} ago`;
}

export function clock(msEpoch) {
  return new Date(msEpoch).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function dateTime(iso) {
  const t = Date.parse(iso ?? '');
  return Number.isNaN(t) ? '' : new Date(t).toLocaleString();
}

/** 'needs-verification' → 'needs verification' */
export const words = (s) => String(s).replace(/[-_]+/g, ' ');

/** 'needs verification' → 'Needs verification' */
export const sentence = (s) => (s ? s[0].toUpperCase() + s.slice(1) : s);
