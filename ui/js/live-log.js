// The live request log: records from GET /ui/api/requests/stream, newest first, filtered by status.
// The stream is reconnected when it drops; the backlog it resends is recognised by request id.
import { readEvents } from './api.js';
import { $, h } from './dom.js';
import { clock, count, exact, ms, usd } from './format.js';

const KEEP = 500;
const SHOWN = 200;

const FILTERS = {
  all: () => true,
  '2xx': (s) => s >= 200 && s < 300,
  '4xx': (s) => s >= 400 && s < 500,
  '5xx': (s) => s >= 500,
  errors: (s) => s >= 400,
};

function statusTone(s) {
  if (s === 499) return 'off';
  if (s >= 500) return 'bad';
  if (s >= 400) return 'warn';
  return 'ok';
}

function row(r) {
  const model = r.modelServed && r.modelServed !== r.modelAsked ? `${r.modelAsked} → ${r.modelServed}` : r.modelAsked || r.modelServed || '–';
  const tokenDetail = [`input ${exact(r.inputTokens)}`, `output ${exact(r.outputTokens)}`, `thinking ${exact(r.thinkingTokens)}`, `cached ${exact(r.cachedTokens)}`];
  if (typeof r.costUsd === 'number') tokenDetail.push(`≈ ${usd(r.costUsd)} on the paid API`);
  const latencyDetail = [`total ${ms(r.latencyMs)}`, r.ttfbMs !== undefined && `first byte ${ms(r.ttfbMs)}`, r.streamed ? 'streamed' : 'not streamed'].filter(Boolean);
  const statusTitle = [r.errorKind, r.attempts > 1 && `${r.attempts} attempts`].filter(Boolean).join(' · ');
  return h(
    'tr',
    { dataset: { id: r.id, status: String(r.status) } },
    h('td', { class: 'mono muted', title: new Date(r.at).toLocaleString() }, clock(r.at)),
    h('td', {}, h('span', { class: `pill pill-${statusTone(r.status)}`, title: statusTitle || undefined }, String(r.status))),
    h('td', { class: 'mono' }, r.route ?? ''),
    h('td', { class: 'ellipsis', title: model }, model),
    h(
      'td',
      { class: 'ellipsis', title: [r.account, r.flavor].filter(Boolean).join(' · ') || undefined },
      r.account ?? '–',
      r.failovers > 0 && h('span', { class: 'chip chip-warn', title: `${r.failovers} failover${r.failovers > 1 ? 's' : ''}` }, `↻ ${r.failovers}`),
    ),
    h('td', { class: 'num', title: tokenDetail.join(' · ') }, `${count(r.inputTokens)} / ${count(r.outputTokens)}`),
    h('td', { class: 'num', title: latencyDetail.join(' · ') }, ms(r.latencyMs)),
    h('td', { class: 'mono muted ellipsis id-cell', title: r.id }, r.id),
  );
}

export function createLiveLog() {
  const records = [];
  const seen = new Set();
  let filter = 'all';
  let controller;
  let retryTimer;

  const render = () => {
    const pass = FILTERS[filter] ?? FILTERS.all;
    const shown = [];
    for (let i = records.length - 1; i >= 0 && shown.length < SHOWN; i--) if (pass(records[i].status)) shown.push(row(records[i]));
    $('log-body').replaceChildren(...shown);
    const empty = $('log-empty');
    empty.hidden = shown.length > 0;
    empty.textContent = records.length === 0 ? 'No requests yet. Send one to this gateway and it appears here.' : 'No request matches this filter.';
  };

  const add = (r) => {
    if (!r || typeof r.id !== 'string' || seen.has(r.id)) return false;
    seen.add(r.id);
    records.push(r);
    if (records.length > KEEP) seen.delete(records.shift().id);
    return true;
  };

  const setState = (state, text) => {
    const el = $('live-state');
    el.className = `live-dot live-${state}`;
    el.textContent = text;
    el.title = text;
  };

  const connect = async () => {
    controller = new AbortController();
    setState('wait', 'connecting');
    let backlog = true;
    try {
      await readEvents(
        '/ui/api/requests/stream',
        (name, data) => {
          if (name === 'ready') {
            backlog = false;
            setState('on', 'live');
            render();
          } else if (name === 'request' && add(data) && !backlog) {
            render();
          }
        },
        controller.signal,
      );
    } catch (e) {
      if (controller.signal.aborted) return;
      if (e.status === 401) return;
      if (e.status === 503 || e.status === 404) {
        setState('off', 'not available');
        $('log-empty').textContent = 'This gateway keeps no live request feed.';
        return;
      }
    }
    if (controller.signal.aborted) return;
    setState('wait', 'reconnecting');
    retryTimer = setTimeout(connect, 2000);
  };

  $('status-filter').addEventListener('change', (e) => {
    filter = e.target.value;
    render();
  });

  return {
    start: () => void connect(),
    stop() {
      clearTimeout(retryTimer);
      controller?.abort();
    },
  };
}
