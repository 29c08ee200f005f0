// The commission ledger (S0.6, S1.6): when an order is paid, each item earns distributor
// commission for up to three referrers up the buyer's chain, a team dividend for the buyer's
// nearest team captain, a shareholder dividend into the pool, and — for goods with an address
// only, never gift cards or card keys — a regional-agent commission. Entries settle after the
// after-sales window once the order completes (at once for non-refundable card keys) and are
// reversed on refund. One entry per item and kind (a unique key), so replays write nothing new.
import type { CommissionEntry, CommissionSummary } from '@kaquan/contracts';
import type { Insertable } from 'kysely';
import type {
  CommissionEntryTable,
  CommissionKind,
  Executor,
  OrderItemRow,
  OrderRow,
  ProductRow,
} from '../../db/schema.ts';
import { iso, isoOrNull } from '../../lib/time.ts';
import { PRODUCT_TYPES } from '../commerce/product-types.ts';
import * as repo from './commission.repo.ts';

const MAX_CHAIN = 20;

type ChainMember = { id: number; referrerId: number | null; teamCaptain: number };

/** The buyers and every member up their referrer chains (MAX_CHAIN levels), by id. */
async function chainsOf(exec: Executor, merchantId: number, buyerIds: number[]) {
  const known = new Map<number, ChainMember>();
  for (const r of await repo.chainsOf(exec, merchantId, [...new Set(buyerIds)], MAX_CHAIN))
    known.set(r.id, r);
  return known;
}

/** Up to three distributors above the buyer, and the nearest team captain above them. */
function beneficiaries(chain: Map<number, ChainMember>, buyerId: number) {
  const distributors: number[] = [];
  let captain: number | null = null;
  let cursor = chain.get(buyerId)?.referrerId ?? null;
  for (let depth = 0; cursor !== null && depth < MAX_CHAIN; depth++) {
    const m = chain.get(cursor);
    if (!m || m.id === buyerId) break;
    if (distributors.length < 3) distributors.push(m.id);
    if (captain === null && m.teamCaptain === 1) captain = m.id;
    if (distributors.length === 3 && captain !== null) break;
    cursor = m.referrerId;
  }
  return { distributors, captain };
}

export interface PaidOrder {
  order: OrderRow;
  items: OrderItemRow[];
}

/** Writes the commission entries of orders just paid (all of one merchant); how many. */
export async function recordForOrders(
  exec: Executor,
  merchantId: number,
  paid: PaidOrder[],
  products: Map<number, ProductRow>,
): Promise<number> {
  const eligibleOf = (items: OrderItemRow[]) =>
    items.filter((i) => products.get(i.productId)?.commissionEnabled === 1 && i.payableCents > 0);
  const earning = paid.filter((o) => eligibleOf(o.items).length > 0);
  if (earning.length === 0) return 0;
  const chain = await chainsOf(
    exec,
    merchantId,
    earning.map((o) => o.order.memberId),
  );
  const regionOf = (o: OrderRow) => (JSON.parse(o.buyer) as { region?: string }).region;
  const regions = [...new Set(earning.flatMap((o) => regionOf(o.order) ?? []))];
  const agents = new Map<string, number>();
  for (const a of await repo.agentsOfRegions(exec, merchantId, regions))
    if (a.agentRegion !== null && !agents.has(a.agentRegion)) agents.set(a.agentRegion, a.id);

  const rows: Insertable<CommissionEntryTable>[] = [];
  for (const { order, items } of earning) {
    const { distributors, captain } = beneficiaries(chain, order.memberId);
    const region = regionOf(order);
    const agent = region ? (agents.get(region) ?? null) : null;
    for (const item of eligibleOf(items)) {
      const p = products.get(item.productId)!;
      const rules = PRODUCT_TYPES[item.productType];
      const immediate = !rules.refundable;
      const add = (kind: CommissionKind, beneficiaryId: number | null, rateBp: number) => {
        const amountCents = Math.floor((item.payableCents * rateBp) / 10_000);
        if (rateBp <= 0 || amountCents <= 0) return;
        rows.push({
          merchantId: order.merchantId,
          orderId: order.id,
          orderItemId: item.id,
          kind,
          beneficiaryId,
          baseCents: item.payableCents,
          rateBp,
          amountCents,
          status: immediate ? 'settled' : 'pending',
          settleAfter: immediate ? order.paidAt : null,
          settledAt: immediate ? order.paidAt : null,
          reversedAt: null,
          createdAt: order.paidAt,
        });
      };
      const rates = [p.distributorBp1, p.distributorBp2, p.distributorBp3];
      distributors.forEach((id, level) => {
        add(`distributor_l${level + 1}` as CommissionKind, id, rates[level]);
      });
      if (captain !== null) add('team_dividend', captain, p.teamBp);
      add('shareholder_dividend', null, p.shareholderBp);
      if (rules.regionalAgent && agent !== null && agent !== order.memberId)
        add('regional_agent', agent, p.regionalBp);
    }
  }
  await repo.insertEntries(exec, rows);
  return rows.length;
}

/** The order completed: its pending entries settle once the after-sales window has passed. */
export const scheduleSettlement = (
  exec: Executor,
  orderIds: number[],
  completedAt: number,
  afterSalesDays: number,
) => repo.scheduleSettlement(exec, orderIds, completedAt + afterSalesDays * 86_400_000);

export const settleDue = (exec: Executor, at: number) => repo.settleDue(exec, at);

export const reverseForOrder = (exec: Executor, orderId: number, at: number) =>
  repo.reverseOrder(exec, orderId, at);

export async function listEntries(
  exec: Executor,
  merchantId: number,
  f: repo.EntryFilter & { page?: number; pageSize?: number },
) {
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 20;
  const { rows, total } = await repo.listEntries(exec, merchantId, f, pageSize, (page - 1) * pageSize);
  const items: CommissionEntry[] = rows.map((r) => ({
    id: r.id,
    orderId: r.orderId,
    orderNo: r.orderNo,
    orderItemId: r.orderItemId,
    productName: r.productName,
    kind: r.kind,
    beneficiaryId: r.beneficiaryId,
    beneficiaryPhone: r.beneficiaryPhone,
    baseCents: r.baseCents,
    rateBp: r.rateBp,
    amountCents: r.amountCents,
    status: r.status,
    settleAfter: isoOrNull(r.settleAfter),
    settledAt: isoOrNull(r.settledAt),
    reversedAt: isoOrNull(r.reversedAt),
    createdAt: iso(r.createdAt),
  }));
  return { items, total, page, pageSize };
}

export async function summary(exec: Executor, merchantId: number, q: { page?: number; pageSize?: number }) {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const [rows, count] = await repo.summary(exec, merchantId, pageSize, (page - 1) * pageSize);
  const items: CommissionSummary[] = rows.map((r) => ({
    beneficiaryId: r.beneficiaryId,
    beneficiaryPhone: r.beneficiaryPhone,
    pendingCents: Number(r.pendingCents),
    settledCents: Number(r.settledCents),
    reversedCents: Number(r.reversedCents),
    entries: Number(r.entries),
  }));
  return { items, total: Number(count.n), page, pageSize };
}
