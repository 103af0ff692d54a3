// Reads a V8 .cpuprofile and lists where the time went: self time by function, and by module
// (our dist/ files by path, dependencies by package, Node internals as one group each).
import { readFile } from 'node:fs/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  totalMs: number;
  byFunction: { name: string; selfMs: number; pct: number }[];
  byModule: { module: string; selfMs: number; pct: number }[];
  /** Self time charged to the nearest frame of our own code (dist/) above it: who caused the cost. */
  byOwnCaller: { name: string; selfMs: number; pct: number }[];
}

function moduleOf(url: string): string {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return url;
  const nm = url.lastIndexOf('/node_modules/');
  if (nm !== -1) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const dist = url.indexOf('/dist/');
  return dist !== -1 ? url.slice(dist + 1) : url.replace(/^file:\/\//, '');
}

function label(n: ProfileNode): string {
  const f = n.callFrame;
  const where = f.url ? `${moduleOf(f.url)}:${f.lineNumber + 1}` : '';
  return `${f.functionName || '(anonymous)'} ${where}`.trim();
}

export async function summarizeProfile(path: string, top = 30): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(path, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const ownCaller = (id: number): string => {
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = nodes.get(cur);
      if (n && n.callFrame.url.includes('/dist/')) return label(n);
    }
    return '(no frame of ours: node / dependencies / GC)';
  };
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFn = new Map<string, number>();
  const byMod = new Map<string, number>();
  const byOwn = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const n = nodes.get(id);
    if (!n) continue;
    // Idle time is the event loop waiting; it is not a cost.
    if (n.callFrame.functionName === '(idle)') continue;
    total += us;
    byFn.set(label(n), (byFn.get(label(n)) ?? 0) + us);
    const mod = moduleOf(n.callFrame.url);
    byMod.set(mod, (byMod.get(mod) ?? 0) + us);
    const own = ownCaller(id);
    byOwn.set(own, (byOwn.get(own) ?? 0) + us);
  }
  const rank = (m: Map<string, number>): [string, number][] => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  return {
    totalMs: total / 1000,
    byFunction: rank(byFn).map(([name, us]) => ({ name, selfMs: us / 1000, pct: (100 * us) / total })),
    byModule: rank(byMod).map(([module, us]) => ({ module, selfMs: us / 1000, pct: (100 * us) / total })),
    byOwnCaller: rank(byOwn).map(([name, us]) => ({ name, selfMs: us / 1000, pct: (100 * us) / total })),
  };
}

export function renderProfile(s: ProfileSummary): string {
  return [
    `busy CPU time in profile: ${s.totalMs.toFixed(0)} ms`,
    '',
    '| self % | self ms | module |',
    '|---:|---:|---|',
    ...s.byModule.map((m) => `| ${m.pct.toFixed(1)} | ${m.selfMs.toFixed(0)} | ${m.module} |`),
    '',
    '| self % | self ms | function |',
    '|---:|---:|---|',
    ...s.byFunction.map((f) => `| ${f.pct.toFixed(1)} | ${f.selfMs.toFixed(0)} | \`${f.name}\` |`),
    '',
    '| % | ms | nearest frame of our code (cost below it, self time) |',
    '|---:|---:|---|',
    ...s.byOwnCaller.map((f) => `| ${f.pct.toFixed(1)} | ${f.selfMs.toFixed(0)} | \`${f.name}\` |`),
  ].join('\n');
}
