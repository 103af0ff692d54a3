// Writing a setup plan and taking it back. Each file we change is first copied to a timestamped
// backup beside it; a manifest in the gateway home remembers, per client, the backups and what we
// wrote. `--undo` puts the backups back byte for byte (and removes files that did not exist); a
// file edited since we wrote it is kept beside it first, so nothing the user typed is lost.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../../store/atomic-write.js';
import { readTextIfExists } from '../../util/read-text-if-exists.js';
import type { FileChange } from './types.js';

interface ManifestFile {
  path: string;
  /** The copy of the file as it was before gateway first wrote it; null: it did not exist. */
  backup: string | null;
  /** sha256 of what gateway wrote, to tell a later edit by the user. */
  written: string;
}

interface Manifest {
  version: 1;
  client: string;
  writtenAt: string;
  files: ManifestFile[];
}

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/** 20261201-154210: the suffix of backup files. */
export const stamp = (d: Date): string => d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

const manifestPath = (gatewayHome: string, client: string): string => join(gatewayHome, 'setup', `${client}.json`);

async function readManifest(path: string): Promise<Manifest | undefined> {
  const text = await readTextIfExists(path);
  return text === undefined ? undefined : (JSON.parse(text) as Manifest);
}

export interface Written {
  path: string;
  backup: string | null;
}

/** Writes every changed file (backup first), and records them for --undo. */
export async function applyChanges(gatewayHome: string, client: string, changes: FileChange[], now = new Date()): Promise<Written[]> {
  const mPath = manifestPath(gatewayHome, client);
  const manifest: Manifest = (await readManifest(mPath)) ?? { version: 1, client, writtenAt: now.toISOString(), files: [] };
  const written: Written[] = [];
  for (const change of changes) {
    if (change.after === change.before) continue;
    // A second setup keeps the first backup: --undo goes back to before gateway, not to the last run.
    let entry = manifest.files.find((f) => f.path === change.path);
    if (!entry) {
      let backup: string | null = null;
      if (change.before !== undefined) {
        backup = `${change.path}.gateway-backup-${stamp(now)}`;
        await copyFile(change.path, backup);
      }
      entry = { path: change.path, backup, written: '' };
      manifest.files.push(entry);
    }
    const mode = await stat(change.path).then((s) => s.mode & 0o777, () => 0o600);
    await mkdir(dirname(change.path), { recursive: true });
    await writeFileAtomic(change.path, change.after, mode);
    entry.written = sha(change.after);
    written.push({ path: change.path, backup: entry.backup });
  }
  manifest.writtenAt = now.toISOString();
  await writeFileAtomic(mPath, JSON.stringify(manifest, null, 2) + '\n', 0o600);
  return written;
}

export interface Undone {
  path: string;
  action: 'restored' | 'removed';
  /** Where the user's later edits were kept, when the file changed after gateway wrote it. */
  keptEdits?: string;
}

/** Puts every file back as it was before `gateway setup`; undefined when there is nothing to undo. */
export async function undoChanges(gatewayHome: string, client: string, now = new Date()): Promise<Undone[] | undefined> {
  const mPath = manifestPath(gatewayHome, client);
  const manifest = await readManifest(mPath);
  if (!manifest) return undefined;
  const done: Undone[] = [];
  for (const f of manifest.files) {
    const current = await readTextIfExists(f.path);
    let keptEdits: string | undefined;
    if (current !== undefined && sha(current) !== f.written) {
      keptEdits = `${f.path}.gateway-undo-${stamp(now)}`;
      await copyFile(f.path, keptEdits);
    }
    if (f.backup === null) {
      await unlink(f.path).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
      done.push({ path: f.path, action: 'removed', ...(keptEdits ? { keptEdits } : {}) });
    } else {
      // copyFile keeps the bytes exactly; the backup goes once the original is back in place.
      await copyFile(f.backup, f.path);
      await rm(f.backup, { force: true });
      done.push({ path: f.path, action: 'restored', ...(keptEdits ? { keptEdits } : {}) });
    }
  }
  await rm(mPath, { force: true });
  return done;
}
