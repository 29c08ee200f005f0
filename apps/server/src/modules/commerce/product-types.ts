// What each product type asks of the buyer and allows, in one table (S0.1, S0.6, S1.1, S1.2, S1.7).
import type { ProductType } from '../../db/schema.ts';

export interface ProductTypeRules {
  /** What the buyer must give at checkout. */
  buyerNeeds: 'address' | 'name_phone' | 'none';
  cartAllowed: boolean;
  /** Paid orders may be cancelled or refunded. */
  refundable: boolean;
  /** Regional-agent commission can apply (needs an address). */
  regionalAgent: boolean;
  /** Shipped by the merchant (ship → complete) rather than delivered at payment. */
  shipped: boolean;
}

export const PRODUCT_TYPES: Record<ProductType, ProductTypeRules> = {
  physical: {
    buyerNeeds: 'address',
    cartAllowed: true,
    refundable: true,
    regionalAgent: true,
    shipped: true,
  },
  gift_card: {
    buyerNeeds: 'none',
    cartAllowed: true,
    refundable: true,
    regionalAgent: false,
    shipped: false,
  },
  card_key: {
    buyerNeeds: 'name_phone',
    cartAllowed: false,
    refundable: false,
    regionalAgent: false,
    shipped: false,
  },
  voucher: { buyerNeeds: 'none', cartAllowed: true, refundable: true, regionalAgent: true, shipped: false },
};
