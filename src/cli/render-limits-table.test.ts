import { describe, expect, it } from 'vitest';
import type { LimitsReport } from '../pool/limits-report.js';
import { renderLimitsTable } from './render-limits-table.js';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const report: LimitsReport = {
  generatedAt: '2026-11-25T12:00:00Z',
  strategy: 'quota',
  accounts: [
    {
      id: 'a',
      email: 'alice@example.com',
      flavor: 'antigravity',
      state: 'active',
      disabled: false,
      stateReason: null,
      stateLink: null,
      stateSince: null,
      tier: 'free-tier',
      projectId: 'p',
      lastUsed: null,
      quotaFetchedAt: null,
      quotaError: null,
      models: {
        'gemini-3-flash': { remainingFraction: 0.83, resetTime: '2026-11-25T15:12:00Z', state: 'ok', cooldownUntil: null, cooldownReason: null, lastUsed: null },
        'claude-sonnet-4-6': {
          remainingFraction: 0.4,
          resetTime: null,
          state: 'cooling-down',
          cooldownUntil: '2026-11-25T12:00:45Z',
          cooldownReason: 'rate-limit',
          lastUsed: null,
        },
      },
    },
    {
      id: 'b',
      email: 'bob@example.com',
      flavor: 'antigravity',
      state: 'needs-login',
      disabled: false,
      stateReason: 'revoked',
      stateLink: null,
      stateSince: '2026-11-25T11:00:00Z',
      tier: null,
      projectId: null,
      lastUsed: null,
      quotaFetchedAt: null,
      quotaError: null,
      models: {
        'gemini-3-flash': { remainingFraction: 0, resetTime: '2026-11-25T13:00:00Z', state: 'exhausted', cooldownUntil: null, cooldownReason: null, lastUsed: null },
      },
    },
  ],
};

describe('renderLimitsTable', () => {
  it('shows accounts × models with percentages, resets and state words', () => {
    const text = renderLimitsTable(report, { color: false, now: NOW });
    expect(text).not.toMatch(/\u001b\[/);
    for (const s of ['alice@example.com', 'bob@example.com', 'gemini-3-flash', 'claude-sonnet-4-6', '83%', 'resets in 3h12m', 'cooling 45s', 'needs login', 'exhausted', 'resets in 1h00m', 'active']) {
      expect(text).toContain(s);
    }
    // bob has no claude-sonnet-4-6 column entry
    expect(text).toContain('-');
  });

  it('shows the verification link of an account Google wants verified', () => {
    const carol = {
      ...report.accounts[1]!,
      id: 'c',
      email: 'carol@example.com',
      state: 'needs-verification' as const,
      stateReason: 'Verify your account to continue.',
      stateLink: { url: 'https://accounts.google.com/signin/continue?x=1', text: 'Verify your account' },
    };
    const text = renderLimitsTable({ ...report, accounts: [carol] }, { color: false, now: NOW });
    expect(text).toContain('needs verification');
    expect(text).toContain('verify: https://accounts.google.com/signin/continue?x=1');
  });

  it('colours only when asked', () => {
    expect(renderLimitsTable(report, { color: true, now: NOW })).toMatch(/\u001b\[/);
  });

  it('says how to add an account when there is none', () => {
    expect(renderLimitsTable({ ...report, accounts: [] }, { color: false })).toMatch(/gateway accounts add/);
  });
});

describe('renderLimitsTable within a terminal width', () => {
  const wide: LimitsReport = {
    ...report,
    accounts: report.accounts.map((a) => ({
      ...a,
      models: Object.fromEntries(
        ['claude-opus-4-6-thinking', 'claude-sonnet-4-6', 'gemini-3-flash', 'gemini-3.1-pro-high', 'gemini-3.1-pro-low'].map((m) => [
          m,
          { remainingFraction: 0.5, resetTime: '2026-11-25T15:12:00Z', state: 'ok' as const, cooldownUntil: null, cooldownReason: null, lastUsed: null },
        ]),
      ),
    })),
  };
  const widest = (t: string): number => Math.max(...t.split('\n').map((l) => l.length));

  it('is one table when it fits', () => {
    const t = renderLimitsTable(wide, { color: false, now: NOW, width: 400 });
    expect(t.match(/┌/g)).toHaveLength(1);
  });

  it('wraps the models into several tables past the width, every model still there', () => {
    const full = renderLimitsTable(wide, { color: false, now: NOW });
    expect(widest(full)).toBeGreaterThan(100);
    const t = renderLimitsTable(wide, { color: true, now: NOW, width: 80 });
    const plain = t.replace(/\u001b\[\d+m/g, '');
    expect(widest(plain)).toBeLessThanOrEqual(80);
    expect(plain.match(/┌/g)!.length).toBeGreaterThan(1);
    for (const m of Object.keys(wide.accounts[0]!.models)) expect(plain).toContain(m);
  });

  it('lists each account when not even one model fits beside it', () => {
    const t = renderLimitsTable(wide, { color: false, now: NOW, width: 30 });
    expect(t).not.toContain('┌');
    expect(t).toMatch(/^alice@example\.com · active/m);
    expect(t).toMatch(/^ {2}gemini-3-flash\s+50% · resets in 3h12m$/m);
  });
});
