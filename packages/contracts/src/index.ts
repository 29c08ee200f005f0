// Shapes shared by the server (validation, OpenAPI) and the web apps (types).
// No $id on these: routes inline them, so one schema can appear in many routes.
import { type Static, type TSchema, Type } from '@sinclair/typebox';

export const Id = Type.Integer({ minimum: 1 });
export const Instant = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const MerchantStatus = Type.Union([Type.Literal('active'), Type.Literal('suspended')]);
export const Merchant = Type.Object({
  id: Id,
  name: Type.String(),
  slug: Type.String(),
  timeZone: Type.String(),
  status: MerchantStatus,
  createdAt: Instant,
});
export type Merchant = Static<typeof Merchant>;

export const StaffRole = Type.Union([
  Type.Literal('operator'),
  Type.Literal('owner'),
  Type.Literal('manager'),
  Type.Literal('verifier'),
]);
export type StaffRole = Static<typeof StaffRole>;

export const StaffUser = Type.Object({
  id: Id,
  merchantId: Nullable(Id),
  login: Type.String(),
  name: Type.String(),
  role: StaffRole,
  status: Type.Union([Type.Literal('active'), Type.Literal('revoked')]),
  allStores: Type.Boolean(),
  storeIds: Type.Array(Id),
  createdAt: Instant,
});
export type StaffUser = Static<typeof StaffUser>;

export const Store = Type.Object({
  id: Id,
  merchantId: Id,
  name: Type.String(),
  address: Type.String(),
  phone: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  verifyUrl: Type.String(),
  createdAt: Instant,
});
export type Store = Static<typeof Store>;

export const Member = Type.Object({
  id: Id,
  merchantId: Id,
  name: Type.String(),
  phone: Type.String(),
  externalId: Nullable(Type.String()),
  status: Type.Union([Type.Literal('active'), Type.Literal('blocked')]),
  createdAt: Instant,
});
export type Member = Static<typeof Member>;

export const ApiKeyScope = Type.Union([
  Type.Literal('merchant:read'),
  Type.Literal('stores:read'),
  Type.Literal('members:read'),
  Type.Literal('members:write'),
  Type.Literal('members:sessions'),
  Type.Literal('commerce:read'),
  Type.Literal('commerce:write'),
  Type.Literal('vouchers:read'),
  Type.Literal('vouchers:write'),
  Type.Literal('cardkeys:read'),
  Type.Literal('cardkeys:write'),
]);
export type ApiKeyScope = Static<typeof ApiKeyScope>;
export const API_KEY_SCOPES: ApiKeyScope[] = [
  'merchant:read',
  'stores:read',
  'members:read',
  'members:write',
  'members:sessions',
  'commerce:read',
  'commerce:write',
  'vouchers:read',
  'vouchers:write',
  'cardkeys:read',
  'cardkeys:write',
];

export const ApiKey = Type.Object({
  id: Id,
  name: Type.String(),
  prefix: Type.String(),
  scopes: Type.Array(ApiKeyScope),
  lastUsedAt: Nullable(Instant),
  revokedAt: Nullable(Instant),
  createdAt: Instant,
});
export type ApiKey = Static<typeof ApiKey>;

export const AuditEntry = Type.Object({
  id: Id,
  merchantId: Nullable(Id),
  actorType: Type.Union([
    Type.Literal('staff'),
    Type.Literal('member'),
    Type.Literal('api_key'),
    Type.Literal('system'),
  ]),
  actorId: Nullable(Type.Integer()),
  actorName: Type.String(),
  action: Type.String(),
  targetType: Type.String(),
  targetId: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
  ip: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
  at: Instant,
});
export type AuditEntry = Static<typeof AuditEntry>;

export const Me = Type.Object({ user: StaffUser, merchant: Nullable(Merchant) });
export type Me = Static<typeof Me>;

export const MemberMe = Type.Object({
  member: Member,
  merchant: Type.Object({ id: Id, name: Type.String(), slug: Type.String() }),
});
export type MemberMe = Static<typeof MemberMe>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Unknown()),
  }),
});
export type ErrorBody = Static<typeof ErrorBody>;
export * from './campaigns.ts';
export * from './card-keys.ts';
export * from './commerce.ts';
export * from './evaluations.ts';
export * from './voucher-templates.ts';
export * from './vouchers.ts';
