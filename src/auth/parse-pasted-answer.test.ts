import { describe, expect, it } from 'vitest';
import { parsePastedAnswer } from './parse-pasted-answer.js';

describe('parsePastedAnswer', () => {
  it('takes a bare code', () => {
    expect(parsePastedAnswer('  4/0AbCd-Ef_12  \n', 's1')).toBe('4/0AbCd-Ef_12');
  });

  it('takes the whole redirect URL and checks its state', () => {
    const url = 'http://127.0.0.1:51121/oauth2callback?state=s1&code=4%2F0Ab&scope=a%20b';
    expect(parsePastedAnswer(url, 's1')).toBe('4/0Ab');
    expect(() => parsePastedAnswer(url, 's2')).toThrow(/another login attempt/);
  });

  it('takes just the query part', () => {
    expect(parsePastedAnswer('?code=xyz&state=s1', 's1')).toBe('xyz');
  });

  it('reports an error= answer with its description', () => {
    expect(() => parsePastedAnswer('http://localhost/cb?error=access_denied&error_description=User+said+no', 's')).toThrow(
      'Google did not grant access (access_denied: User said no).',
    );
  });

  it('refuses empty input and a URL without a code', () => {
    expect(() => parsePastedAnswer('   ', 's')).toThrow(/Nothing was pasted/);
    expect(() => parsePastedAnswer('http://127.0.0.1:1/oauth2callback?state=s', 's')).toThrow(/holds no code/);
    expect(() => parsePastedAnswer('two words', 's')).toThrow(/does not look like/);
  });
});
