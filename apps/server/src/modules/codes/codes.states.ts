// Redemption-code states, written once. Every transition is one conditional UPDATE
// (`WHERE state IN from`); `expired` is read off the library's validity window (an unused code
// past the window shows as expired without anyone writing it).
//
//   generate|buy ──▶ unused ──redeem──▶ redeemed
//                    unused ──disable─▶ disabled ──enable──▶ unused
import type { CodeState } from '../../db/schema.ts';

export type CodeAction = 'redeem' | 'disable' | 'enable';

export const CODE_TRANSITIONS: Record<CodeAction, { from: CodeState[]; to: CodeState }> = {
  redeem: { from: ['unused'], to: 'redeemed' },
  disable: { from: ['unused'], to: 'disabled' },
  enable: { from: ['disabled'], to: 'unused' },
};

/** What staff and holders see: an unused code past its library's window is expired. */
export function shownCodeState(state: CodeState, validUntil: number | null, at: number): CodeState {
  return state === 'unused' && validUntil !== null && validUntil < at ? 'expired' : state;
}
