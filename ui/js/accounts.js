// The accounts panel: one card per account with its state, per-model quota bars and reset
// countdowns, and the Refresh token / Disable / Enable buttons. Renders whatever /account-limits
// sends: fields a newer gateway adds (a verification link, a ban reason) are shown when present.
import { h, safeLink } from './dom.js';
import { ago, dateTime, percent, sentence, until, words } from './format.js';

const STATE_TONE = {
  active: 'ok',
  'cooling-down': 'warn',
  'needs-verification': 'warn',
  'needs-login': 'warn',
  'no-project': 'warn',
  disabled: 'off',
  banned: 'bad',
  'unsupported-client': 'bad',
};

const first = (o, ...names) => names.map((n) => o?.[n]).find((v) => v !== undefined && v !== null && v !== '');

/** The element that shows a countdown; tick() rewrites its text every second. */
function countdown(iso, prefix, fallback) {
  return h('span', { class: 'countdown', dataset: { until: iso, prefix }, title: dateTime(iso) }, `${prefix}${until(iso) ?? fallback}`);
}

export function tickCountdowns(root = document) {
  const now = Date.now();
  for (const el of root.querySelectorAll('.countdown')) el.textContent = `${el.dataset.prefix}${until(el.dataset.until, now) ?? ''}`;
}

function tone(fraction) {
  if (typeof fraction !== 'number') return 'unknown';
  if (fraction <= 0.1) return 'bad';
  if (fraction <= 0.35) return 'warn';
  return 'ok';
}

function modelRow(name, m) {
  const fraction = typeof m?.remainingFraction === 'number' ? Math.max(0, Math.min(1, m.remainingFraction)) : null;
  const state = m?.state ?? 'unknown';
  let note;
  if (state === 'cooling-down' && m.cooldownUntil) note = countdown(m.cooldownUntil, 'cooling down · ', 'soon');
  else if (m?.resetTime) note = countdown(m.resetTime, state === 'exhausted' ? 'exhausted, resets ' : 'resets ', '');
  else if (state === 'unknown') note = 'no quota data';
  const barTone = state === 'cooling-down' ? 'warn' : state === 'exhausted' ? 'bad' : tone(fraction);
  return h(
    'div',
    { class: 'model-row', dataset: { model: name } },
    h('span', { class: 'model-name', title: name }, name),
    h(
      'div',
      { class: `bar bar-${barTone}`, role: 'meter', 'aria-label': `${name} quota left`, 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': fraction === null ? undefined : Math.round(fraction * 100) },
      h('div', { class: 'bar-fill', style: { width: `${fraction === null ? 0 : (fraction * 100).toFixed(1)}%` } }),
    ),
    h('span', { class: 'model-pct' }, fraction === null ? '–' : percent(fraction)),
    h('span', { class: 'model-note muted' }, note),
  );
}

function notes(a) {
  const out = [];
  const reason = first(a, 'stateReason', 'reason');
  const link = first(a, 'link', 'verificationUrl', 'verificationLink', 'verifyUrl');
  const stateUntil = first(a, 'cooldownUntil', 'until', 'stateUntil');
  if (stateUntil) out.push(h('span', {}, countdown(stateUntil, 'Usable again ', 'soon')));
  if (reason) out.push(h('span', {}, reason));
  // Only a web address becomes a link; anything else from the server is left out.
  const anchor = link && safeLink(link, a.state === 'needs-verification' ? 'Verify this account with Google ↗' : 'Open the link Google gave ↗');
  if (anchor) out.push(h('span', {}, anchor));
  if (a.quotaError) out.push(h('span', {}, `Quota not read: ${a.quotaError}`));
  return out;
}

function accountCard(a, actions) {
  // The user's own switch shows over Google's word; the reason below still says the latter.
  const disabled = a.disabled === true;
  const state = disabled ? 'disabled' : String(a.state ?? 'unknown');
  const label = a.email ?? a.id;
  const models = Object.entries(a.models ?? {});
  const noteList = notes(a);
  return h(
    'article',
    { class: `card account account-${STATE_TONE[state] ?? 'neutral'}`, dataset: { account: label, state } },
    h(
      'div',
      { class: 'account-head' },
      h(
        'div',
        { class: 'account-title' },
        h(
          'div',
          { class: 'account-name' },
          h('span', { class: 'account-email', title: label }, label),
          h('span', { class: `badge badge-${STATE_TONE[state] ?? 'neutral'}`, 'data-testid': 'account-state' }, sentence(words(state))),
        ),
        h('div', { class: 'account-meta muted small' }, [a.flavor, a.tier].filter(Boolean).join(' · ')),
      ),
      h(
        'div',
        { class: 'account-actions' },
        h('button', { type: 'button', class: 'btn btn-small', 'aria-label': `Refresh token of ${label}`, onclick: (e) => actions.refresh(a, e.currentTarget) }, 'Refresh token'),
        h(
          'button',
          { type: 'button', class: `btn btn-small ${disabled ? 'btn-primary' : 'btn-danger'}`, 'aria-label': `${disabled ? 'Enable' : 'Disable'} ${label}`, onclick: (e) => actions.toggle(a, disabled, e.currentTarget) },
          disabled ? 'Enable' : 'Disable',
        ),
      ),
    ),
    noteList.length > 0 && h('div', { class: 'account-notes' }, noteList),
    models.length > 0 ? h('div', { class: 'models' }, models.map(([name, m]) => modelRow(name, m))) : h('p', { class: 'muted small' }, 'No models known yet.'),
    h('div', { class: 'account-foot muted small' }, `Last used ${ago(a.lastUsed)}`, a.quotaFetchedAt && ` · quota read ${ago(a.quotaFetchedAt)}`, a.projectId && ` · project ${a.projectId}`),
  );
}

export function renderAccounts(container, report, actions) {
  const accounts = Array.isArray(report?.accounts) ? report.accounts : [];
  if (accounts.length === 0) {
    container.replaceChildren(h('div', { class: 'card empty-card' }, h('p', {}, 'No accounts yet.'), h('p', { class: 'muted' }, 'Add one with ', h('code', {}, 'gateway accounts add'), '; the running gateway picks it up.')));
    return;
  }
  container.replaceChildren(...accounts.map((a) => accountCard(a, actions)));
}
