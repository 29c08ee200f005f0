import type { Insertable } from 'kysely';
import { pageOf } from '../../db/query.ts';
import type {
  Executor,
  FulfilmentTable,
  OrderItemTable,
  OrderStatus,
  OrderTable,
  ProductType,
} from '../../db/schema.ts';

/** The orders inserted; one whose order number is taken is left out (the caller draws another). */
export const insertOrders = (exec: Executor, rows: Insertable<OrderTable>[]) =>
  exec
    .insertInto('orders')
    .values(rows)
    .onConflict((oc) => oc.column('orderNo').doNothing())
    .returningAll()
    .execute();

export const insertItems = (exec: Executor, items: Insertable<OrderItemTable>[]) =>
  exec.insertInto('orderItems').values(items).returningAll().execute();

export const insertFulfilments = (exec: Executor, rows: Insertable<FulfilmentTable>[]) =>
  rows.length === 0
    ? Promise.resolve()
    : exec
        .insertInto('fulfilments')
        .values(rows)
        .execute()
        .then(() => {});

/** A fulfilment that was waiting (for stock) becomes delivered; undefined when it was not waiting. */
export const markFulfilmentDelivered = (exec: Executor, orderItemId: number, result: string) =>
  exec
    .updateTable('fulfilments')
    .set({ status: 'delivered', result })
    .where('orderItemId', '=', orderItemId)
    .where('status', '=', 'awaiting_stock')
    .returning('merchantId')
    .executeTakeFirst();

export const undeliveredItems = (exec: Executor, orderId: number) =>
  exec
    .selectFrom('fulfilments as f')
    .innerJoin('orderItems as i', 'i.id', 'f.orderItemId')
    .where('i.orderId', '=', orderId)
    .where('f.status', '!=', 'delivered')
    .select('f.id')
    .execute();

export const findOrder = (exec: Executor, merchantId: number, id: number) =>
  exec
    .selectFrom('orders as o')
    .innerJoin('members as m', 'm.id', 'o.memberId')
    .where('o.merchantId', '=', merchantId)
    .where('o.id', '=', id)
    .selectAll('o')
    .select('m.phone as memberPhone')
    .executeTakeFirst();

export const findOrderByCheckout = (exec: Executor, checkoutId: number) =>
  exec
    .selectFrom('orders')
    .where('checkoutId', '=', checkoutId)
    .select(['id', 'merchantId'])
    .executeTakeFirst();

export const itemsOf = (exec: Executor, orderIds: number[]) =>
  orderIds.length === 0
    ? Promise.resolve([])
    : exec
        .selectFrom('orderItems as i')
        .leftJoin('fulfilments as f', 'f.orderItemId', 'i.id')
        .where('i.orderId', 'in', orderIds)
        .selectAll('i')
        .select([
          'f.status as fulfilmentStatus',
          'f.result as fulfilmentResult',
          'f.createdAt as fulfilledAt',
        ])
        .orderBy('i.id')
        .execute();

export interface OrderFilter {
  status?: OrderStatus;
  type?: ProductType;
  q?: string;
  memberId?: number;
  from?: number;
  to?: number;
}

export async function listOrders(
  exec: Executor,
  merchantId: number,
  f: OrderFilter,
  limit: number,
  offset: number,
) {
  let q = exec
    .selectFrom('orders as o')
    .innerJoin('members as m', 'm.id', 'o.memberId')
    .where('o.merchantId', '=', merchantId);
  if (f.status) q = q.where('o.status', '=', f.status);
  if (f.memberId) q = q.where('o.memberId', '=', f.memberId);
  if (f.from !== undefined) q = q.where('o.paidAt', '>=', f.from);
  if (f.to !== undefined) q = q.where('o.paidAt', '<', f.to);
  if (f.q) {
    const text = f.q;
    q = q.where((eb) => eb.or([eb('o.orderNo', '=', text), eb('m.phone', '=', text)]));
  }
  if (f.type) {
    const type = f.type;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('orderItems as i')
          .whereRef('i.orderId', '=', 'o.id')
          .where('i.productType', '=', type)
          .select('i.id'),
      ),
    );
  }
  return pageOf(q, (q) =>
    q.selectAll('o').select('m.phone as memberPhone').orderBy('o.id', 'desc').limit(limit).offset(offset),
  );
}

type OrderMove = Partial<
  Pick<OrderTable, 'status' | 'shippedAt' | 'completedAt' | 'closedAt' | 'carrier' | 'trackingNo'>
> & { updatedAt: number };

/** Applies a transition to orders of one merchant with one conditional UPDATE; the rows that moved. */
export const moveOrders = (
  exec: Executor,
  merchantId: number,
  ids: number[],
  from: OrderStatus[],
  set: OrderMove,
) =>
  exec
    .updateTable('orders')
    .set(set)
    .where('merchantId', '=', merchantId)
    .where('id', 'in', ids)
    .where('status', 'in', from)
    .returningAll()
    .execute();

/** moveOrders for one order: the new row, or nothing when the state moved on. */
export const moveOrder = (
  exec: Executor,
  merchantId: number,
  id: number,
  from: OrderStatus[],
  set: OrderMove,
) => moveOrders(exec, merchantId, [id], from, set).then((rows) => rows[0]);
