// Per-merchant settings read by batches from a snapshot at most a second old (the full paths read
// them fresh). A change made in this process is seen at once (`changed()` after the commit); one
// made in another process within a second.
import { onePer } from './batcher.ts';

interface Snapshot<T> {
  version: number;
  until: number;
  value: Promise<T>;
}

export function recentPerMerchant<T>(ttlMs = 1000) {
  let version = 0;
  const snapshots = onePer((_: object) => new Map<number, Snapshot<T>>());
  return {
    /**
     * The merchant's value; `read` runs on a miss. A batch passes a read through its own
     * transaction, so it never waits for a second connection while it holds locks (a pool full of
     * requests queued behind those locks would never give it one).
     */
    get(owner: object, merchantId: number, read: () => Promise<T>): Promise<T> {
      const all = snapshots(owner);
      const at = Date.now();
      const hit = all.get(merchantId);
      if (hit && hit.version === version && hit.until > at) return hit.value;
      if (all.size >= 1000) for (const [m, v] of all) if (v.until <= at) all.delete(m);
      const value = read();
      all.set(merchantId, { version, until: at + ttlMs, value });
      value.catch(() => all.delete(merchantId));
      return value;
    },
    /** A change committed in this process: snapshots taken before it are not used again. */
    changed() {
      version++;
    },
  };
}
