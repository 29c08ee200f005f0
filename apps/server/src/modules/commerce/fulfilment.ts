// The fulfilment hook: one fulfiller per product type, registered by the module that owns the
// goods (codes for gift cards, card keys, vouchers). It runs inside the payment transaction, once
// per order item (a unique row in `fulfilments` guarantees once), and says what the buyer got.
import type { Transaction } from 'kysely';
import type { DB, OrderItemRow, OrderRow, ProductRow, ProductType } from '../../db/schema.ts';

export interface FulfilmentInput {
  trx: Transaction<DB>;
  order: OrderRow;
  item: OrderItemRow;
  product: ProductRow;
}

export interface FulfilmentResult {
  /** `awaiting_stock`: paid, but the goods' source was short; delivered later (card keys). */
  status: 'delivered' | 'awaiting_shipment' | 'awaiting_stock';
  /** Shown to the buyer in the order detail (e.g. masked codes, card keys, voucher ids). */
  result: unknown;
}

export interface Fulfiller {
  fulfil(input: FulfilmentInput): Promise<FulfilmentResult>;
  /**
   * What fulfil() gives for any item when it reads and writes nothing (physical goods wait to be
   * shipped): a batch statement may then write the fulfilment itself (order-placement.batch.ts).
   */
  atPayment?: FulfilmentResult;
  /** Undo a delivery when a refundable order is refunded (disable codes, revoke vouchers). */
  revoke?(input: FulfilmentInput): Promise<void>;
  /** Checks a product's fulfilRef when it is saved (throws a 4xx AppError when it is not usable). */
  checkRef?(
    exec: Transaction<DB> | import('kysely').Kysely<DB>,
    merchantId: number,
    ref: string | null,
  ): Promise<void>;
  /** Stock buyers may buy now, when it depends on more than the product's own stock. */
  available?(
    trx: Transaction<DB> | import('kysely').Kysely<DB>,
    product: Pick<ProductRow, 'merchantId' | 'fulfilRef'>,
  ): Promise<number>;
}

export class FulfilmentRegistry {
  readonly #byType = new Map<ProductType, Fulfiller>();

  register(type: ProductType, fulfiller: Fulfiller): void {
    if (this.#byType.has(type)) throw new Error(`a fulfiller for ${type} is already registered`);
    this.#byType.set(type, fulfiller);
  }

  get(type: ProductType): Fulfiller | undefined {
    return this.#byType.get(type);
  }

  has(type: ProductType): boolean {
    return this.#byType.has(type);
  }
}

/** Physical goods: nothing to deliver at payment; the merchant ships them. */
const AWAITING_SHIPMENT: FulfilmentResult = { status: 'awaiting_shipment', result: null };
export const physicalFulfiller: Fulfiller = {
  atPayment: AWAITING_SHIPMENT,
  async fulfil() {
    return AWAITING_SHIPMENT;
  },
};
