// Voucher, wallet and verification shapes.
import { type Static, type TSchema, Type } from '@sinclair/typebox';

const Id = Type.Integer({ minimum: 1 });
const Instant = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const VoucherState = Type.Union([
  Type.Literal('unused'),
  Type.Literal('used'),
  Type.Literal('expired'),
  Type.Literal('disabled'),
  Type.Literal('gifting'),
]);
export type VoucherState = Static<typeof VoucherState>;

export const Voucher = Type.Object({
  id: Id,
  templateId: Id,
  memberId: Id,
  kind: Type.String(),
  title: Type.String(),
  /** The full code for its holder; masked (•••• 1234) in staff lists. */
  code: Type.String(),
  /** As stored; `shownState` is what the member sees (an unused voucher past its end is expired). */
  state: VoucherState,
  shownState: VoucherState,
  validFrom: Instant,
  validUntil: Instant,
  useWeek: Type.Array(Type.Integer()),
  isSelf: Type.Boolean(),
  isGiving: Type.Boolean(),
  channel: Type.String(),
  issuedAt: Instant,
  usedAt: Nullable(Instant),
  usedStoreId: Nullable(Id),
  /** The template's logo and card image (uploaded, or a web address), when it has them. */
  logoUrl: Nullable(Type.String()),
  imageUrl: Nullable(Type.String()),
});
export type Voucher = Static<typeof Voucher>;

export const VerificationSettings = Type.Object({
  undoWindowMinutes: Type.Integer({
    minimum: 0,
    maximum: 1440,
    description: 'How long after a verification it can be undone; 0 turns undo off',
  }),
});
export type VerificationSettings = Static<typeof VerificationSettings>;

export const Verification = Type.Object({
  id: Id,
  voucherId: Id,
  voucherTitle: Type.String(),
  codeMasked: Type.String(),
  memberId: Id,
  storeId: Id,
  storeName: Type.String(),
  channel: Type.Union([Type.Literal('staff'), Type.Literal('admin'), Type.Literal('self')]),
  staffId: Nullable(Id),
  requestNo: Type.String(),
  at: Instant,
  undoneAt: Nullable(Instant),
  /** Until when the verification can be undone (null once undone). */
  undoUntil: Nullable(Instant),
});
export type Verification = Static<typeof Verification>;
