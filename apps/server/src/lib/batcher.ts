// Write-combining: requests that arrive while the database is busy are gathered and sent as one
// statement, so round trips, plans and commits are paid per batch instead of per request.
//
// A batch starts at once when fewer than `inFlight` batches are running (a lone request waits
// for nothing); otherwise requests queue and the next free slot takes all of them (up to
// `maxBatch`). The batch function answers each item in order; an item it cannot answer gets
// whatever the caller's own fallback is (the batch function returns `null` for it, say).
// When a batch fails as a whole, every item in it gets that error. The next batch goes out before
// a batch's answers are handed back (execute), so the callers' work overlaps the database's.

export interface BatcherOptions<I, O> {
  /** Answers for `items`, in the same order, one per item. */
  run(items: I[]): Promise<O[]>;
  /** Most items in one batch. */
  maxBatch: number;
  /** Most batches running at once (keep it below the connection pool's size). */
  inFlight: number;
}

export interface Batcher<I, O> {
  (item: I): Promise<O>;
  /** Batches run so far and items they carried (for benchmarks and tests). */
  stats(): { batches: number; items: number };
  /** Nothing queued and nothing running: the batcher can be dropped. */
  idle(): boolean;
}

interface Waiting<I, O> {
  item: I;
  resolve(value: O): void;
  reject(err: unknown): void;
}

export function createBatcher<I, O>(opts: BatcherOptions<I, O>): Batcher<I, O> {
  let queue: Waiting<I, O>[] = [];
  let running = 0;
  let scheduled = false;
  let batches = 0;
  let items = 0;

  const start = () => {
    scheduled = false;
    while (running < opts.inFlight && queue.length > 0) {
      const batch = queue.slice(0, opts.maxBatch);
      queue = queue.slice(batch.length);
      running++;
      batches++;
      items += batch.length;
      void execute(batch);
    }
  };

  const execute = async (batch: Waiting<I, O>[]) => {
    let out: O[];
    try {
      out = await opts.run(batch.map((w) => w.item));
      if (out.length !== batch.length) throw new Error(`batch answered ${out.length} of ${batch.length}`);
    } catch (err) {
      for (const w of batch) w.reject(err);
      return;
    } finally {
      running--;
      if (queue.length > 0) start();
    }
    // The answers are handed back on the event loop's next check phase: the next batch, started
    // above, first runs every step it can without waiting for I/O, up to sending its statement, and
    // only then do this batch's callers go on to write their responses. Handed back at once, the
    // callers' steps interleave with the next batch's and its statement waited for their socket writes.
    setImmediate(() => {
      for (const [i, w] of batch.entries()) w.resolve(out[i]);
    });
  };

  const submit = ((item: I) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      // Requests read from the sockets in the same turn of the event loop join one batch.
      if (!scheduled && running < opts.inFlight) {
        scheduled = true;
        setImmediate(start);
      }
    })) as Batcher<I, O>;
  submit.stats = () => ({ batches, items });
  submit.idle = () => queue.length === 0 && running === 0 && !scheduled;
  return submit;
}

/** Batches one app keeps in flight on one path: a quarter of its database pool, at least one. */
export const batchSlots = (poolSize: number) => Math.max(1, Math.floor(poolSize / 4));

/** One value per owner (an app's context), made on first use: where each app keeps its batchers. */
export function onePer<K extends object, V>(make: (owner: K) => V): (owner: K) => V {
  const made = new WeakMap<K, V>();
  return (owner) => {
    let v = made.get(owner);
    if (v === undefined) {
      v = make(owner);
      made.set(owner, v);
    }
    return v;
  };
}

/** Batches run and items carried by several batchers together. */
export function sumStats(batchers: Iterable<Batcher<never, unknown>>) {
  let batches = 0;
  let items = 0;
  for (const b of batchers) {
    batches += b.stats().batches;
    items += b.stats().items;
  }
  return { batches, items };
}

/**
 * Batchers of one write path, one per app and merchant (made on first use; idle ones dropped once
 * many merchants have used the path). `run` answers null for a request its batch did not make;
 * a batch that throws is undone as a whole, logged, and answers null for every request — the
 * caller's full path then answers each. Counts what the batches carried, made and lost.
 */
export function merchantBatchers<C extends { log: { warn(obj: object, msg: string): void } }, I, O>(opts: {
  /** What the log calls this path. */
  name: string;
  maxBatch: number;
  inFlight: number;
  run(ctx: C, merchantId: number, batch: I[]): Promise<(O | null)[]>;
}) {
  const made = new WeakMap<C, number>();
  const failed = new WeakMap<C, number>();
  const batchersOf = onePer((_: C) => new Map<number, Batcher<I, O | null>>());
  const add = (counts: WeakMap<C, number>, ctx: C, n: number) => counts.set(ctx, (counts.get(ctx) ?? 0) + n);

  const batcherOf = (ctx: C, merchantId: number) => {
    const all = batchersOf(ctx);
    let b = all.get(merchantId);
    if (!b) {
      if (all.size >= 1000) for (const [m, old] of all) if (old.idle()) all.delete(m);
      b = createBatcher<I, O | null>({
        maxBatch: opts.maxBatch,
        inFlight: opts.inFlight,
        run: async (batch) => {
          try {
            const out = await opts.run(ctx, merchantId, batch);
            add(made, ctx, out.filter((o) => o !== null).length);
            return out;
          } catch (err) {
            add(failed, ctx, 1);
            ctx.log.warn({ err }, `${opts.name} batch undone; its requests take the full path`);
            return batch.map(() => null);
          }
        },
      });
      all.set(merchantId, b);
    }
    return b;
  };

  return {
    submit: (ctx: C, merchantId: number, item: I) => batcherOf(ctx, merchantId)(item),
    /** Batches run, requests they carried and made (the rest went the full path), batches undone. */
    stats: (ctx: C) => ({
      ...sumStats(batchersOf(ctx).values()),
      made: made.get(ctx) ?? 0,
      failed: failed.get(ctx) ?? 0,
    }),
  };
}
