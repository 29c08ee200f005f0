// What batches read from a snapshot at most a second old (a merchant's settings, a campaign and
// its items); the full paths read it fresh. A change made in this process is seen at once
// (`changed()` after the commit); one made in another process within a second.
import { onePer } from './batcher.ts';

interface Snapshot<T> {
  version: number;
  until: number;
  value: Promise<T>;
}

export function recentSnapshots<K extends number | string, T>(ttlMs = 1000) {
  let version = 0;
  const snapshots = onePer((_: object) => new Map<K, Snapshot<T>>());
  return {
    /**
     * The value under `key`; `read` runs on a miss. A batch passes a read through its own
     * transaction, so it never waits for a second connection while it holds locks (a pool full of
     * requests queued behind those locks would never give it one).
     */
    get(owner: object, key: K, read: () => Promise<T>): Promise<T> {
      const all = snapshots(owner);
      const at = Date.now();
      const hit = all.get(key);
      if (hit && hit.version === version && hit.until > at) return hit.value;
      if (all.size >= 1000) for (const [k, v] of all) if (v.until <= at) all.delete(k);
      const value = read();
      all.set(key, { version, until: at + ttlMs, value });
      value.catch(() => all.delete(key));
      return value;
    },
    /** A change committed in this process: snapshots taken before it are not used again. */
    changed() {
      version++;
    },
  };
}
