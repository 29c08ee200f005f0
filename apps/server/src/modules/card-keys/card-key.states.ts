// Card-key states and moves, written once; the repo's `WHERE state` comes from here.
//
//   available ──occupy───────▶ occupied ──sellReserved──▶ sold   (activities, S1.10)
//   available ──sell─────────▶ sold                              (order paid, scratch-card win)
//   occupied ──release───────▶ available                         (released, or the hold expired)
//   available ──delete───────▶ deleted                           (never occupied or sold, S1.8)
import type { CardKeyState } from '../../db/schema.ts';

export type KeyMove = 'occupy' | 'sell' | 'sellReserved' | 'release' | 'delete';

export const KEY_MOVES: Record<KeyMove, { from: CardKeyState[]; to: CardKeyState }> = {
  occupy: { from: ['available'], to: 'occupied' },
  sell: { from: ['available'], to: 'sold' },
  sellReserved: { from: ['occupied'], to: 'sold' },
  release: { from: ['occupied'], to: 'available' },
  delete: { from: ['available'], to: 'deleted' },
};

/** The counter change of one key moving from `from` to `to`. */
export function counterDelta(from: CardKeyState, to: CardKeyState, n = 1) {
  const d: Record<string, number> = { available: 0, occupied: 0, sold: 0 };
  if (from in d) d[from] -= n;
  if (to in d) d[to] += n;
  return d as { available: number; occupied: number; sold: number };
}

/**
 * Activity kinds (S1.5): card keys may be the goods of these; social gifting, N-choose, combo
 * packages, presale, reservation, gift and multi-merchant plugins may never use them.
 */
export const ACTIVITY_KINDS = [
  'bargain',
  'scratch_card',
  'nine_grid',
  'lucky_draw',
  'group_buy',
  'flash_sale',
];
export const REFUSED_ACTIVITY_KINDS = [
  'social_gift',
  'n_choose',
  'combo',
  'presale',
  'reservation',
  'gift',
  'multi_merchant',
];
