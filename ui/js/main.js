// The dashboard's start: sign in (a one-time code from `gateway ui`, the key this tab kept, or the
// key prompt), then the accounts, the live log and the usage panels. Without a working key the
// page shows the prompt and asks the server for nothing else.
import { renderAccounts, tickCountdowns } from './accounts.js';
import { api, forgetKey, storeKey, storedKey, whenUnauthorized } from './api.js';
import { $, h, toast } from './dom.js';
import { ago, sentence, words } from './format.js';
import { createLiveLog } from './live-log.js';
import { createUsage } from './usage.js';

const ACCOUNTS_EVERY_MS = 15_000;
const USAGE_EVERY_MS = 60_000;

let timers = [];
let running = false;
let lastLimits;
const liveLog = createLiveLog();
const usage = createUsage($('usage'));

function showPrompt(message) {
  stop();
  $('dashboard').hidden = true;
  $('health').hidden = true;
  $('sign-out').hidden = true;
  $('key-prompt').hidden = false;
  const err = $('key-error');
  err.hidden = !message;
  err.textContent = message ?? '';
  $('key-input').focus();
}

function stop() {
  running = false;
  for (const t of timers) clearInterval(t);
  timers = [];
  liveLog.stop();
}

function renderHealth(health) {
  const el = $('health');
  const tone = health.status === 'ok' ? 'ok' : health.status === 'degraded' ? 'warn' : 'bad';
  const available = health.available ?? health.activeAccounts;
  el.replaceChildren(
    h('span', { class: `badge badge-${tone}` }, health.status === 'ok' ? 'Healthy' : sentence(words(health.status ?? 'unknown'))),
    h('span', { class: 'muted small' }, `${available ?? 0} of ${health.accounts ?? 0} accounts available`),
  );
  el.hidden = false;
}

async function refreshAccounts(force = false) {
  // A tab in the background polls nothing (each read may make the gateway ask Google for quota);
  // it catches up when shown again.
  if (document.hidden && !force) return;
  try {
    const [limits, health] = await Promise.all([api('/account-limits'), api('/health')]);
    lastLimits = limits;
    renderAccounts($('accounts'), limits, actions);
    renderHealth(health);
    $('accounts-meta').textContent = `strategy ${limits.strategy ?? '–'} · updated ${ago(limits.generatedAt)}`;
  } catch (e) {
    if (e.status !== 401) $('accounts-meta').textContent = `Could not read the accounts: ${e.message}`;
  }
}

async function busy(button, work) {
  button.disabled = true;
  button.classList.add('busy');
  try {
    await work();
  } catch (e) {
    toast(e.message, 'error');
  } finally {
    button.disabled = false;
    button.classList.remove('busy');
  }
}

const actions = {
  refresh: (a, button) =>
    busy(button, async () => {
      const [r] = await api(`/refresh-token?account=${encodeURIComponent(a.id ?? a.email)}`, { method: 'POST' });
      if (r?.ok) toast(`Token of ${a.email} refreshed${r.expiresAt ? `, valid until ${new Date(r.expiresAt).toLocaleTimeString()}` : ''}.`, 'ok');
      else toast(`${a.email}: ${r?.error ?? 'the refresh failed'}`, 'error');
      await refreshAccounts(true);
    }),
  toggle: (a, enable, button) =>
    busy(button, async () => {
      const r = await api(`/accounts/${encodeURIComponent(a.id ?? a.email)}/${enable ? 'enable' : 'disable'}`, { method: 'POST' });
      toast(`${a.email} ${enable ? 'enabled' : 'disabled'}${r?.state && r.state !== 'active' && r.state !== 'disabled' ? ` (${r.state})` : ''}.`, 'ok');
      await refreshAccounts(true);
    }),
};

async function start() {
  if (running) return;
  running = true;
  $('key-prompt').hidden = true;
  $('dashboard').hidden = false;
  $('sign-out').hidden = !storedKey();
  await refreshAccounts(true);
  liveLog.start();
  void usage.load();
  timers.push(setInterval(() => void refreshAccounts(), ACCOUNTS_EVERY_MS));
  timers.push(setInterval(() => void usage.load(), USAGE_EVERY_MS));
  timers.push(setInterval(() => {
    tickCountdowns();
    if (lastLimits) $('accounts-meta').textContent = `strategy ${lastLimits.strategy ?? '–'} · updated ${ago(lastLimits.generatedAt)}`;
  }, 1000));
}

/** A `#code=` from `gateway ui`: traded once for the key, then wiped from the address bar. */
async function redeemCode() {
  const code = new URLSearchParams(location.hash.slice(1)).get('code');
  if (!code) return undefined;
  history.replaceState(null, '', location.pathname + location.search);
  try {
    const { key } = await api('/ui/api/redeem', { method: 'POST', body: { code }, key: '' });
    if (key) storeKey(key);
    return undefined;
  } catch (e) {
    return e.message;
  }
}

/** Whether the server takes the key this tab has (or needs none). */
async function keyWorks(key) {
  try {
    await api('/health', { key });
    return true;
  } catch (e) {
    if (e.status === 401) return false;
    throw e;
  }
}

whenUnauthorized(() => {
  forgetKey();
  showPrompt('The gateway no longer takes the key this tab had; enter the current one.');
});

$('key-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const key = $('key-input').value.trim();
  if (!key) return;
  try {
    if (!(await keyWorks(key))) return showPrompt('That is not the key this gateway was started with.');
    storeKey(key);
    $('key-input').value = '';
    await start();
  } catch (err) {
    showPrompt(`The gateway did not answer: ${err.message}`);
  }
});

document.addEventListener('visibilitychange', () => {
  if (running && !document.hidden) void refreshAccounts();
});

$('sign-out').addEventListener('click', () => {
  forgetKey();
  location.reload();
});

async function boot() {
  const codeError = await redeemCode();
  try {
    if (await keyWorks(storedKey())) return void (await start());
    if (storedKey()) forgetKey();
    showPrompt(codeError);
  } catch (e) {
    showPrompt(`The gateway did not answer: ${e.message}`);
  }
}

void boot();
