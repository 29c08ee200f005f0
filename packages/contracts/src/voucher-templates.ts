// Voucher template shapes: what a voucher is worth and how it may be used, and its review.
import { type Static, type TSchema, Type } from '@sinclair/typebox';

const Id = Type.Integer({ minimum: 1 });
const Instant = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const VoucherKind = Type.Union([
  Type.Literal('exchange'),
  Type.Literal('cash'),
  Type.Literal('discount'),
  Type.Literal('ticket'),
]);
export type VoucherKind = Static<typeof VoucherKind>;

export const TemplateStatus = Type.Union([
  Type.Literal('pending_review'),
  Type.Literal('active'),
  Type.Literal('rejected'),
  Type.Literal('disabled'),
]);
export type TemplateStatus = Static<typeof TemplateStatus>;

export const TemplateValidity = Type.Union([
  Type.Object({ kind: Type.Literal('fixed'), from: Instant, until: Instant }),
  Type.Object({ kind: Type.Literal('relative'), days: Type.Integer({ minimum: 1, maximum: 3650 }) }),
]);
export type TemplateValidity = Static<typeof TemplateValidity>;

/** What the automatic pre-check found in the member-visible texts, for the reviewer. */
export const ReviewFlag = Type.Object({
  kind: Type.Union([
    Type.Literal('phone'),
    Type.Literal('url'),
    Type.Literal('wechat'),
    Type.Literal('absolute'),
  ]),
  field: Type.String(),
  match: Type.String(),
});
export type ReviewFlag = Static<typeof ReviewFlag>;

export const VoucherTemplate = Type.Object({
  id: Id,
  kind: VoucherKind,
  title: Type.String(),
  merchantName: Type.String(),
  conditions: Type.String(),
  goodsName: Nullable(Type.String()),
  goodsQuantity: Nullable(Type.Integer()),
  amountCents: Nullable(Type.Integer()),
  thresholdCents: Nullable(Type.Integer()),
  percentOff: Nullable(Type.Integer()),
  capCents: Nullable(Type.Integer()),
  imageUrl: Nullable(Type.String()),
  logoUrl: Nullable(Type.String()),
  validity: TemplateValidity,
  /** Weekdays it can be used, 1 = Monday … 7 = Sunday. */
  useWeek: Type.Array(Type.Integer({ minimum: 1, maximum: 7 })),
  stores: Type.Object({ all: Type.Boolean(), storeIds: Type.Array(Id) }),
  /** 0 = no limit. */
  perMemberLimit: Type.Integer(),
  isGiving: Type.Boolean(),
  isSelf: Type.Boolean(),
  servicePhone: Type.String(),
  claimNotice: Type.String(),
  status: TemplateStatus,
  reviewFlags: Type.Array(ReviewFlag),
  /** Why it was last rejected (cleared on approval). */
  reviewReason: Nullable(Type.String()),
  reviewedAt: Nullable(Instant),
  createdAt: Instant,
  updatedAt: Instant,
});
export type VoucherTemplate = Static<typeof VoucherTemplate>;

/** A template in the operator's review queue, with the merchant it belongs to. */
export const TemplateForReview = Type.Object({
  ...VoucherTemplate.properties,
  merchant: Type.Object({ id: Id, name: Type.String() }),
});
export type TemplateForReview = Static<typeof TemplateForReview>;
