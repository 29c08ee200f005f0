// Orders written by a batch statement of its own (decision 007): paid zero-price checkouts whose
// goods a fulfiller settles without reading or writing anything (`Fulfiller.atPayment`) and which
// stay paid until shipped — online code redemptions of physical goods. The rows are the ones
// createOrdersFromCheckouts writes for such checkouts: the order, its item, the fulfilment and the
// `order.paid` audit row. At a price of zero no points are earned, no commission is due and no
// coupon is used, and nothing completes, so there is nothing else to write.
import { type RawBuilder, sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { OrderStatus, ProductRow } from '../../db/schema.ts';
import { batchAuditInsert } from '../audit/audit.repo.ts';
import { SYSTEM_ACTOR } from '../audit/audit.service.ts';
import type { FulfilmentResult } from './fulfilment.ts';
import { drawOrderNos } from './order-placement.ts';
import { PRODUCT_TYPES } from './product-types.ts';

/** What `product`'s fulfiller gives at payment when a batch statement can write it; else null. */
export function waitingAtPayment(ctx: AppContext, product: ProductRow): FulfilmentResult | null {
  const res = ctx.fulfilment.get(product.type)?.atPayment;
  if (!res) return null;
  return res.status !== 'delivered' || PRODUCT_TYPES[product.type].shipped ? res : null;
}

/** One zero-price order of one line. */
export interface WaitingOrder {
  memberId: number;
  quote: string;
  buyer: string;
  product: ProductRow;
  quantity: number;
  fulfilment: FulfilmentResult;
}

/** As createOrdersFromCheckouts writes it. */
const PAID: OrderStatus = 'paid';

/** The CTE `oids(k, id)`: n order ids drawn ahead from the sequence, numbered k = 1…n. */
export const newOrderIds = (n: number) =>
  sql`oids as materialized (
      select k, nextval(pg_get_serial_sequence('orders', 'id')) as id from generate_series(1, ${n}::int) k
    )`;

/**
 * The CTEs writing the orders of the checkouts in the statement's `ids(id, k)` CTE (entry k−1 of
 * `orders` is checkout k's), under order numbers drawn here (or `ahead.orderNos`, and the ids of an
 * earlier `oids` CTE, newOrderIds, with `ahead.ids`). `ok(k, id, checkout_id, order_no)` holds the
 * orders made: one whose number was taken is missing (ON CONFLICT DO NOTHING keeps the transaction
 * usable), and the caller places it again under another number.
 */
export function waitingOrdersCtes(
  merchantId: number,
  at: number,
  channel: 'purchase' | 'redemption',
  orders: WaitingOrder[],
  ahead?: { orderNos: string[]; ids: boolean },
): RawBuilder<unknown> {
  const orderNos = ahead?.orderNos ?? drawOrderNos(orders.map(() => at));
  const drawn = ahead?.ids === true;
  return sql`o as (
      insert into orders (${drawn ? sql`id, ` : sql``}merchant_id, member_id, checkout_id, order_no, status, channel,
                          total_cents, points_used, points_earned, quote, buyer, paid_at, created_at, updated_at)
      select ${drawn ? sql`oids.id, ` : sql``}${merchantId}::bigint, t.member_id, ids.id, t.order_no, ${PAID}::text,
             ${channel}::text, 0, 0, 0, t.quote, t.buyer, ${at}::bigint, ${at}::bigint, ${at}::bigint
      from unnest(${orders.map((o) => o.memberId)}::bigint[], ${orderNos}::text[], ${orders.map((o) => o.quote)}::text[],
                  ${orders.map((o) => o.buyer)}::text[])
        with ordinality as t(member_id, order_no, quote, buyer, k)
      join ids using (k)${drawn ? sql` join oids using (k)` : sql``}
      on conflict (order_no) do nothing
      returning id, checkout_id, order_no
    ),
    ok as (select ids.k, o.id, o.checkout_id, o.order_no from o join ids on ids.id = o.checkout_id),
    oi as (
      insert into order_items (order_id, merchant_id, product_id, product_type, product_name, quantity,
                               unit_price_cents, payable_cents)
      select ok.id, ${merchantId}::bigint, t.product_id, t.product_type, t.product_name, t.quantity, 0, 0
      from unnest(${orders.map((o) => o.product.id)}::bigint[], ${orders.map((o) => o.product.type)}::text[],
                  ${orders.map((o) => o.product.name)}::text[], ${orders.map((o) => o.quantity)}::int[])
        with ordinality as t(product_id, product_type, product_name, quantity, k)
      join ok using (k)
      returning id, order_id
    ),
    f as (
      insert into fulfilments (order_item_id, merchant_id, status, result, created_at)
      select oi.id, ${merchantId}::bigint, t.status, t.result, ${at}::bigint
      from oi join ok on ok.id = oi.order_id
      join unnest(${orders.map((o) => o.fulfilment.status)}::text[],
                  ${orders.map((o) => JSON.stringify(o.fulfilment.result ?? null))}::text[])
        with ordinality as t(status, result, k) using (k)
    ),
    pa as (${batchAuditInsert({
      merchantId,
      at,
      action: 'order.paid',
      targetType: 'order',
      entries: orders.map(() => ({ actor: SYSTEM_ACTOR })),
      targets: {
        join: sql`join ok using (k)`,
        id: sql`ok.id`,
        after: sql`json_build_object('orderNo', ok.order_no, 'status', ${PAID}::text, 'totalCents', 0,
                                     'checkoutId', ok.checkout_id)`,
      },
    })})`;
}
