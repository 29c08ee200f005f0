import { Buyer, CommerceSettings, CommissionRates, OrderStatus, ProductType } from '@kaquan/contracts';
import { Type } from '@sinclair/typebox';
import { PageQuery } from '../../http/pagination.ts';

const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const Name = Type.String({ minLength: 1, maxLength: 60 });
const Cents = Type.Integer({ minimum: 0, maximum: 1_000_000_000 });
const Search = Type.Optional(Type.String({ maxLength: 100 }));
const Quantity = Type.Integer({ minimum: 1, maximum: 999 });

export const SettingsBody = Type.Partial(CommerceSettings);

export const LevelBody = Type.Object({
  name: Name,
  discountPercent: Type.Integer({ minimum: 0, maximum: 100 }),
});
export const LevelPatch = Type.Partial(LevelBody);

export const MemberCommercePatch = Type.Object({
  levelId: Type.Optional(Type.Union([Id, Type.Null()])),
  svipExpiresAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
  referrerId: Type.Optional(Type.Union([Id, Type.Null()])),
  teamCaptain: Type.Optional(Type.Boolean()),
  agentRegion: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 50 }), Type.Null()])),
});

export const PointsAdjustBody = Type.Object({
  delta: Type.Integer({ minimum: -100_000_000, maximum: 100_000_000 }),
  note: Type.String({ minLength: 1, maxLength: 200 }),
});

export const CategoryBody = Type.Object({
  name: Name,
  sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
});
export const CategoryPatch = Type.Partial(CategoryBody);

export const ProductBody = Type.Object({
  type: ProductType,
  name: Type.String({ minLength: 1, maxLength: 100 }),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  images: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: 9 })),
  categoryId: Type.Optional(Type.Union([Id, Type.Null()])),
  priceCents: Cents,
  stock: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
  onSale: Type.Optional(Type.Boolean()),
  couponAllowed: Type.Optional(Type.Boolean()),
  pointsAllowed: Type.Optional(Type.Boolean()),
  memberPriceAllowed: Type.Optional(Type.Boolean()),
  svipAllowed: Type.Optional(Type.Boolean()),
  svipPriceCents: Type.Optional(Type.Union([Cents, Type.Null()])),
  commission: Type.Optional(CommissionRates),
  fulfilRef: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()])),
});
export const ProductPatch = Type.Partial(Type.Omit(ProductBody, ['type']));

export const ProductListQuery = Type.Object({
  ...PageQuery,
  q: Search,
  type: Type.Optional(ProductType),
  categoryId: Type.Optional(Id),
  onSale: Type.Optional(Type.Boolean()),
});
export const ShopProductQuery = Type.Object({ ...PageQuery, q: Search, categoryId: Type.Optional(Id) });

export const LineInput = Type.Object({ productId: Id, quantity: Quantity });
export const CartAddBody = LineInput;
export const CartPatchBody = Type.Object({ quantity: Quantity });
export const ProductIdParams = Type.Object({ productId: Id });

export const QuoteBody = Type.Object({
  items: Type.Array(LineInput, { minItems: 1, maxItems: 50 }),
  couponRef: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  points: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000 })),
});

export const CheckoutBody = Type.Object({
  items: Type.Optional(Type.Array(LineInput, { minItems: 1, maxItems: 50 })),
  fromCart: Type.Optional(Type.Boolean()),
  couponRef: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  points: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000 })),
  buyer: Type.Optional(Buyer),
});

export const OrderListQuery = Type.Object({
  ...PageQuery,
  status: Type.Optional(OrderStatus),
  type: Type.Optional(ProductType),
  q: Search,
  memberId: Type.Optional(Id),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
});
export const ShopOrderQuery = Type.Object({ ...PageQuery, status: Type.Optional(OrderStatus) });

export const ShipBody = Type.Object({
  carrier: Type.String({ minLength: 1, maxLength: 40 }),
  trackingNo: Type.String({ minLength: 1, maxLength: 60 }),
});
export const ReasonBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 200 })) });
