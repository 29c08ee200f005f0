import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, type CouponTerms, type QuoteInput, quote } from './quote.ts';

const product = fc.record({
  id: fc.integer({ min: 1, max: 1000 }),
  name: fc.constant('p'),
  priceCents: fc.integer({ min: 0, max: 1_000_000 }),
  couponAllowed: fc.boolean(),
  pointsAllowed: fc.boolean(),
  memberPriceAllowed: fc.boolean(),
  svipAllowed: fc.boolean(),
  svipPriceCents: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
});

const coupon: fc.Arbitrary<CouponTerms> = fc.oneof(
  fc.record({
    kind: fc.constant('fixed' as const),
    amountCents: fc.integer({ min: 0, max: 500_000 }),
    thresholdCents: fc.integer({ min: 0, max: 2_000_000 }),
  }),
  fc.record({
    kind: fc.constant('percent' as const),
    percentOff: fc.integer({ min: 0, max: 100 }),
    capCents: fc.option(fc.integer({ min: 0, max: 500_000 }), { nil: null }),
  }),
);

const input: fc.Arbitrary<QuoteInput> = fc.record({
  lines: fc.uniqueArray(fc.record({ product, quantity: fc.integer({ min: 1, max: 20 }) }), {
    minLength: 1,
    maxLength: 5,
    selector: (l) => l.product.id,
  }),
  member: fc.record({
    levelDiscountPercent: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    svipActive: fc.boolean(),
    pointsBalance: fc.integer({ min: 0, max: 10_000_000 }),
  }),
  coupon: fc.option(fc.record({ ref: fc.constant('C1'), terms: coupon }), { nil: null }),
  pointsRequested: fc.integer({ min: 0, max: 10_000_000 }),
  settings: fc.record({
    centsPerPoint: fc.integer({ min: 1, max: 100 }),
    pointsMaxSharePct: fc.integer({ min: 0, max: 100 }),
  }),
});

describe('price quote (properties)', () => {
  it('is never negative, and its lines sum to the total', () => {
    fc.assert(
      fc.property(input, (i) => {
        const q = quote(i);
        expect(q.totalCents).toBeGreaterThanOrEqual(0);
        for (const it of q.items) expect(it.payableCents).toBeGreaterThanOrEqual(0);
        expect(q.lines.reduce((a, l) => a + l.amountCents, 0)).toBe(q.totalCents);
        expect(q.items.reduce((a, it) => a + it.payableCents, 0)).toBe(q.totalCents);
        expect(q.subtotalCents - q.memberDiscountCents - q.couponCents - q.pointsCents).toBe(q.totalCents);
      }),
      { numRuns: 2000 },
    );
  });

  it('discounts only where the product switches allow them', () => {
    fc.assert(
      fc.property(input, (i) => {
        const q = quote(i);
        q.items.forEach((it, k) => {
          const p = i.lines[k].product;
          if (!p.memberPriceAllowed && !p.svipAllowed) expect(it.memberUnitPriceCents).toBe(p.priceCents);
          if (!p.memberPriceAllowed && p.svipAllowed && !i.member.svipActive)
            expect(it.memberUnitPriceCents).toBe(p.priceCents);
          if (!p.couponAllowed) expect(it.couponCents).toBe(0);
          if (!p.pointsAllowed) expect(it.pointsCents).toBe(0);
          expect(it.memberUnitPriceCents).toBeLessThanOrEqual(p.priceCents);
        });
        for (const l of q.lines) {
          if (l.kind === 'svip_price') {
            const p = i.lines.find((x) => x.product.id === l.productId)!.product;
            expect(p.svipAllowed && i.member.svipActive).toBe(true);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never uses more points than the cap, the balance or what was asked', () => {
    fc.assert(
      fc.property(input, (i) => {
        const q = quote(i);
        const base = q.items
          .filter((_, k) => i.lines[k].product.pointsAllowed)
          .reduce((a, it) => a + it.memberUnitPriceCents * it.quantity - it.couponCents, 0);
        expect(q.pointsCents).toBeLessThanOrEqual(Math.floor((base * i.settings.pointsMaxSharePct) / 100));
        expect(q.pointsUsed).toBeLessThanOrEqual(i.member.pointsBalance);
        expect(q.pointsUsed).toBeLessThanOrEqual(i.pointsRequested);
        expect(q.pointsCents).toBe(q.pointsUsed * i.settings.centsPerPoint);
      }),
      { numRuns: 2000 },
    );
  });

  it('a coupon gives at most its value, honours the threshold and the cap', () => {
    fc.assert(
      fc.property(input, (i) => {
        const q = quote(i);
        if (!i.coupon) {
          expect(q.couponCents).toBe(0);
          return;
        }
        const t = i.coupon.terms;
        if (t.kind === 'fixed') expect(q.couponCents).toBeLessThanOrEqual(t.amountCents);
        if (t.kind === 'percent' && t.capCents !== null)
          expect(q.couponCents).toBeLessThanOrEqual(t.capCents);
        if (q.couponRejected) expect(q.couponCents).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('allocation keeps the sum and never exceeds a weight', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        (weights, seed) => {
          const sum = weights.reduce((a, b) => a + b, 0);
          const amount = sum === 0 ? 0 : seed % (sum + 1);
          const parts = allocate(amount, weights);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
          parts.forEach((p, k) => {
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThanOrEqual(weights[k]);
          });
        },
      ),
    );
  });
});

describe('price quote (examples)', () => {
  const p = {
    id: 1,
    name: '礼品卡',
    priceCents: 10_000,
    couponAllowed: true,
    pointsAllowed: true,
    memberPriceAllowed: true,
    svipAllowed: true,
    svipPriceCents: 8_800,
  };
  const settings = { centsPerPoint: 1, pointsMaxSharePct: 50 };

  it('takes the better of level and SVIP price, then the coupon, then points', () => {
    const q = quote({
      lines: [{ product: p, quantity: 2 }],
      member: { levelDiscountPercent: 5, svipActive: true, pointsBalance: 100_000 },
      coupon: { ref: 'C1', terms: { kind: 'fixed', amountCents: 1_000, thresholdCents: 10_000 } },
      pointsRequested: 3_000,
      settings,
    });
    expect(q.lines.map((l) => [l.kind, l.amountCents])).toEqual([
      ['item', 20_000],
      ['svip_price', -2_400],
      ['coupon', -1_000],
      ['points', -3_000],
    ]);
    expect(q.totalCents).toBe(13_600);
  });

  it('refuses a fixed coupon below its threshold and a coupon on items that forbid it', () => {
    const member = { levelDiscountPercent: null, svipActive: false, pointsBalance: 0 };
    const below = quote({
      lines: [{ product: p, quantity: 1 }],
      member,
      coupon: { ref: 'C', terms: { kind: 'fixed', amountCents: 500, thresholdCents: 20_000 } },
      pointsRequested: 0,
      settings,
    });
    expect(below.couponRejected).toBe('BELOW_THRESHOLD');
    const forbidden = quote({
      lines: [{ product: { ...p, couponAllowed: false }, quantity: 1 }],
      member,
      coupon: { ref: 'C', terms: { kind: 'percent', percentOff: 10, capCents: null } },
      pointsRequested: 0,
      settings,
    });
    expect(forbidden.couponRejected).toBe('NO_ELIGIBLE_ITEMS');
    expect(forbidden.totalCents).toBe(10_000);
  });

  it('caps points at the share of the order', () => {
    const q = quote({
      lines: [{ product: p, quantity: 1 }],
      member: { levelDiscountPercent: null, svipActive: false, pointsBalance: 1_000_000 },
      pointsRequested: 1_000_000,
      settings: { centsPerPoint: 1, pointsMaxSharePct: 30 },
    });
    expect(q.pointsUsed).toBe(3_000);
    expect(q.totalCents).toBe(7_000);
  });
});
