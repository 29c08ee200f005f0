// Voucher states and transitions, written once. Every transition is one conditional UPDATE
// (`WHERE state IN from`); `expired` is also read off the validity window (an unused voucher past
// its end shows as expired without anyone writing it).
//
//   issue ──▶ unused ──verify──▶ used ──undo──▶ unused
//             unused ──expire──▶ expired
//             unused ──disable─▶ disabled ──enable──▶ unused
//             unused ──gift────▶ gifting ──accept|cancel|return──▶ unused
import type { VoucherState } from '../../db/schema.ts';

export type VoucherAction = 'verify' | 'undo' | 'expire' | 'disable' | 'enable' | 'gift' | 'settle_gift';

export const VOUCHER_TRANSITIONS: Record<VoucherAction, { from: VoucherState[]; to: VoucherState }> = {
  verify: { from: ['unused'], to: 'used' },
  undo: { from: ['used'], to: 'unused' },
  expire: { from: ['unused'], to: 'expired' },
  disable: { from: ['unused'], to: 'disabled' },
  enable: { from: ['disabled'], to: 'unused' },
  gift: { from: ['unused'], to: 'gifting' },
  settle_gift: { from: ['gifting'], to: 'unused' },
};

export const INITIAL_STATE: VoucherState = 'unused';

/** The next state, or null when the table forbids the action from `state`. */
export function next(state: VoucherState, action: VoucherAction): VoucherState | null {
  const t = VOUCHER_TRANSITIONS[action];
  return t.from.includes(state) ? t.to : null;
}

/** What a member sees: an unused voucher past its window is expired. */
export function shownState(v: { state: VoucherState; validUntil: number }, at: number): VoucherState {
  return v.state === 'unused' && v.validUntil < at ? 'expired' : v.state;
}
