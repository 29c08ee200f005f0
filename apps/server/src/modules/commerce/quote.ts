// The price quote: a pure function of products, member, coupon terms, points and settings, in
// integer cents, always in this order (docs/decisions/002-commerce.md):
//   1. member price: the member level's discount or the SVIP price, whichever is lower, each
//      only where the product allows it (per unit, discounts rounded down: never over-discount);
//   2. one coupon over the items that allow coupons (fixed deduction with a threshold, or
//      percent off with an optional cap);
//   3. points over the items that allow points, at the merchant's cents-per-point, capped at a
//      share of what is left and at the member's balance.
// Order-level discounts are spread over the items in proportion (so each item knows what was
// paid for it, for refunds and commissions). Lines sum to the total; nothing goes below zero.

export interface QuoteProduct {
  id: number;
  name: string;
  priceCents: number;
  couponAllowed: boolean;
  pointsAllowed: boolean;
  memberPriceAllowed: boolean;
  svipAllowed: boolean;
  svipPriceCents: number | null;
}

export interface QuoteMember {
  /** Percent off of the member's level, or null when the member has no level. */
  levelDiscountPercent: number | null;
  svipActive: boolean;
  pointsBalance: number;
}

export type CouponTerms =
  | { kind: 'fixed'; amountCents: number; thresholdCents: number }
  | { kind: 'percent'; percentOff: number; capCents: number | null };

export interface QuoteSettings {
  centsPerPoint: number;
  pointsMaxSharePct: number;
}

export interface QuoteInput {
  lines: { product: QuoteProduct; quantity: number }[];
  member: QuoteMember;
  coupon?: { ref: string; terms: CouponTerms } | null;
  pointsRequested: number;
  settings: QuoteSettings;
}

export type QuoteLineKind = 'item' | 'member_discount' | 'svip_price' | 'coupon' | 'points';

export interface QuoteLine {
  kind: QuoteLineKind;
  productId: number | null;
  label: string;
  amountCents: number;
}

export interface QuoteItem {
  productId: number;
  name: string;
  quantity: number;
  unitPriceCents: number;
  /** Unit price after the member step. */
  memberUnitPriceCents: number;
  couponCents: number;
  pointsCents: number;
  payableCents: number;
}

export interface Quote {
  items: QuoteItem[];
  lines: QuoteLine[];
  subtotalCents: number;
  memberDiscountCents: number;
  couponCents: number;
  couponRef: string | null;
  /** Why a given coupon did not apply (the checkout refuses it), or null. */
  couponRejected: 'NO_ELIGIBLE_ITEMS' | 'BELOW_THRESHOLD' | null;
  pointsUsed: number;
  pointsCents: number;
  pointsMaxUsable: number;
  totalCents: number;
}

/** Split `amount` over `weights` in proportion, never giving an item more than its weight. */
export function allocate(amount: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0 || amount === 0) return weights.map(() => 0);
  const parts = weights.map((w) => Math.floor((amount * w) / sum));
  let rest = amount - parts.reduce((a, b) => a + b, 0);
  for (let i = weights.length - 1; rest > 0 && i >= 0; i--) {
    const room = weights[i] - parts[i];
    const add = Math.min(room, rest);
    parts[i] += add;
    rest -= add;
  }
  return parts;
}

function memberUnitPrice(p: QuoteProduct, m: QuoteMember): { price: number; kind: QuoteLineKind | null } {
  let best = p.priceCents;
  let kind: QuoteLineKind | null = null;
  if (p.memberPriceAllowed && m.levelDiscountPercent) {
    const level = p.priceCents - Math.floor((p.priceCents * m.levelDiscountPercent) / 100);
    if (level < best) {
      best = level;
      kind = 'member_discount';
    }
  }
  if (p.svipAllowed && m.svipActive && p.svipPriceCents !== null && p.svipPriceCents < best) {
    best = p.svipPriceCents;
    kind = 'svip_price';
  }
  return { price: best, kind };
}

function couponDiscount(terms: CouponTerms, eligible: number): number | 'BELOW_THRESHOLD' {
  if (terms.kind === 'fixed') {
    if (eligible < terms.thresholdCents) return 'BELOW_THRESHOLD';
    return Math.min(terms.amountCents, eligible);
  }
  const off = Math.floor((eligible * terms.percentOff) / 100);
  return Math.min(off, terms.capCents ?? off, eligible);
}

export function quote(input: QuoteInput): Quote {
  const { member, settings } = input;
  const lines: QuoteLine[] = [];
  const items: QuoteItem[] = input.lines.map(({ product: p, quantity }) => {
    const m = memberUnitPrice(p, member);
    lines.push({ kind: 'item', productId: p.id, label: p.name, amountCents: p.priceCents * quantity });
    if (m.kind) {
      lines.push({
        kind: m.kind,
        productId: p.id,
        label: p.name,
        amountCents: -(p.priceCents - m.price) * quantity,
      });
    }
    return {
      productId: p.id,
      name: p.name,
      quantity,
      unitPriceCents: p.priceCents,
      memberUnitPriceCents: m.price,
      couponCents: 0,
      pointsCents: 0,
      payableCents: m.price * quantity,
    };
  });
  const subtotalCents = items.reduce((a, i) => a + i.unitPriceCents * i.quantity, 0);
  const afterMember = items.reduce((a, i) => a + i.payableCents, 0);

  let couponCents = 0;
  let couponRejected: Quote['couponRejected'] = null;
  if (input.coupon) {
    const weights = items.map((it, k) => (input.lines[k].product.couponAllowed ? it.payableCents : 0));
    const eligible = weights.reduce((a, b) => a + b, 0);
    const d = eligible === 0 ? 'NO_ELIGIBLE_ITEMS' : couponDiscount(input.coupon.terms, eligible);
    if (typeof d === 'string') couponRejected = d;
    else {
      couponCents = d;
      allocate(d, weights).forEach((c, k) => {
        items[k].couponCents = c;
        items[k].payableCents -= c;
      });
      if (d > 0) lines.push({ kind: 'coupon', productId: null, label: input.coupon.ref, amountCents: -d });
    }
  }

  const pointWeights = items.map((it, k) => (input.lines[k].product.pointsAllowed ? it.payableCents : 0));
  const pointsBase = pointWeights.reduce((a, b) => a + b, 0);
  const cpp = Math.max(1, settings.centsPerPoint);
  const pointsMaxUsable = Math.max(
    0,
    Math.min(
      member.pointsBalance,
      Math.floor(Math.floor((pointsBase * settings.pointsMaxSharePct) / 100) / cpp),
    ),
  );
  const pointsUsed = Math.max(0, Math.min(input.pointsRequested, pointsMaxUsable));
  const pointsCents = pointsUsed * cpp;
  if (pointsUsed > 0) {
    allocate(pointsCents, pointWeights).forEach((c, k) => {
      items[k].pointsCents = c;
      items[k].payableCents -= c;
    });
    lines.push({ kind: 'points', productId: null, label: String(pointsUsed), amountCents: -pointsCents });
  }

  return {
    items,
    lines,
    subtotalCents,
    memberDiscountCents: subtotalCents - afterMember,
    couponCents,
    couponRef: couponCents > 0 || (input.coupon && !couponRejected) ? (input.coupon?.ref ?? null) : null,
    couponRejected,
    pointsUsed,
    pointsCents,
    pointsMaxUsable,
    totalCents: items.reduce((a, i) => a + i.payableCents, 0),
  };
}
