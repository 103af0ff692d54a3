import { describe, expect, it } from 'vitest';
import { endpointsToCheck, redactProxy } from './check-network.js';
import { probeModel } from './check-account.js';

const endpoints = { oauthAuthUrl: 'a', oauthTokenUrl: 'https://oauth2.googleapis.com/token', userinfoUrl: 'https://www.googleapis.com/oauth2/v2/userinfo' };

describe('doctor helpers', () => {
  it('checks each Google endpoint of the flavors in use once', () => {
    expect(endpointsToCheck({ endpoints }, ['antigravity']).map((e) => e.url)).toEqual([
      'https://oauth2.googleapis.com/token',
      'https://www.googleapis.com/oauth2/v2/userinfo',
      'https://daily-cloudcode-pa.googleapis.com',
      'https://cloudcode-pa.googleapis.com',
    ]);
    expect(endpointsToCheck({ endpoints: { ...endpoints, codeAssistEndpoint: 'http://127.0.0.1:9' } }, []).map((e) => e.url)).toContain('http://127.0.0.1:9');
  });

  it('never shows a proxy password', () => {
    expect(redactProxy('http://me:s3cret@proxy.corp:3128')).toBe('http://proxy.corp:3128');
    expect(redactProxy('not a url')).toBe('(not a URL)');
  });

  it('probes a small model with quota left', () => {
    expect(probeModel([{ model: 'gemini-3.1-pro-high', remainingFraction: 1 }, { model: 'gemini-3-flash', remainingFraction: 0.5 }], 'antigravity')).toBe('gemini-3-flash');
    expect(probeModel([{ model: 'gemini-3-flash', remainingFraction: 0 }, { model: 'claude-sonnet-4-6', remainingFraction: 0.2 }], 'antigravity')).toBe('claude-sonnet-4-6');
    expect(probeModel([], 'gemini-cli')).toBe('gemini-2.5-flash');
  });
});
