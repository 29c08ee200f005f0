// Order states and transitions, written once. Every transition is applied with one conditional
// UPDATE (`WHERE status IN from`), so two racing actions cannot both succeed.
//
//   paid ──fulfil──▶ fulfilled ──complete──▶ completed      (delivered goods complete at once, S0.1)
//   paid ──ship────▶ shipped ───complete/confirm──▶ completed (physical goods)
//   paid ──cancel──▶ cancelled                               (refunds the payment)
//   fulfilled | shipped | completed ──refund──▶ refunded     (never for card keys, S1.1)
import type { OrderStatus } from '../../db/schema.ts';

export type OrderAction = 'fulfil' | 'ship' | 'complete' | 'confirm' | 'cancel' | 'refund';

export interface Transition {
  from: OrderStatus[];
  to: OrderStatus;
  /** Who may ask for it. */
  by: 'system' | 'staff' | 'member';
  /** Gives the money back (and so needs a refundable order). */
  refunds: boolean;
  /** Needs a shipped (physical) order, or a delivered one. */
  needs?: 'shipped_goods' | 'delivered_goods';
  stamp?: 'shippedAt' | 'completedAt' | 'closedAt';
}

export const ORDER_TRANSITIONS: Record<OrderAction, Transition> = {
  fulfil: { from: ['paid'], to: 'fulfilled', by: 'system', refunds: false, needs: 'delivered_goods' },
  ship: {
    from: ['paid'],
    to: 'shipped',
    by: 'staff',
    refunds: false,
    needs: 'shipped_goods',
    stamp: 'shippedAt',
  },
  complete: {
    from: ['fulfilled', 'shipped'],
    to: 'completed',
    by: 'staff',
    refunds: false,
    stamp: 'completedAt',
  },
  confirm: { from: ['shipped'], to: 'completed', by: 'member', refunds: false, stamp: 'completedAt' },
  cancel: { from: ['paid'], to: 'cancelled', by: 'staff', refunds: true, stamp: 'closedAt' },
  refund: {
    from: ['fulfilled', 'shipped', 'completed'],
    to: 'refunded',
    by: 'staff',
    refunds: true,
    stamp: 'closedAt',
  },
};

/** The actions `who` may take on an order now. */
export function allowedActions(
  order: { status: OrderStatus; refundable: boolean; shipped: boolean },
  who: 'staff' | 'member',
): OrderAction[] {
  return (Object.keys(ORDER_TRANSITIONS) as OrderAction[]).filter((a) => {
    const t = ORDER_TRANSITIONS[a];
    if (t.by !== who || !t.from.includes(order.status)) return false;
    if (t.refunds && !order.refundable) return false;
    if (t.needs === 'shipped_goods' && !order.shipped) return false;
    if (t.needs === 'delivered_goods' && order.shipped) return false;
    return true;
  });
}
