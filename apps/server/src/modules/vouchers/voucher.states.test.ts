import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VoucherState } from '../../db/schema.ts';
import { INITIAL_STATE, next, VOUCHER_TRANSITIONS, type VoucherAction } from './voucher.states.ts';

const actions = Object.keys(VOUCHER_TRANSITIONS) as VoucherAction[];
const ALLOWED: Record<VoucherState, VoucherState[]> = {
  unused: ['used', 'expired', 'disabled', 'gifting'],
  used: ['unused'],
  expired: [],
  disabled: ['unused'],
  gifting: ['unused'],
};

describe('voucher state table (properties)', () => {
  it('no sequence of operations reaches a state or a step the table forbids', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...actions), { maxLength: 60 }), (seq) => {
        let state: VoucherState = INITIAL_STATE;
        let uses = 0;
        for (const a of seq) {
          const to = next(state, a);
          if (to === null) continue;
          expect(ALLOWED[state]).toContain(to);
          if (a === 'verify') uses++;
          if (a === 'undo') uses--;
          state = to;
          // Used at most once at any moment: verify needs unused, undo needs used.
          expect(uses === 1).toBe(state === 'used');
        }
        return true;
      }),
      { numRuns: 3000 },
    );
  });

  it('expired, used-then-verify and gifting-then-verify are refused', () => {
    expect(next('expired', 'verify')).toBeNull();
    expect(next('used', 'verify')).toBeNull();
    expect(next('gifting', 'verify')).toBeNull();
    expect(next('disabled', 'verify')).toBeNull();
    expect(next('expired', 'undo')).toBeNull();
  });
});
