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

describe('onAbort, followers that stop following', () => {
  it('skips a follower another one stopped, and survives one that stops itself while called', () => {
    const ac = new AbortController();
    const heard: string[] = [];
    let stopB = (): void => {};
    const stopA = onAbort(ac.signal, () => {
      heard.push('a');
      stopA();
      stopB();
    });
    stopB = onAbort(ac.signal, () => heard.push('b'));
    onAbort(ac.signal, () => heard.push('c'));
    ac.abort();
    stopA();
    expect(heard).toEqual(['a', 'c']);
  });

  it('stops following twice without harm, and a follower that stopped early is never called', () => {
    const ac = new AbortController();
    const heard: string[] = [];
    const stops = [1, 2, 3].map((i) => onAbort(ac.signal, () => heard.push(`f${i}`)));
    stops[1]!();
    stops[1]!();
    stops[0]!();
    ac.abort();
    expect(heard).toEqual(['f3']);
  });
});
