import { TemplateStatus, VoucherKind } from '@kaquan/contracts';
import { type TSchema, Type } from '@sinclair/typebox';
import { PageQuery } from '../../http/pagination.ts';

const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const Cents = Type.Integer({ minimum: 0, maximum: 1_000_000_000 });
const Instant = Type.String({ format: 'date-time', maxLength: 40 });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
// Title and merchant name are measured in characters by the service (TEMPLATE_TEXT_TOO_LONG);
// the schema only keeps absurd sizes out.
const ShortText = Type.String({ minLength: 1, maxLength: 100 });
const LongText = Type.String({ maxLength: 1000 });
// An image is a web address, or the path the media upload answered (/media/<merchantId>/<sha256>.<ext>).
const Url = Type.String({
  maxLength: 500,
  pattern: '^(https?://\\S+|/media/[1-9][0-9]{0,14}/[0-9a-f]{64}\\.(png|jpg))$',
});

export const ValidityInput = Type.Union([
  Type.Object({ kind: Type.Literal('fixed'), from: Instant, until: Instant }),
  Type.Object({ kind: Type.Literal('relative'), days: Type.Integer({ minimum: 1, maximum: 3650 }) }),
]);

export const StoresInput = Type.Union([
  Type.Object({ all: Type.Literal(true) }),
  Type.Object({
    all: Type.Optional(Type.Literal(false)),
    storeIds: Type.Array(Id, { minItems: 1, maxItems: 500, uniqueItems: true }),
  }),
]);

export const TemplateBody = Type.Object({
  kind: VoucherKind,
  title: ShortText,
  merchantName: ShortText,
  conditions: Type.String({ minLength: 1, maxLength: 1000 }),
  goodsName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  goodsQuantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  amountCents: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000_000 })),
  thresholdCents: Type.Optional(Cents),
  percentOff: Type.Optional(Type.Integer({ minimum: 1, maximum: 99 })),
  capCents: Type.Optional(Type.Union([Cents, Type.Null()])),
  imageUrl: Type.Optional(Nullable(Url)),
  logoUrl: Type.Optional(Nullable(Url)),
  validity: ValidityInput,
  useWeek: Type.Optional(
    Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7, uniqueItems: true }),
  ),
  stores: StoresInput,
  perMemberLimit: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  isGiving: Type.Optional(Type.Boolean()),
  isSelf: Type.Optional(Type.Boolean()),
  servicePhone: Type.String({ pattern: '^\\+?[0-9][0-9 ()-]{1,28}[0-9]$', maxLength: 30 }),
  claimNotice: Type.Optional(LongText),
});

/** Any subset; the kind is fixed once created (vouchers of it may exist). */
export const TemplatePatch = Type.Partial(Type.Omit(TemplateBody, ['kind']));

export const TemplateListQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(TemplateStatus),
  kind: Type.Optional(VoucherKind),
  q: Type.Optional(Type.String({ maxLength: 100 })),
});

export const ReviewListQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(TemplateStatus),
  merchantId: Type.Optional(Id),
});

export const RejectBody = Type.Object({
  reason: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
});
