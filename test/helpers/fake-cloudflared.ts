// A stand-in `cloudflared` on a temp PATH that prints what the real one prints on stderr (zerolog
// console lines: the quick-tunnel disclaimer, the ASCII box with the trycloudflare.com address, the
// registered connection), records its arguments, and on SIGTERM records that it was stopped.
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

export const FAKE_TUNNEL_HOST = 'gentle-river-quiet-lamp.trycloudflare.com';

const SCRIPT = `#!${process.execPath}
const fs = require('fs');
const record = process.env.FAKE_CLOUDFLARED_RECORD;
const log = (m) => process.stderr.write(new Date().toISOString().replace(/\\.\\d+Z$/, 'Z') + ' INF ' + m + '\\n');
fs.writeFileSync(record, JSON.stringify({ args: process.argv.slice(2) }));
const named = process.argv.includes('run');
if (!named) {
  log('Thank you for trying Cloudflare Tunnel. Doing so, without a Cloudflare account, is a quick way to experiment and try it out. However, be aware that these account-less Tunnels have no uptime guarantee.');
  log('Requesting new quick Tunnel on trycloudflare.com...');
  const lines = ['Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):', 'https://${FAKE_TUNNEL_HOST}'];
  const width = Math.max(...lines.map((l) => l.length));
  const border = '+' + '-'.repeat(width + 4) + '+';
  log(border);
  for (const l of lines) log('|  ' + l + ' '.repeat(width - l.length) + '  |');
  log(border);
  log('Cannot determine default configuration path. No file [config.yml config.yaml] in [~/.cloudflared ~/.cloudflare-warp ~/cloudflare-warp /etc/cloudflared /usr/local/etc/cloudflared]');
}
log('Version 2026.11.0 (Checksum 0000)');
log('Starting metrics server on 127.0.0.1:20241/metrics');
log('Registered tunnel connection connIndex=0 connection=5f1c6a2e-0000-4000-8000-000000000000 event=0 ip=198.41.200.13 location=ams01 protocol=quic');
process.on('SIGTERM', () => {
  const r = JSON.parse(fs.readFileSync(record, 'utf8'));
  fs.writeFileSync(record, JSON.stringify({ ...r, stopped: true }));
  log('Initiating graceful shutdown due to signal terminated ...');
  process.exit(0);
});
setInterval(() => {}, 1000);
`;

export interface FakeCloudflared {
  path: string;
  record: string;
  recorded(): Promise<{ args: string[]; stopped?: boolean }>;
}

export async function makeFakeCloudflared(root: string): Promise<FakeCloudflared> {
  const bin = join(root, 'cloudflared-bin');
  await mkdir(bin, { recursive: true });
  await writeFile(join(bin, 'cloudflared'), SCRIPT);
  await chmod(join(bin, 'cloudflared'), 0o755);
  const record = join(root, 'cloudflared.json');
  return {
    path: [bin, process.env.PATH ?? ''].join(delimiter),
    record,
    recorded: async () => JSON.parse(await readFile(record, 'utf8')) as { args: string[]; stopped?: boolean },
  };
}
