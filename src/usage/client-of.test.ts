import { describe, expect, it } from 'vitest';
import { clientOf } from './client-of.js';

describe('clientOf', () => {
  it('names the clients people use from their User-Agent', () => {
    expect(clientOf('claude-cli/2.0.14 (external, cli)')).toBe('claude-code');
    expect(clientOf('codex_cli_rs/0.46.0 (Ubuntu 24.4.0; x86_64) xterm-256color')).toBe('codex');
    expect(clientOf('OpenAI/JS 6.1.0')).toBe('openai-js');
    expect(clientOf('Anthropic/Python 0.69.0')).toBe('anthropic-python');
    expect(clientOf('google-genai-sdk/1.20.0 gl-node/v20.19.0')).toBe('google-genai');
    expect(clientOf('GeminiCLI/0.9.0 (linux; x64)')).toBe('gemini-cli');
    expect(clientOf('opencode/0.15.0')).toBe('opencode');
  });

  it('keeps an unknown product name, short, and nothing for no or odd User-Agents', () => {
    expect(clientOf('curl/8.5.0')).toBe('curl');
    expect(clientOf('x'.repeat(100))).toHaveLength(40);
    expect(clientOf(undefined)).toBeUndefined();
    expect(clientOf('')).toBeUndefined();
    expect(clientOf('   (weird)')).toBeUndefined();
  });
});
