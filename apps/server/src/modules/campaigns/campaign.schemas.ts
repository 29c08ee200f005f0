import { CampaignKind, RepeatRule } from '@kaquan/contracts';
import { type Static, Type } from '@sinclair/typebox';
import { PageQuery } from '../../http/pagination.ts';

const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const Name = Type.String({ minLength: 1, maxLength: 60 });
const At = Type.String({ format: 'date-time' });
const Count = (max: number) => Type.Integer({ minimum: 0, maximum: max });

export const ItemInput = Type.Object({
  /** An existing item to change; without it the item is added. */
  id: Type.Optional(Id),
  templateId: Id,
  quantity: Type.Integer({ minimum: 1, maximum: 100 }),
  /** The item's campaign stock in vouchers (QR campaigns); store campaigns have none. */
  stock: Type.Optional(Type.Union([Count(10_000_000), Type.Null()])),
});
export type ItemInput = Static<typeof ItemInput>;

const Items = Type.Array(ItemInput, { minItems: 1, maxItems: 20 });

const Rules = {
  name: Name,
  startsAt: Type.Optional(Type.Union([At, Type.Null()])),
  endsAt: Type.Optional(Type.Union([At, Type.Null()])),
  storeIds: Type.Optional(Type.Array(Id, { maxItems: 500 })),
  repeatRule: Type.Optional(RepeatRule),
  perMemberLimit: Type.Optional(Count(10_000)),
  cooldownSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 366 * 86_400 })),
  totalLimit: Type.Optional(Count(10_000_000)),
};

export const CreateCampaignBody = Type.Object({ kind: CampaignKind, ...Rules, items: Items });
export type CreateCampaignBody = Static<typeof CreateCampaignBody>;

export const UpdateCampaignBody = Type.Partial(Type.Object(Rules), { minProperties: 1 });
export type UpdateCampaignBody = Static<typeof UpdateCampaignBody>;

export const SetItemsBody = Type.Object({ items: Items });

export const CampaignListQuery = Type.Object({
  ...PageQuery,
  kind: Type.Optional(CampaignKind),
  q: Type.Optional(Type.String({ maxLength: 60 })),
});

export const ClaimListQuery = Type.Object({
  ...PageQuery,
  result: Type.Optional(Type.Union([Type.Literal('granted'), Type.Literal('refused')])),
  phone: Type.Optional(Type.String({ pattern: '^1\\d{10}$' })),
  from: Type.Optional(At),
  to: Type.Optional(At),
});
export type ClaimListQuery = Static<typeof ClaimListQuery>;

export const TokenParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' }) });
export const StoreParams = Type.Object({ storeId: Id });
