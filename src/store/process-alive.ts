// Whether the process that wrote a lock or a temp file still runs, so its leftovers can be told from
// a live writer's.

/** True for this process and any other that exists, ours or another user's. */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
