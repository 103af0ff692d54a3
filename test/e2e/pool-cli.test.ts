// `gateway limits` and `gateway models`, in-process: no server, quota asked of the emulator.
import { describe, expect, it } from 'vitest';
import { seedAccount } from '../helpers/seed-accounts.js';
import { runCli, useCliHome } from '../helpers/cli.js';

const cli = useCliHome();

const env = (): NodeJS.ProcessEnv => cli.env();

async function seedTwo(): Promise<void> {
  const resetTime = new Date(Date.now() + (3 * 60 + 12) * 60_000 + 30_000).toISOString();
  await seedAccount(cli.home, cli.emulator, 'a@example.com');
  await seedAccount(cli.home, cli.emulator, 'b@example.com');
  cli.emulator.state.accounts.get('a@example.com')!.quota = {
    'gemini-3-flash': { remainingFraction: 0.83, resetTime },
    'claude-sonnet-4-6': { remainingFraction: 0.4, resetTime },
  };
  cli.emulator.state.accounts.get('b@example.com')!.quota = { 'gemini-3-flash': { resetTime } };
}

describe('gateway limits', () => {
  it('prints accounts × models with percentages and reset times', async () => {
    await seedTwo();
    const r = await runCli(['limits'], env());
    expect(r.code, r.stderr).toBe(0);
    for (const s of ['a@example.com', 'b@example.com', 'gemini-3-flash', 'claude-sonnet-4-6', '83%', '40%', 'exhausted', 'resets in 3h12m']) {
      expect(r.stdout).toContain(s);
    }
    expect(r.stdout).not.toMatch(/\u001b\[/);
    expect(cli.emulator.state.calls('fetchAvailableModels')).toHaveLength(2);
  });

  it('--json gives the same data and no secret', async () => {
    await seedTwo();
    const r = await runCli(['limits', '--json'], env());
    expect(r.code, r.stderr).toBe(0);
    const limits = JSON.parse(r.stdout) as { accounts: Array<{ email: string; models: Record<string, { remainingFraction: number; state: string }> }> };
    expect(limits.accounts.map((a) => a.email)).toEqual(['a@example.com', 'b@example.com']);
    expect(limits.accounts[0]!.models['gemini-3-flash']).toMatchObject({ remainingFraction: 0.83, state: 'ok' });
    expect(limits.accounts[1]!.models['gemini-3-flash']).toMatchObject({ remainingFraction: 0, state: 'exhausted' });
    expect(r.stdout).not.toMatch(/1\/\/refresh|ya29\./);
  });

  it('says how to add an account when there is none', async () => {
    const r = await runCli(['limits'], env());
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/gateway accounts add/);
  });
});

describe('gateway models', () => {
  it('lists the union of the accounts models and the aliases that reach them', async () => {
    await seedTwo();
    const r = await runCli(['models'], env());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/claude-sonnet-4-6/);
    expect(r.stdout).toMatch(/gemini-3-flash/);
    expect(r.stdout).toMatch(/claude-sonnet-4-6[^\n]*claude-sonnet-\*/);
    expect(r.stdout).toMatch(/gpt-\*-mini\*/);
    const json = await runCli(['models', '--json'], env());
    const models = JSON.parse(json.stdout) as Array<{ id: string; aliases: string[] }>;
    expect(models.map((m) => m.id)).toEqual(['claude-sonnet-4-6', 'gemini-3-flash']);
    expect(models[0]!.aliases).toEqual(expect.arrayContaining(['claude-sonnet-4-5', 'claude-sonnet-*']));
    expect(models[1]!.aliases).toEqual(expect.arrayContaining(['claude-haiku-4-5', 'gpt-*-mini*', 'gemini-*-flash*']));
  });
});
