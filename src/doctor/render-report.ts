// The doctor's report for a terminal: one line per check with ✔ / ! / ✖, the accounts as a table,
// then what needs the user, each with its fix.
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { formatDuration } from '../util/format-duration.js';
import type { AccountCheck, Diagnosis, DoctorReport, Level } from './report.js';

function mark(level: Level, c: ChalkInstance): string {
  switch (level) {
    case 'ok':
      return c.green('✔');
    case 'info':
      return c.cyan('·');
    case 'warn':
      return c.yellow('!');
    case 'fail':
      return c.red('✖');
  }
}

function stateText(state: Diagnosis, c: ChalkInstance): string {
  const words: Record<Diagnosis, string> = {
    ok: c.green('ok'),
    'cooling-down': c.cyan('cooling down'),
    'needs-login': c.yellow('needs login'),
    'needs-verification': c.yellow('needs verification'),
    banned: c.red('banned'),
    'unsupported-client': c.red('unsupported client'),
    'no-project': c.yellow('no project'),
    error: c.red('error'),
  };
  return words[state];
}

function accountDetail(a: AccountCheck, now: number, c: ChalkInstance): string {
  const lines: string[] = [];
  if (a.reason) lines.push(a.reason);
  // A link cut by the column would be useless: it is printed whole below the table.
  if (a.link) lines.push(c.yellow('verification link below'));
  for (const cd of a.coolingDown.slice(0, 4)) lines.push(c.dim(`${cd.model}: resting ${formatDuration(Date.parse(cd.until) - now)} (${cd.why}, until ${cd.until})`));
  if (a.coolingDown.length > 4) lines.push(c.dim(`… ${a.coolingDown.length - 4} more`));
  if (a.probe) lines.push(a.probe.ok ? c.green(`probe ok: ${a.probe.model} in ${a.probe.ms} ms`) : c.red(`probe failed on ${a.probe.model}: ${a.probe.error ?? ''}`));
  return lines.join('\n') || c.dim('-');
}

export interface RenderOptions {
  color: boolean;
  /** Terminal width; the details column wraps to fit (links are never cut). */
  width?: number;
  now?: number;
}

export function renderDoctorReport(report: DoctorReport, options: RenderOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const now = options.now ?? Date.now();
  const out: string[] = [];
  const line = (level: Level, text: string): void => void out.push(`  ${mark(level, c)} ${text}`);

  out.push(c.bold(`gateway doctor`) + c.dim(` · home ${report.home}`), '');
  out.push(c.bold('Client identity'));
  line(report.identity.level, report.identity.note);
  out.push(c.bold('Secrets'));
  line(report.keychain.level, report.keychain.detail);
  out.push(c.bold('Network'));
  const p = report.proxy;
  if (!p.configured) line('info', 'no proxy (HTTPS_PROXY / HTTP_PROXY not set)');
  else line(p.level, `proxy ${p.url}${p.reachable ? ' answers' : ` does not answer (${p.error ?? 'unknown'})`}${p.noProxy ? c.dim(` · NO_PROXY ${p.noProxy}`) : ''}`);
  for (const e of report.endpoints) {
    line(e.level, `${e.name} ${e.url} ${e.reachable ? c.dim(`reachable (HTTP ${e.status}, ${e.ms} ms)`) : `unreachable (${e.error ?? 'unknown'})`}`);
  }
  out.push(c.bold('Gateway server'));
  const s = report.server;
  line(s.level, s.running ? `running at ${s.url}${s.status ? ` (status ${s.status})` : ''}${s.error ? `: ${s.error}` : ''}` : `not running at ${s.url}${s.error ? ` (${s.error})` : ''}`);

  out.push(c.bold(`Accounts (${report.accounts.length})`));
  if (report.accounts.length === 0) {
    line('fail', 'none yet: add one with `gateway accounts add`');
  } else {
    const width = Math.max(options.width ?? 100, 80);
    const who = Math.min(40, Math.max(24, ...report.accounts.map((a) => a.email.length))) + 2;
    const table = new Table({
      head: ['', 'account', 'state', 'details'].map((h) => (options.color ? c.cyan(h) : h)),
      colWidths: [3, who, 20, Math.max(30, width - who - 20 - 3 - 5)],
      wordWrap: true,
      style: { head: [], border: options.color ? ['grey'] : [] },
    });
    for (const a of report.accounts) {
      const who = [c.bold(a.email), c.dim([a.flavor, a.tier, a.projectId].filter(Boolean).join(' · '))].join('\n');
      table.push([mark(a.level, c), who, stateText(a.state, c), accountDetail(a, now, c)]);
    }
    out.push(table.toString());
  }
  out.push('');
  if (report.ok) {
    out.push(c.green('Nothing needs you.'));
  } else {
    out.push(c.bold(c.red(`${report.needsYou.length} thing(s) need you:`)));
    for (const n of report.needsYou) out.push(`  ${c.red('✖')} ${n}`);
  }
  return out.join('\n') + '\n';
}
