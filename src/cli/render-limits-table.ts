// /account-limits?format=table and `gateway limits`: accounts × models for a terminal.
import { stripVTControlCharacters } from 'node:util';
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { assertNever } from '../canonical/index.js';
import type { AccountLimits, LimitsReport, ModelLimit } from '../pool/limits-report.js';
import { formatDuration } from '../util/format-duration.js';
import { stateWord } from './state-word.js';

export interface RenderOptions {
  color: boolean;
  /**
   * The terminal's width in columns: past it the models are wrapped into several tables, and
   * where not even one model fits beside the account, each account becomes a list.
   */
  width?: number;
  /** For tests; Date.now by default. */
  now?: number;
}

function percent(fraction: number, c: ChalkInstance): string {
  const text = `${Math.round(fraction * 100)}%`;
  if (fraction >= 0.5) return c.green(text);
  if (fraction >= 0.2) return c.yellow(text);
  return c.red(text);
}

function modelCell(m: ModelLimit | undefined, now: number, c: ChalkInstance): string {
  if (!m) return c.dim('-');
  const lines: string[] = [];
  const resetAt = m.resetTime ? Date.parse(m.resetTime) : NaN;
  const resetsIn = Number.isFinite(resetAt) && resetAt > now ? `resets in ${formatDuration(resetAt - now)}` : undefined;
  switch (m.state) {
    case 'ok':
      lines.push(m.remainingFraction === null ? 'ok' : percent(m.remainingFraction, c));
      break;
    case 'exhausted':
      lines.push(c.red('exhausted'));
      break;
    case 'cooling-down': {
      const until = m.cooldownUntil ? Date.parse(m.cooldownUntil) : now;
      lines.push(
        (m.remainingFraction === null ? '' : percent(m.remainingFraction, c) + ' ') +
          c.yellow(`cooling ${formatDuration(until - now)}`),
      );
      break;
    }
    case 'unknown':
      lines.push(c.dim('unknown'));
      break;
    default:
      return assertNever(m.state);
  }
  if (resetsIn) lines.push(c.dim(resetsIn));
  return lines.join('\n');
}

function accountCell(a: AccountLimits, now: number, c: ChalkInstance): string {
  const lines = [c.bold(a.email), [stateWord(a.state, c), a.disabled ? c.dim('disabled by you') : undefined, a.flavor, a.tier].filter(Boolean).join(' · ')];
  if (a.lastUsed) lines.push(c.dim(`used ${formatDuration(now - Date.parse(a.lastUsed))} ago`));
  if (a.quotaError) lines.push(c.red('quota unknown'));
  // The one thing the user must do, where they look first.
  if (a.stateLink) lines.push(`verify: ${c.underline(a.stateLink.url)}`);
  return lines.join('\n');
}

/** The widest line of a rendered table, in columns. */
const widthOf = (text: string): number => Math.max(...text.split('\n').map((l) => stripVTControlCharacters(l).length));

function renderList(limits: LimitsReport, models: string[], now: number, c: ChalkInstance): string {
  const pad = Math.max(...models.map((m) => m.length));
  const blocks = limits.accounts.map((a) => {
    const lines = [accountCell(a, now, c).split('\n').join(' · ')];
    for (const m of models) lines.push(`  ${m.padEnd(pad)}  ${modelCell(a.models[m], now, c).split('\n').join(' · ')}`);
    return lines.join('\n');
  });
  return blocks.join('\n\n') + '\n';
}

export function renderLimitsTable(limits: LimitsReport, options: RenderOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const now = options.now ?? Date.now();
  if (limits.accounts.length === 0) return 'No accounts yet. Run `gateway accounts add` to add one.\n';
  const models = [...new Set(limits.accounts.flatMap((a) => Object.keys(a.models)))].sort();
  const render = (some: string[]): string => {
    const table = new Table({
      head: ['Account', ...some].map((h) => (options.color ? c.cyan(h) : h)),
      style: { head: [], border: options.color ? ['grey'] : [] },
    });
    for (const a of limits.accounts) table.push([accountCell(a, now, c), ...some.map((m) => modelCell(a.models[m], now, c))]);
    return table.toString();
  };
  const whole = render(models);
  const width = options.width;
  if (width === undefined || width <= 0 || widthOf(whole) <= width || models.length === 0) return whole + '\n';
  // Wrap: as many models per table as fit beside the account column.
  const tables: string[] = [];
  let group: string[] = [];
  let last = '';
  for (const m of models) {
    const tried = render([...group, m]);
    if (widthOf(tried) <= width) {
      group.push(m);
      last = tried;
      continue;
    }
    if (group.length === 0) return renderList(limits, models, now, c);
    tables.push(last);
    group = [m];
    last = render(group);
    if (widthOf(last) > width) return renderList(limits, models, now, c);
  }
  tables.push(last);
  return tables.join('\n') + '\n';
}
