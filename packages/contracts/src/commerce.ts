// Commerce shapes: products, cart, quotes, checkouts, orders, member levels, points, commissions.
// Money is integer cents (fen); rates are basis points (1 bp = 0.01 %) unless named percent.
import { type Static, type TSchema, Type } from '@sinclair/typebox';

const Id = Type.Integer({ minimum: 1 });
const Instant = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Cents = Type.Integer({ minimum: 0, maximum: 100_000_000_00 });
const Bp = Type.Integer({ minimum: 0, maximum: 10_000 });

export const ProductType = Type.Union([
  Type.Literal('physical'),
  Type.Literal('gift_card'),
  Type.Literal('card_key'),
  Type.Literal('voucher'),
]);
export type ProductType = Static<typeof ProductType>;

export const CommerceSettings = Type.Object({
  checkoutTtlMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
  centsPerPoint: Type.Integer({ minimum: 1, maximum: 10_000 }),
  pointsPerYuan: Type.Integer({ minimum: 0, maximum: 10_000 }),
  pointsMaxSharePct: Type.Integer({ minimum: 0, maximum: 100 }),
  afterSalesDays: Type.Integer({ minimum: 0, maximum: 365 }),
});
export type CommerceSettings = Static<typeof CommerceSettings>;

export const MemberLevel = Type.Object({
  id: Id,
  name: Type.String(),
  discountPercent: Type.Integer({ minimum: 0, maximum: 100 }),
  createdAt: Instant,
});
export type MemberLevel = Static<typeof MemberLevel>;

export const MemberCommerce = Type.Object({
  memberId: Id,
  levelId: Nullable(Id),
  levelName: Nullable(Type.String()),
  /** Percent off of the member's level (5 = 95折), or null without a level. */
  levelDiscountPercent: Nullable(Type.Integer()),
  svipExpiresAt: Nullable(Instant),
  svipActive: Type.Boolean(),
  pointsBalance: Type.Integer(),
  referrerId: Nullable(Id),
  teamCaptain: Type.Boolean(),
  agentRegion: Nullable(Type.String()),
});
export type MemberCommerce = Static<typeof MemberCommerce>;

export const PointsEntry = Type.Object({
  id: Id,
  delta: Type.Integer(),
  balanceAfter: Type.Integer(),
  reason: Type.Union([
    Type.Literal('earn'),
    Type.Literal('spend'),
    Type.Literal('refund_spend'),
    Type.Literal('refund_earn'),
    Type.Literal('adjust'),
  ]),
  orderId: Nullable(Id),
  note: Nullable(Type.String()),
  at: Instant,
});
export type PointsEntry = Static<typeof PointsEntry>;

export const ProductCategory = Type.Object({
  id: Id,
  name: Type.String(),
  sort: Type.Integer(),
  createdAt: Instant,
});
export type ProductCategory = Static<typeof ProductCategory>;

export const CommissionRates = Type.Object({
  enabled: Type.Boolean(),
  distributorBp: Type.Array(Bp, { minItems: 3, maxItems: 3 }),
  teamBp: Bp,
  shareholderBp: Bp,
  /** Ignored (always 0) for gift cards and card keys. */
  regionalBp: Bp,
});
export type CommissionRates = Static<typeof CommissionRates>;

export const Product = Type.Object({
  id: Id,
  type: ProductType,
  categoryId: Nullable(Id),
  name: Type.String(),
  description: Type.String(),
  images: Type.Array(Type.String()),
  priceCents: Cents,
  stock: Type.Integer({ minimum: 0 }),
  sold: Type.Integer(),
  onSale: Type.Boolean(),
  couponAllowed: Type.Boolean(),
  pointsAllowed: Type.Boolean(),
  memberPriceAllowed: Type.Boolean(),
  svipAllowed: Type.Boolean(),
  svipPriceCents: Nullable(Cents),
  commission: CommissionRates,
  /** What fulfils it: a code library, card-key pool or voucher template id (by type). */
  fulfilRef: Nullable(Type.String()),
  /** What the buyer must give: an address, name + phone, or nothing. */
  buyerNeeds: Type.Union([Type.Literal('address'), Type.Literal('name_phone'), Type.Literal('none')]),
  /** Card keys are bought one at a time with "buy now", never from a cart. */
  cartAllowed: Type.Boolean(),
  refundable: Type.Boolean(),
  createdAt: Instant,
});
export type Product = Static<typeof Product>;

export const QuoteLine = Type.Object({
  kind: Type.Union([
    Type.Literal('item'),
    Type.Literal('member_discount'),
    Type.Literal('svip_price'),
    Type.Literal('coupon'),
    Type.Literal('points'),
  ]),
  productId: Nullable(Id),
  label: Type.String(),
  amountCents: Type.Integer(),
});

export const QuoteItem = Type.Object({
  productId: Id,
  name: Type.String(),
  quantity: Type.Integer(),
  unitPriceCents: Type.Integer(),
  memberUnitPriceCents: Type.Integer(),
  couponCents: Type.Integer(),
  pointsCents: Type.Integer(),
  payableCents: Type.Integer(),
});

export const Quote = Type.Object({
  items: Type.Array(QuoteItem),
  lines: Type.Array(QuoteLine),
  subtotalCents: Type.Integer(),
  memberDiscountCents: Type.Integer(),
  couponCents: Type.Integer(),
  couponRef: Nullable(Type.String()),
  pointsUsed: Type.Integer(),
  pointsCents: Type.Integer(),
  pointsMaxUsable: Type.Integer(),
  totalCents: Type.Integer(),
});
export type Quote = Static<typeof Quote>;

export const Buyer = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  phone: Type.Optional(Type.String({ pattern: '^1\\d{10}$' })),
  region: Type.Optional(Type.String({ maxLength: 50 })),
  address: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
});
export type Buyer = Static<typeof Buyer>;

export const CheckoutStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('paid'),
  Type.Literal('expired'),
  Type.Literal('cancelled'),
]);

export const Checkout = Type.Object({
  id: Id,
  status: CheckoutStatus,
  source: Type.Union([Type.Literal('buy_now'), Type.Literal('cart')]),
  quote: Quote,
  totalCents: Type.Integer(),
  buyer: Buyer,
  expiresAt: Instant,
  /** The hosted pay page while pending. */
  payUrl: Nullable(Type.String()),
  /** The order, once paid. */
  orderId: Nullable(Id),
  createdAt: Instant,
});
export type Checkout = Static<typeof Checkout>;

export const OrderStatus = Type.Union([
  Type.Literal('paid'),
  Type.Literal('fulfilled'),
  Type.Literal('shipped'),
  Type.Literal('completed'),
  Type.Literal('cancelled'),
  Type.Literal('refunded'),
]);
export type OrderStatus = Static<typeof OrderStatus>;

export const OrderItem = Type.Object({
  id: Id,
  productId: Id,
  productType: ProductType,
  productName: Type.String(),
  quantity: Type.Integer(),
  unitPriceCents: Type.Integer(),
  payableCents: Type.Integer(),
  fulfilment: Nullable(
    Type.Object({
      status: Type.Union([
        Type.Literal('delivered'),
        Type.Literal('awaiting_shipment'),
        Type.Literal('awaiting_stock'),
      ]),
      /** What the buyer received (codes, card keys, vouchers), as the fulfiller describes it. */
      result: Type.Unknown(),
      at: Instant,
    }),
  ),
});

export const Order = Type.Object({
  id: Id,
  orderNo: Type.String(),
  memberId: Id,
  memberPhone: Type.String(),
  status: OrderStatus,
  channel: Type.Union([Type.Literal('purchase'), Type.Literal('redemption')]),
  totalCents: Type.Integer(),
  pointsUsed: Type.Integer(),
  pointsEarned: Type.Integer(),
  quote: Quote,
  buyer: Buyer,
  items: Type.Array(OrderItem),
  carrier: Nullable(Type.String()),
  trackingNo: Nullable(Type.String()),
  refundable: Type.Boolean(),
  /** Actions allowed now, from the state table (ship, complete, cancel, refund, confirm). */
  actions: Type.Array(Type.String()),
  paidAt: Instant,
  shippedAt: Nullable(Instant),
  completedAt: Nullable(Instant),
  closedAt: Nullable(Instant),
  createdAt: Instant,
});
export type Order = Static<typeof Order>;

export const CommissionKind = Type.Union([
  Type.Literal('distributor_l1'),
  Type.Literal('distributor_l2'),
  Type.Literal('distributor_l3'),
  Type.Literal('team_dividend'),
  Type.Literal('shareholder_dividend'),
  Type.Literal('regional_agent'),
]);
export type CommissionKind = Static<typeof CommissionKind>;

export const CommissionEntry = Type.Object({
  id: Id,
  orderId: Id,
  orderNo: Type.String(),
  orderItemId: Id,
  productName: Type.String(),
  kind: CommissionKind,
  /** The member who earns it; null for the shareholder pool. */
  beneficiaryId: Nullable(Id),
  beneficiaryPhone: Nullable(Type.String()),
  baseCents: Type.Integer(),
  rateBp: Type.Integer(),
  amountCents: Type.Integer(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('settled'), Type.Literal('reversed')]),
  settleAfter: Nullable(Instant),
  settledAt: Nullable(Instant),
  reversedAt: Nullable(Instant),
  createdAt: Instant,
});
export type CommissionEntry = Static<typeof CommissionEntry>;

export const CommissionSummary = Type.Object({
  beneficiaryId: Nullable(Id),
  beneficiaryPhone: Nullable(Type.String()),
  pendingCents: Type.Integer(),
  settledCents: Type.Integer(),
  reversedCents: Type.Integer(),
  entries: Type.Integer(),
});
export type CommissionSummary = Static<typeof CommissionSummary>;
