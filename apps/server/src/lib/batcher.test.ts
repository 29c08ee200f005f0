import { describe, expect, it } from 'vitest';
import { createBatcher } from './batcher.ts';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('batcher', () => {
  it('answers each item in order and gathers items that arrive while a batch runs', async () => {
    const seen: number[][] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const double = createBatcher<number, number>({
      maxBatch: 100,
      inFlight: 1,
      run: async (items) => {
        seen.push(items);
        if (seen.length === 1) await gate;
        return items.map((x) => x * 2);
      },
    });
    const first = double(1);
    await tick(); // the first batch (one item) is running and holds the only slot
    const rest = [2, 3, 4, 5].map((x) => double(x));
    await tick();
    expect(seen).toEqual([[1]]);
    release();
    expect(await Promise.all([first, ...rest])).toEqual([2, 4, 6, 8, 10]);
    expect(seen).toEqual([[1], [2, 3, 4, 5]]);
    expect(double.stats()).toEqual({ batches: 2, items: 5 });
  });

  it('caps a batch at maxBatch and runs up to inFlight batches at once', async () => {
    let running = 0;
    let most = 0;
    const sizes: number[] = [];
    const echo = createBatcher<number, number>({
      maxBatch: 3,
      inFlight: 2,
      run: async (items) => {
        running++;
        most = Math.max(most, running);
        sizes.push(items.length);
        await tick();
        running--;
        return items;
      },
    });
    const out = await Promise.all(Array.from({ length: 10 }, (_, i) => echo(i)));
    expect(out).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Math.max(...sizes)).toBe(3);
    expect(most).toBe(2);
  });

  it('fails every item of a failed batch, and keeps serving later ones', async () => {
    let fail = true;
    const b = createBatcher<number, number>({
      maxBatch: 10,
      inFlight: 1,
      run: async (items) => {
        if (fail) throw new Error('database gone');
        return items;
      },
    });
    const failed = await Promise.allSettled([b(1), b(2)]);
    expect(failed.map((f) => f.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await b(3)).toBe(3);
  });

  it("sends the next batch before the one before's callers go on", async () => {
    const events: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const b = createBatcher<string, string>({
      maxBatch: 10,
      inFlight: 1,
      run: async (items) => {
        if (items[0] === 'a') await gate;
        // A batch's steps before its statement goes out (settings, the plan, the pool): many
        // turns of the microtask queue, none waiting for I/O.
        for (let i = 0; i < 50; i++) await Promise.resolve();
        events.push(`sent ${items.join('')}`);
        return items;
      },
    });
    const a = b('a').then(() => events.push('a answered'));
    await tick();
    const later = [b('b'), b('c')];
    await tick();
    release();
    await Promise.all([a, ...later]);
    expect(events).toEqual(['sent a', 'sent bc', 'a answered']);
  });

  it('refuses an answer of the wrong length', async () => {
    const b = createBatcher<number, number>({ maxBatch: 10, inFlight: 1, run: async () => [] });
    await expect(b(1)).rejects.toThrow(/answered 0 of 1/);
  });
});

describe('batcher idle', () => {
  it('is idle before and after its work, not while an item waits or runs', async () => {
    let release: () => void = () => {};
    const b = createBatcher<number, number>({
      maxBatch: 10,
      inFlight: 1,
      run: (items) =>
        new Promise((r) => {
          release = () => r(items);
        }),
    });
    expect(b.idle()).toBe(true);
    const p = b(1);
    expect(b.idle()).toBe(false);
    await tick();
    expect(b.idle()).toBe(false);
    release();
    await p;
    expect(b.idle()).toBe(true);
  });
});
