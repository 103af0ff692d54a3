// The dashboard in a real browser (Debian's Chromium through playwright-core) against the
// emulator-backed gateway: the key prompt, accounts and quotas, the live log, disabling and
// enabling an account, the usage charts, and the one-time link of `gateway ui`.
import { mkdir } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { PoolBackend } from '../../src/pool/index.js';
import { readAccounts } from '../../src/store/accounts-file.js';
import { methodOf } from '../emulator/state.js';
import { chromiumMissingLocally, launchChromium } from '../helpers/browser.js';
import { startGateway, type Gateway } from '../helpers/start-gateway.js';
import { usageAnswer } from '../helpers/dashboard-usage.js';

const KEY = 'dashboard-test-key';
const A = 'alice@example.com';
const B = 'bob@example.com';
const MODEL = 'gemini-3-flash';
const SCREENSHOT = '.tmp/dashboard.png';

const inHours = (h: number): string => new Date(Date.now() + h * 3600_000).toISOString();

// Skipped only on a developer's machine without Chromium (the reason is in the describe's name);
// in CI (CI=true) launchChromium throws instead, so a missing browser fails the run.
describe.skipIf(chromiumMissingLocally())('dashboard in Chromium (skipped locally when `which chromium` finds none)', () => {
  let browser: Browser;
  let gw: Gateway;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    [browser, gw] = await Promise.all([launchChromium(), startGateway({ accounts: [A, B], env: { GATEWAY_API_KEY: KEY } })]);
    const quota = gw.emulator.state.accounts;
    quota.get(A)!.quota = {
      [MODEL]: { remainingFraction: 0.82, resetTime: inHours(3) },
      'claude-sonnet-4-6': { remainingFraction: 0.46, resetTime: inHours(1.4) },
      'gemini-3.1-pro-high': { remainingFraction: 0.08, resetTime: inHours(0.7) },
    };
    quota.get(B)!.quota = {
      [MODEL]: { remainingFraction: 0.64, resetTime: inHours(4.2) },
      'claude-sonnet-4-6': { resetTime: inHours(2) },
      'gemini-3.1-pro-high': { remainingFraction: 1, resetTime: inHours(5) },
    };
    await (gw.backend as PoolBackend).refreshQuota();
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  const newPage = async (): Promise<Page> => {
    context = await browser.newContext({ viewport: { width: 1320, height: 900 }, colorScheme: 'light' });
    return context.newPage();
  };

  const ask = (model: string, id: string): Promise<Response> =>
    fetch(`${gw.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}`, 'x-request-id': id },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hello from the dashboard test' }] }),
    });

  const signIn = async (page: Page, firstAccount = A): Promise<void> => {
    await page.goto(`${gw.url}/ui`);
    await page.locator('#key-input').fill(KEY);
    await page.locator('#key-form button[type=submit]').click();
    await page.locator(`article[data-account="${firstAccount}"]`).waitFor();
  };

  it('without the key shows only the key prompt, and no data', async () => {
    const page = await newPage();
    const answered: Array<[string, number]> = [];
    page.on('response', (r) => answered.push([new URL(r.url()).pathname, r.status()]));
    await page.goto(`${gw.url}/ui`);
    await page.locator('#key-prompt').waitFor();
    expect(await page.locator('#dashboard').isHidden()).toBe(true);
    expect(await page.locator('article.account').count()).toBe(0);
    await mkdir('.tmp', { recursive: true });
    await page.screenshot({ path: '.tmp/dashboard-key-prompt.png' });

    await page.locator('#key-input').fill('not-the-key');
    await page.locator('#key-form button[type=submit]').click();
    await page.locator('#key-error').filter({ hasText: 'not the key this gateway was started with' }).waitFor();
    expect(await page.locator('#dashboard').isHidden()).toBe(true);
    expect(await page.content()).not.toContain(A);
    // The page asked only for its own files and /health, and every data answer was refused.
    const data = answered.filter(([path]) => path !== '/ui' && (!path.startsWith('/ui/') || path.startsWith('/ui/api/')));
    expect(data.length).toBeGreaterThan(0);
    expect(data.every(([path, status]) => path === '/health' && status === 401)).toBe(true);
  });

  it('shows accounts and quotas, the live log, disables and enables an account, and charts the usage', async () => {
    const page = await newPage();
    const usageCalls: string[] = [];
    await page.route(/\/usage\?/, (route: Route) => {
      const url = new URL(route.request().url());
      usageCalls.push(url.search);
      return route.fulfill({ json: usageAnswer(url.searchParams.get('by') ?? 'day', url.searchParams.get('since') ?? '7d') });
    });
    await signIn(page);

    // Accounts, each model's quota bar, percentage and countdown.
    const alice = page.locator(`article[data-account="${A}"]`);
    const bob = page.locator(`article[data-account="${B}"]`);
    expect(await alice.locator('[data-testid=account-state]').textContent()).toBe('Active');
    expect(await alice.locator(`.model-row[data-model="${MODEL}"] .model-pct`).textContent()).toBe('82%');
    expect(await alice.locator(`.model-row[data-model="${MODEL}"] .model-note`).textContent()).toMatch(/^resets in 2h 5\dm|^resets in 3h 00m/);
    expect(await alice.locator('.model-row[data-model="gemini-3.1-pro-high"] .bar').getAttribute('class')).toContain('bar-bad');
    expect(await bob.locator('.model-row[data-model="claude-sonnet-4-6"] .model-pct').textContent()).toBe('0%');
    expect(await bob.locator('.model-row[data-model="claude-sonnet-4-6"] .model-note').textContent()).toMatch(/^exhausted, resets in 1h 5\dm|^exhausted, resets in 2h 00m/);
    expect(await page.locator('#health').textContent()).toContain('2 of 2 accounts available');

    // A request just sent shows in the live log; a failed one too, and the filter tells them apart.
    expect((await ask(MODEL, 'req_dashboard_ok')).status).toBe(200);
    expect((await ask('no-such-model', 'req_dashboard_404')).status).toBe(404);
    const ok = page.locator('tr[data-id="req_dashboard_ok"]');
    const missing = page.locator('tr[data-id="req_dashboard_404"]');
    await ok.waitFor();
    await missing.waitFor();
    const cells = await ok.locator('td').allTextContents();
    expect(cells.slice(1, 4)).toEqual(['200', 'POST /v1/chat/completions', MODEL]);
    await page.locator('#status-filter').selectOption('4xx');
    await ok.waitFor({ state: 'detached' });
    expect(await missing.locator('td').nth(1).textContent()).toBe('404');
    await page.locator('#status-filter').selectOption('all');
    await ok.waitFor();

    // Disable bob: the page, accounts.json and the pool agree at once.
    await page.getByRole('button', { name: `Disable ${B}` }).click();
    await page.locator(`article[data-account="${B}"][data-state="disabled"]`).waitFor();
    expect((await readAccounts(gw.home)).find((a) => a.email === B)?.disabled).toBe(true);
    expect(await page.locator('#health').textContent()).toContain('1 of 2 accounts available');
    gw.emulator.state.records.length = 0;
    for (const id of ['req_after_disable_1', 'req_after_disable_2']) expect((await ask(MODEL, id)).status).toBe(200);
    const served = gw.emulator.state.records.filter((r) => methodOf(r.path).endsWith('enerateContent')).map((r) => r.account);
    expect(served).toEqual([A, A]);

    await page.getByRole('button', { name: `Enable ${B}` }).click();
    await page.locator(`article[data-account="${B}"][data-state="active"]`).waitFor();
    expect((await readAccounts(gw.home)).find((a) => a.email === B)).toMatchObject({ state: 'active' });
    expect((await readAccounts(gw.home)).find((a) => a.email === B)?.stateReason).toBeUndefined();

    // Usage: totals and three charts from /usage (by day, model, account).
    await page.locator('.tile-value').first().waitFor();
    expect(await page.locator('.tile-value').first().textContent()).toBe('1,234');
    expect(await page.locator('.chart-card canvas').count()).toBe(3);
    expect(await page.locator('.chart-card[data-by="model"] .breakdown tbody tr').count()).toBe(3);
    expect(usageCalls.sort()).toEqual(['?since=7d&by=account', '?since=7d&by=day', '?since=7d&by=model']);

    // The review screenshot shows the page, not the toasts the clicks above left for a few seconds.
    await page.locator('#toasts').evaluate((el) => el.replaceChildren());
    await mkdir('.tmp', { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('says so when the gateway has no usage ledger (/usage answers 404)', async () => {
    const page = await newPage();
    await page.route(/\/usage\?/, (route: Route) => route.fulfill({ status: 404, json: { error: { message: 'No route for GET /usage.' } } }));
    await signIn(page);
    const message = page.locator('[data-testid=usage-message]').filter({ hasText: 'Usage ledger not available' });
    await message.waitFor();
    expect(await message.isVisible()).toBe(true);
  });

  it('renders the account states a newer gateway reports: verification link, ban, cooldown', async () => {
    const page = await newPage();
    const model = { remainingFraction: 0.5, resetTime: inHours(2), state: 'ok', cooldownUntil: null, cooldownReason: null, lastUsed: null };
    const account = (email: string, extra: object): object => ({ id: email, email, flavor: 'antigravity', tier: 'free-tier', projectId: 'p', lastUsed: null, quotaFetchedAt: null, quotaError: null, models: { [MODEL]: model }, ...extra });
    await page.route(/\/account-limits$/, (route: Route) =>
      route.fulfill({
        json: {
          generatedAt: new Date().toISOString(),
          strategy: 'quota',
          accounts: [
            account('verify@example.com', { state: 'needs-verification', reason: 'Google asks to verify this account.', link: 'https://accounts.google.com/signin/continue?x=1' }),
            account('banned@example.com', { state: 'banned', stateReason: 'Terms of service violation', link: 'javascript:alert(1)' }),
            account('cool@example.com', { state: 'cooling-down', cooldownUntil: inHours(0.5), models: { [MODEL]: { ...model, state: 'cooling-down', cooldownUntil: inHours(0.5) } } }),
            { id: 'bare', email: 'bare@example.com', state: 'some-future-state' },
          ],
        },
      }),
    );
    await signIn(page, 'verify@example.com');
    const card = (email: string) => page.locator(`article[data-account="${email}"]`);
    expect(await card('verify@example.com').locator('[data-testid=account-state]').textContent()).toBe('Needs verification');
    expect(await card('verify@example.com').locator('a').getAttribute('href')).toBe('https://accounts.google.com/signin/continue?x=1');
    expect(await card('verify@example.com').locator('.account-notes').textContent()).toContain('Google asks to verify this account.');
    expect(await card('banned@example.com').locator('.account-notes').textContent()).toContain('Terms of service violation');
    expect(await card('banned@example.com').locator('a').count()).toBe(0);
    expect(await card('cool@example.com').locator('.account-notes').textContent()).toMatch(/Usable again in (29m|30m)/);
    expect(await card('cool@example.com').locator('.model-note').textContent()).toMatch(/^cooling down · in (29m|30m)/);
    expect(await card('bare@example.com').locator('[data-testid=account-state]').textContent()).toBe('Some future state');
    await page.screenshot({ path: '.tmp/dashboard-states.png' });
  });

  it('`gateway ui --no-open` prints a link that signs in once', async () => {
    let stdout = '';
    const sink = new PassThrough().on('data', (d: Buffer) => (stdout += d.toString()));
    const env = { GATEWAY_HOME: gw.home, GATEWAY_PORT: new URL(gw.url).port, GATEWAY_API_KEY: KEY, NO_COLOR: '1' };
    expect(await main(['node', 'gateway', 'ui', '--no-open'], { env, stdout: sink, stderr: new PassThrough() })).toBe(0);
    const link = stdout.trim();
    expect(link).toMatch(new RegExp(`^${gw.url}/ui/#code=[\\w-]{20,}$`));
    expect(link).not.toContain(KEY);

    const page = await newPage();
    await page.goto(link);
    await page.locator(`article[data-account="${A}"]`).waitFor();
    expect(new URL(page.url()).hash).toBe('');
    await context!.close();

    const again = await newPage();
    await again.goto(link);
    await again.locator('#key-error').filter({ hasText: 'already used or has expired' }).waitFor();
    expect(await again.locator('#dashboard').isHidden()).toBe(true);
  });
});
