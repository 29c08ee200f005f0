// The daily limit as a batch plans it (S0.9): the plans that keep each member within K redemptions
// of the day, given the counts the batch read, in the order the requests came.
import { describe, expect, it } from 'vitest';
import { withinDailyLimit } from './redemption.plan.ts';
import type { Planned } from './redemption.write.ts';

/** A plan of request k by `memberId`: only what the limit looks at. */
const plan = (k: number, memberId: number) => ({ k, req: { caller: { memberId } } }) as unknown as Planned;

describe('withinDailyLimit', () => {
  it('keeps each member to the limit, counting what the day already holds, in order', () => {
    const planned = [plan(0, 1), plan(1, 2), plan(2, 1), plan(3, 2), plan(4, 2), plan(5, 2), plan(6, 3)];
    const counts = new Map([
      [1, 2],
      [2, 0],
    ]);
    const kept = withinDailyLimit(planned, counts, 3);
    // Member 1 had 2 of 3: one more. Member 2 had none: three. Member 3, not counted yet: one.
    expect(kept.map((p) => p.k)).toEqual([0, 1, 3, 4, 6]);
    // The counts read stay as they were (the statement takes them again).
    expect([...counts]).toEqual([
      [1, 2],
      [2, 0],
    ]);
  });

  it('keeps nothing of a member already at the limit, and everything under a limit no one reaches', () => {
    const planned = [plan(0, 7), plan(1, 8), plan(2, 7)];
    expect(withinDailyLimit(planned, new Map([[7, 1]]), 1).map((p) => p.k)).toEqual([1]);
    expect(withinDailyLimit(planned, new Map(), 5).map((p) => p.k)).toEqual([0, 1, 2]);
  });
});
