// `gateway start` on an address it cannot bind, in-process: one line naming the flag to change, exit 1.
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliEnv, runCli } from '../helpers/cli.js';
import { makeTempHome } from '../helpers/temp-home.js';

describe('gateway start cannot listen', () => {
  let temp: Awaited<ReturnType<typeof makeTempHome>>;
  let busy: Server;
  beforeEach(async () => {
    temp = await makeTempHome();
    busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
  });
  afterEach(async () => {
    await new Promise((r) => busy.close(r));
    await temp.cleanup();
  });

  it('says the port is taken and to pick another with --port', async () => {
    const port = (busy.address() as AddressInfo).port;
    const res = await runCli(['start', '--port', String(port)], cliEnv(temp.home));
    expect(res.code).toBe(1);
    const errors = res.stderr.split('\n').filter((l) => l.startsWith('error:'));
    expect(errors).toEqual([`error: Port ${port} on 127.0.0.1 is already in use; pick another with --port.`]);
    expect(res.stderr).not.toMatch(/Unexpected|--debug|\n\s+at /);
  });

  it('says an address that is not this machine needs another --host', async () => {
    // 192.0.2.0/24 is TEST-NET-1: never assigned to a local interface.
    const res = await runCli(['start', '--port', '0', '--host', '192.0.2.7'], cliEnv(temp.home));
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('error: 192.0.2.7 is not an address of this machine; pick another with --host (default 127.0.0.1).');
    expect(res.stderr).not.toMatch(/Unexpected|EADDRNOTAVAIL/);
  });
});
