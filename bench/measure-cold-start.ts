// Cold start: `gateway --version` wall time and `gateway start` time to ready, medians of a few spawns.
import { spawn } from 'node:child_process';
import { startGateway } from './children.js';
import { percentile } from './measure-sequential.js';

export interface ColdStartResult {
  nodeBareMs: number;
  versionMs: number;
  startReadyMs: number;
}

function wallTime(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const proc = spawn(process.execPath, args, { stdio: 'ignore' });
    proc.once('error', reject);
    proc.once('exit', (code) => {
      if (code !== 0) reject(new Error(`node ${args.join(' ')} exited with ${code}`));
      else resolve(Number(process.hrtime.bigint() - started) / 1e6);
    });
  });
}

const median = (xs: number[]): number => percentile([...xs].sort((a, b) => a - b), 50);

export async function measureColdStart(gatewayBin: string, env: NodeJS.ProcessEnv, versionRuns: number, startRuns: number): Promise<ColdStartResult> {
  const bare: number[] = [];
  const version: number[] = [];
  for (let i = 0; i < versionRuns; i++) {
    // Node's own start-up, for scale: the part of --version no gateway code can remove.
    bare.push(await wallTime(['-e', '0']));
    version.push(await wallTime([gatewayBin, '--version']));
  }
  const ready: number[] = [];
  for (let i = 0; i < startRuns; i++) {
    const gw = await startGateway(gatewayBin, env);
    ready.push(gw.ready.readyMs);
    await gw.stop();
  }
  return { nodeBareMs: median(bare), versionMs: median(version), startReadyMs: median(ready) };
}
