// Card-key shapes (电子卡密, S1): pools, keys (masked in lists), import reports, activity
// reservations, and the keys a buyer sees in an order.
import { type Static, type TSchema, Type } from '@sinclair/typebox';

const Id = Type.Integer({ minimum: 1 });
const Instant = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const CardKeyShape = Type.Union([Type.Literal('secret'), Type.Literal('number_password')]);
export type CardKeyShape = Static<typeof CardKeyShape>;

export const CardKeyPool = Type.Object({
  id: Id,
  name: Type.String(),
  /** One secret per key, or card number + password. */
  shape: CardKeyShape,
  /** One key delivered to every buyer and never used up (shared accounts, download links). */
  reusable: Type.Boolean(),
  lowStockThreshold: Type.Integer(),
  available: Type.Integer(),
  occupied: Type.Integer(),
  sold: Type.Integer(),
  lowStock: Type.Boolean(),
  /** Paid orders waiting for keys, and how many keys they still need. */
  waitingOrders: Type.Integer(),
  waitingKeys: Type.Integer(),
  createdAt: Instant,
});
export type CardKeyPool = Static<typeof CardKeyPool>;

export const CardKeyState = Type.Union([
  Type.Literal('available'),
  Type.Literal('occupied'),
  Type.Literal('sold'),
]);
export type CardKeyState = Static<typeof CardKeyState>;

export const CardKey = Type.Object({
  id: Id,
  poolId: Id,
  masked: Type.String(),
  state: CardKeyState,
  reservationId: Nullable(Id),
  soldAt: Nullable(Instant),
  createdAt: Instant,
});
export type CardKey = Static<typeof CardKey>;

export const CardKeyPlain = Type.Object({
  id: Id,
  number: Nullable(Type.String()),
  secret: Type.String(),
});
export type CardKeyPlain = Static<typeof CardKeyPlain>;

export const CardKeyImportReport = Type.Object({
  dryRun: Type.Boolean(),
  rows: Type.Integer(),
  imported: Type.Integer(),
  duplicatesInFile: Type.Integer(),
  duplicatesInPool: Type.Integer(),
  invalid: Type.Integer(),
  preview: Type.Array(Type.Object({ line: Type.Integer(), masked: Type.String() })),
  skipped: Type.Array(
    Type.Object({
      line: Type.Integer(),
      reason: Type.Union([
        Type.Literal('duplicate_in_file'),
        Type.Literal('duplicate_in_pool'),
        Type.Literal('invalid'),
      ]),
      firstLine: Type.Optional(Type.Integer()),
    }),
  ),
});
export type CardKeyImportReport = Static<typeof CardKeyImportReport>;

export const CardKeyReservation = Type.Object({
  id: Id,
  poolId: Id,
  activityKind: Type.String(),
  activityRef: Type.String(),
  quantity: Type.Integer(),
  status: Type.Union([Type.Literal('active'), Type.Literal('closed')]),
  occupied: Type.Integer(),
  sold: Type.Integer(),
  expiresAt: Instant,
  createdAt: Instant,
});
export type CardKeyReservation = Static<typeof CardKeyReservation>;

/** A key sold to a member by an activity (win, draw, bargain), before or after its order. */
export const CardKeySale = Type.Object({
  keyId: Id,
  memberId: Id,
  orderId: Nullable(Id),
  source: Type.String(),
});
export type CardKeySale = Static<typeof CardKeySale>;

/** A key in the buyer's order detail. */
export const OrderCardKey = Type.Object({
  orderItemId: Nullable(Id),
  source: Type.String(),
  number: Nullable(Type.String()),
  secret: Type.String(),
});
export type OrderCardKey = Static<typeof OrderCardKey>;
