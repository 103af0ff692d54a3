import { describe, expect, it } from 'vitest';
import { onAbort } from './on-abort.js';

describe('onAbort', () => {
  it('calls every follower once with the reason, in order, and none that stopped following', () => {
    const ac = new AbortController();
    const heard: string[] = [];
    onAbort(ac.signal, (r) => heard.push(`one:${String(r)}`));
    const stop = onAbort(ac.signal, () => heard.push('gone'));
    onAbort(ac.signal, (r) => heard.push(`two:${String(r)}`));
    stop();
    ac.abort('bye');
    ac.abort('again');
    expect(heard).toEqual(['one:bye', 'two:bye']);
  });

  it('calls at once for a signal that already fired, and follows other signals apart', () => {
    const done = AbortSignal.abort('over');
    const heard: unknown[] = [];
    onAbort(done, (r) => heard.push(r));
    expect(heard).toEqual(['over']);
    const a = new AbortController();
    const b = new AbortController();
    onAbort(a.signal, () => heard.push('a'));
    onAbort(b.signal, () => heard.push('b'));
    b.abort();
    expect(heard).toEqual(['over', 'b']);
  });
});
