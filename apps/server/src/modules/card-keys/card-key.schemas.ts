// Request shapes of the card-key routes (responses come from @kaquan/contracts).
import { CardKeyShape, CardKeyState } from '@kaquan/contracts';
import { Type } from '@sinclair/typebox';
import { PageQuery } from '../../http/pagination.ts';

const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const Name = Type.String({ minLength: 1, maxLength: 50 });
const Threshold = Type.Integer({ minimum: 0, maximum: 1_000_000 });
const Quantity = Type.Integer({ minimum: 1, maximum: 10_000 });
const ActivityKind = Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z_]+$' });
const ActivityRef = Type.String({ minLength: 1, maxLength: 100 });

export const PoolBody = Type.Object({
  name: Name,
  shape: CardKeyShape,
  lowStockThreshold: Type.Optional(Threshold),
  reusable: Type.Optional(Type.Boolean()),
});

export const PoolPatch = Type.Object({
  name: Type.Optional(Name),
  lowStockThreshold: Type.Optional(Threshold),
});

export const KeyListQuery = Type.Object({ ...PageQuery, state: Type.Optional(CardKeyState) });

export const ImportQuery = Type.Object({
  dryRun: Type.Optional(Type.Boolean()),
  /** How to read a text body: pasted/TXT lines (default) or CSV. XLSX is told by its content type. */
  format: Type.Optional(Type.Union([Type.Literal('text'), Type.Literal('csv')])),
});

export const ExportQuery = Type.Object({
  format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])),
});

export const ReserveBody = Type.Object({
  activityKind: ActivityKind,
  activityRef: ActivityRef,
  quantity: Quantity,
  expiresAt: Type.String({ format: 'date-time' }),
});

export const SellReservedBody = Type.Object({
  memberId: Id,
  quantity: Type.Optional(Quantity),
  orderId: Type.Optional(Id),
});

export const ReleaseBody = Type.Object({ quantity: Type.Optional(Quantity) });

export const WinBody = Type.Object({
  activityKind: ActivityKind,
  activityRef: ActivityRef,
  memberId: Id,
  quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});

export const AttachBody = Type.Object({
  keyIds: Type.Array(Id, { minItems: 1, maxItems: 100 }),
  memberId: Id,
  orderId: Id,
});
