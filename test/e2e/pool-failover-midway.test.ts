// A stream Google cuts after its first event: a client that asked for one JSON answer has seen
// nothing yet, so it gets the whole answer from another account; a streaming client already has
// bytes, so it gets the dialect's error event.
import { describe, expect, it } from 'vitest';
import { A, B, C, generationAccounts, MODEL, setFractions, usePoolGateway } from '../helpers/pool-gateway.js';

describe('a stream cut midway', () => {
  const start = usePoolGateway();

  it('fails over for a non-streaming request and answers in full', async () => {
    const gw = await start({ emulatorOptions: { streamChunks: 4 } });
    await setFractions(gw, { [A]: 0.9, [B]: 0.2, [C]: 0.5 });
    gw.emulator.state.reset();
    gw.emulator.state.enqueue({ method: 'streamGenerateContent', account: A, drop: { afterEvents: 1 } });
    const res = await gw.client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content: 'tell me more' }] });
    expect(res.choices[0]?.message.content).toBe('Echo: tell me more');
    expect(generationAccounts(gw)).toEqual([A, C]);
  });

  it('ends a streaming request with an error, since part of the answer is already out', async () => {
    const gw = await start({ emulatorOptions: { streamChunks: 4 } });
    await setFractions(gw, { [A]: 0.9, [B]: 0.2, [C]: 0.5 });
    gw.emulator.state.reset();
    gw.emulator.state.enqueue({ method: 'streamGenerateContent', account: A, drop: { afterEvents: 1 } });
    const stream = await gw.client.chat.completions.create({ model: MODEL, stream: true, messages: [{ role: 'user', content: 'tell me more' }] });
    await expect(
      (async () => {
        for await (const chunk of stream) void chunk;
      })(),
    ).rejects.toThrow();
    expect(generationAccounts(gw)).toEqual([A]);
  });
});
