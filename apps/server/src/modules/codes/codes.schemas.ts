// TypeBox shapes of code libraries, batches, codes, settings and the redemption center.
import { Buyer } from '@kaquan/contracts';
import { type Static, Type } from '@sinclair/typebox';

const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const Nullable = <T extends import('@sinclair/typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Instant = Type.String({ format: 'date-time' });

export const CodeFormat = Type.Union([
  Type.Literal('mixed'),
  Type.Literal('mixed_clear'),
  Type.Literal('digits'),
]);
export const CodeState = Type.Union([
  Type.Literal('unused'),
  Type.Literal('redeemed'),
  Type.Literal('disabled'),
  Type.Literal('expired'),
]);
export const BatchStatus = Type.Union([
  Type.Literal('queued'),
  Type.Literal('running'),
  Type.Literal('done'),
  Type.Literal('cancelled'),
  Type.Literal('failed'),
]);

export const RewardItem = Type.Object({
  productId: Id,
  quantity: Type.Integer({ minimum: 1, maximum: 99 }),
});

export const Odds = Type.Object({
  /** A random guess hits one of the library's unused codes once in this many tries. */
  oneIn: Nullable(Type.Number()),
  warn: Type.Boolean(),
});

export const CodeLibrary = Type.Object({
  id: Id,
  name: Type.String(),
  format: CodeFormat,
  templateId: Id,
  reward: Type.Array(RewardItem),
  validFrom: Nullable(Instant),
  validUntil: Nullable(Instant),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  codeCount: Type.Integer(),
  odds: Odds,
  createdAt: Instant,
});
export type CodeLibrary = Static<typeof CodeLibrary>;

export const LibraryBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 60 }),
  format: CodeFormat,
  templateId: Id,
  reward: Type.Array(RewardItem, { minItems: 1, maxItems: 20 }),
  validFrom: Type.Optional(Nullable(Instant)),
  validUntil: Type.Optional(Nullable(Instant)),
});
export const LibraryPatch = Type.Partial(
  Type.Object({
    name: Type.String({ minLength: 1, maxLength: 60 }),
    reward: Type.Array(RewardItem, { minItems: 1, maxItems: 20 }),
    validFrom: Nullable(Instant),
    validUntil: Nullable(Instant),
    status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  }),
);

export const CodeBatch = Type.Object({
  id: Id,
  libraryId: Id,
  requested: Type.Integer(),
  generated: Type.Integer(),
  status: BatchStatus,
  error: Nullable(Type.String()),
  createdBy: Type.String(),
  createdAt: Instant,
  finishedAt: Nullable(Instant),
  /** Set when the library is dense enough that guessing a code becomes realistic. */
  odds: Type.Optional(Odds),
});
export type CodeBatch = Static<typeof CodeBatch>;

export const BatchBody = Type.Object({ count: Type.Integer({ minimum: 1, maximum: 1_000_000 }) });

export const RedemptionCode = Type.Object({
  id: Id,
  libraryId: Id,
  batchId: Nullable(Id),
  serial: Type.Integer(),
  /** Masked for staff; in full for the holder. */
  code: Type.String(),
  state: CodeState,
  memberId: Nullable(Id),
  voucherId: Nullable(Id),
  orderId: Nullable(Id),
  redeemedVia: Nullable(Type.Union([Type.Literal('online'), Type.Literal('store')])),
  redeemedAt: Nullable(Instant),
  createdAt: Instant,
});
export type RedemptionCode = Static<typeof RedemptionCode>;

export const CodeQuery = Type.Object({
  libraryId: Type.Optional(Id),
  batchId: Type.Optional(Id),
  state: Type.Optional(CodeState),
  /** A full code: finds that one code. */
  code: Type.Optional(Type.String({ maxLength: 40 })),
});

export const CodeSettings = Type.Object({
  failWindowMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
  maxFailures: Type.Integer({ minimum: 1, maximum: 100 }),
  freezeHours: Type.Integer({ minimum: 1, maximum: 720 }),
  ipMaxFailures: Type.Integer({ minimum: 1, maximum: 10_000 }),
  /** Codes one member may redeem per merchant calendar day; 0 = no limit. */
  dailyLimit: Type.Integer({ minimum: 0, maximum: 1000 }),
});
export type CodeSettings = Static<typeof CodeSettings>;

export const CodeLinks = Type.Object({
  redeemUrl: Type.String(),
  redeemQr: Type.String(),
  giftCardUrl: Type.String(),
  giftCardQr: Type.String(),
});

export const CodeEntry = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) });

export const RewardOption = Type.Object({
  productId: Id,
  name: Type.String(),
  quantity: Type.Integer(),
  image: Nullable(Type.String()),
  needsAddress: Type.Boolean(),
});

export const CodeLookup = Type.Object({
  libraryName: Type.String(),
  title: Type.String(),
  options: Type.Array(RewardOption),
  validUntil: Nullable(Instant),
  /** The code already sits in the member's wallet as a voucher. */
  voucherId: Nullable(Id),
});

export const RedeemBody = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 40 }),
  productId: Id,
  buyer: Type.Optional(Buyer),
});

export const Redemption = Type.Object({
  codeId: Id,
  orderId: Nullable(Id),
  orderNo: Nullable(Type.String()),
  voucherId: Nullable(Id),
});

export const MemberCode = Type.Object({
  id: Id,
  code: Type.String(),
  libraryName: Type.String(),
  state: CodeState,
  voucherId: Nullable(Id),
  orderId: Nullable(Id),
  redeemedAt: Nullable(Instant),
  validUntil: Nullable(Instant),
});
