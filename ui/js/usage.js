// Usage from the ledger (GET /usage): totals, requests and tokens per day, and per model and per
// account with their cost equivalent. Chart.js comes from the gateway itself (vendor/), no CDN.
// A gateway without the ledger answers 404: the panel says so and the rest of the page works.
import { api } from './api.js';
import { h } from './dom.js';
import { count, exact, ms, percent, usd } from './format.js';

const DIMENSIONS = ['day', 'model', 'account'];
const COLORS = { requests: '#6366f1', input: '#6366f1', output: '#14b8a6', tokens: '#f59e0b', cost: '#0ea5e9' };

const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** The totals as sent, or summed from the rows when a field is missing. */
function totalsOf(report) {
  const rows = Array.isArray(report?.rows) ? report.rows : [];
  const t = report?.totals ?? {};
  const sum = (f) => (typeof t[f] === 'number' ? t[f] : rows.reduce((a, r) => a + num(r[f]), 0));
  const requests = sum('requests');
  return {
    requests,
    inputTokens: sum('inputTokens'),
    outputTokens: sum('outputTokens'),
    cachedTokens: sum('cachedTokens'),
    costUsd: sum('costUsd'),
    failovers: sum('failovers'),
    errors: sum('errors'),
    p50Ms: t.p50Ms,
    p95Ms: t.p95Ms,
  };
}

function tile(label, value, detail) {
  return h('div', { class: 'card tile' }, h('div', { class: 'tile-label' }, label), h('div', { class: 'tile-value' }, value), detail && h('div', { class: 'tile-detail muted' }, detail));
}

function chartBox(height) {
  const canvas = h('canvas', {});
  return { box: h('div', { class: 'chart-box', style: { height: `${height}px` } }, canvas), canvas };
}

function breakdownTable(rows, keyLabel) {
  return h('div', { class: 'breakdown-wrap' }, h(
    'table',
    { class: 'breakdown' },
    h('thead', {}, h('tr', {}, h('th', {}, keyLabel), ['Requests', 'Tokens in / out', 'Cost equiv.', 'Errors', 'p95 latency'].map((t) => h('th', { class: 'num' }, t)))),
    h(
      'tbody',
      {},
      rows.map((r) =>
        h(
          'tr',
          {},
          h('td', { class: 'ellipsis', title: r.key }, r.key || '(none)'),
          h('td', { class: 'num' }, exact(r.requests)),
          h('td', { class: 'num', title: `input ${exact(r.inputTokens)} · output ${exact(r.outputTokens)} · cached ${exact(r.cachedTokens)}` }, `${count(r.inputTokens)} / ${count(r.outputTokens)}`),
          h('td', { class: 'num' }, usd(r.costUsd)),
          h('td', { class: 'num' }, r.errors ? exact(r.errors) : '–'),
          h('td', { class: 'num' }, ms(r.p95Ms)),
        ),
      ),
    ),
  ));
}

export function createUsage(container) {
  let since = '7d';
  let charts = [];
  let loading;

  const theme = () => {
    const css = getComputedStyle(document.documentElement);
    return { text: css.getPropertyValue('--muted').trim() || '#64748b', grid: css.getPropertyValue('--grid').trim() || '#e2e8f0' };
  };

  const draw = (canvas, config) => {
    if (typeof window.Chart !== 'function') return;
    const { text, grid } = theme();
    window.Chart.defaults.color = text;
    window.Chart.defaults.borderColor = grid;
    window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    charts.push(new window.Chart(canvas, config));
  };

  const overTime = (rows) => {
    const { box, canvas } = chartBox(260);
    draw(canvas, {
      data: {
        labels: rows.map((r) => r.key),
        datasets: [
          { type: 'bar', label: 'Requests', data: rows.map((r) => num(r.requests)), backgroundColor: COLORS.requests, borderRadius: 4, yAxisID: 'y', order: 2 },
          { type: 'line', label: 'Tokens (in + out)', data: rows.map((r) => num(r.inputTokens) + num(r.outputTokens)), borderColor: COLORS.tokens, backgroundColor: COLORS.tokens, tension: 0.3, yAxisID: 'tokens', order: 1 },
        ],
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { grid: { display: false } },
          y: { beginAtZero: true, title: { display: true, text: 'requests' }, ticks: { precision: 0 } },
          tokens: { position: 'right', beginAtZero: true, grid: { display: false }, title: { display: true, text: 'tokens' }, ticks: { callback: (v) => count(v) } },
        },
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 12 } },
          tooltip: { callbacks: { footer: (items) => `Cost equivalent ${usd(num(rows[items[0]?.dataIndex]?.costUsd))}` } },
        },
      },
    });
    return box;
  };

  const perKey = (rows) => {
    const top = [...rows].sort((a, b) => num(b.inputTokens) + num(b.outputTokens) - (num(a.inputTokens) + num(a.outputTokens))).slice(0, 12);
    const { box, canvas } = chartBox(Math.max(120, 34 * top.length + 60));
    draw(canvas, {
      type: 'bar',
      data: {
        labels: top.map((r) => r.key || '(none)'),
        datasets: [
          { label: 'Input tokens', data: top.map((r) => num(r.inputTokens)), backgroundColor: COLORS.input, borderRadius: 3 },
          { label: 'Output tokens', data: top.map((r) => num(r.outputTokens)), backgroundColor: COLORS.output, borderRadius: 3 },
        ],
      },
      options: {
        indexAxis: 'y',
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { stacked: true, beginAtZero: true, ticks: { callback: (v) => count(v), maxTicksLimit: 6, maxRotation: 0 } }, y: { stacked: true, grid: { display: false } } },
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 12 } },
          tooltip: { callbacks: { footer: (items) => { const r = top[items[0]?.dataIndex]; return r ? `${exact(r.requests)} requests · ${usd(num(r.costUsd))}` : ''; } } },
        },
      },
    });
    return box;
  };

  const breakdown = (title, report, keyLabel) => {
    const rows = Array.isArray(report?.rows) ? report.rows : [];
    return h(
      'div',
      { class: 'card chart-card', dataset: { by: report?.by ?? keyLabel.toLowerCase() } },
      h('h3', {}, title),
      rows.length === 0 ? h('p', { class: 'muted small' }, 'No requests in this period.') : [perKey(rows), breakdownTable(rows, keyLabel)],
    );
  };

  const render = ([byDay, byModel, byAccount]) => {
    for (const c of charts) c.destroy();
    charts = [];
    const t = totalsOf(byDay);
    const tokens = t.inputTokens + t.outputTokens;
    const days = Array.isArray(byDay?.rows) ? byDay.rows : [];
    container.replaceChildren(
      h(
        'div',
        { class: 'tiles' },
        tile('Requests', exact(t.requests), t.failovers ? `${exact(t.failovers)} failovers` : 'no failovers'),
        tile('Tokens', count(tokens), `${count(t.inputTokens)} in · ${count(t.outputTokens)} out · ${count(t.cachedTokens)} cached`),
        tile('Cost equivalent', usd(t.costUsd), 'at the paid API’s list prices'),
        tile('Errors', t.requests ? percent(t.errors / t.requests, 1) : '–', `${exact(t.errors)} of ${exact(t.requests)}`),
        tile('Latency p95', ms(t.p95Ms), t.p50Ms !== undefined ? `p50 ${ms(t.p50Ms)}` : undefined),
      ),
      h('div', { class: 'card chart-card', dataset: { by: 'day' } }, h('h3', {}, 'Requests and tokens per day'), days.length === 0 ? h('p', { class: 'muted small' }, 'No requests in this period.') : overTime(days)),
      h('div', { class: 'grid-2' }, breakdown('By model', byModel, 'Model'), breakdown('By account', byAccount, 'Account')),
    );
    if (typeof window.Chart !== 'function') container.prepend(h('p', { class: 'muted small' }, 'Charts could not be loaded; the numbers below are complete.'));
  };

  const message = (title, detail) => {
    for (const c of charts) c.destroy();
    charts = [];
    container.replaceChildren(h('div', { class: 'card empty-card', 'data-testid': 'usage-message' }, h('p', {}, title), detail && h('p', { class: 'muted' }, detail)));
  };

  const load = async () => {
    const mine = (loading = Symbol('load'));
    try {
      const reports = await Promise.all(DIMENSIONS.map((by) => api(`/usage?since=${encodeURIComponent(since)}&by=${by}`)));
      if (mine === loading) render(reports);
    } catch (e) {
      if (mine !== loading || e.status === 401) return;
      if (e.status === 404) message('Usage ledger not available', 'This gateway does not record usage (no /usage route). Requests still show in the live log above.');
      else message('Usage could not be read', e.message);
    }
  };

  document.getElementById('usage-range').addEventListener('click', (e) => {
    const b = e.target.closest('button[data-since]');
    if (!b) return;
    since = b.dataset.since;
    for (const x of document.querySelectorAll('#usage-range button')) x.classList.toggle('on', x === b);
    void load();
  });

  return { load };
}
