import { API_KEY_SCOPES, ApiKeyScope, Id } from '@kaquan/contracts';
import { Type } from '@sinclair/typebox';
import { PageQuery } from '../../http/pagination.ts';

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });
export const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 40 }) });

const Name = Type.String({ minLength: 1, maxLength: 60 });
const Login = Type.String({ minLength: 3, maxLength: 120, pattern: '^[^\\s]+$' });
const Password = Type.String({ minLength: 8, maxLength: 200 });
export const Phone = Type.String({
  pattern: '^1[3-9][0-9]{9}$',
  description: 'Mainland China mobile number',
});
const Slug = Type.String({
  pattern: '^[a-z0-9][a-z0-9-]{1,31}$',
  description: 'lowercase letters, digits, dashes',
});
const TimeZone = Type.String({ minLength: 1, maxLength: 64, examples: ['Asia/Shanghai'] });
const Search = Type.Optional(Type.String({ maxLength: 100 }));

export const LoginBody = Type.Object({
  login: Type.String({ minLength: 1, maxLength: 120 }),
  password: Type.String({ minLength: 1, maxLength: 200 }),
});

export const MerchantListQuery = Type.Object({
  ...PageQuery,
  q: Search,
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('suspended')])),
});
export const CreateMerchantBody = Type.Object({
  name: Name,
  slug: Type.Optional(Slug),
  timeZone: Type.Optional(TimeZone),
  owner: Type.Object({ login: Login, name: Name, password: Password }),
});
export const UpdateMerchantBody = Type.Object({
  name: Type.Optional(Name),
  timeZone: Type.Optional(TimeZone),
});

export const ListQuery = Type.Object({ ...PageQuery, q: Search });

export const CreateStoreBody = Type.Object({
  name: Name,
  address: Type.Optional(Type.String({ maxLength: 200 })),
  phone: Type.Optional(Type.String({ maxLength: 30 })),
});
export const UpdateStoreBody = Type.Object({
  name: Type.Optional(Name),
  address: Type.Optional(Type.String({ maxLength: 200 })),
  phone: Type.Optional(Type.String({ maxLength: 30 })),
  status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
});
export const QrQuery = Type.Object({
  size: Type.Optional(Type.Integer({ minimum: 128, maximum: 2048, default: 512 })),
});

const MerchantRole = Type.Union([Type.Literal('owner'), Type.Literal('manager'), Type.Literal('verifier')]);
const StoreIds = Type.Array(Id, { maxItems: 1000, uniqueItems: true });
export const CreateStaffBody = Type.Object({
  login: Login,
  name: Name,
  password: Password,
  role: MerchantRole,
  allStores: Type.Optional(Type.Boolean({ default: false })),
  storeIds: Type.Optional(StoreIds),
});
export const UpdateStaffBody = Type.Object({
  name: Type.Optional(Name),
  role: Type.Optional(MerchantRole),
  allStores: Type.Optional(Type.Boolean()),
  storeIds: Type.Optional(StoreIds),
  password: Type.Optional(Password),
});

export const CreateMemberBody = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 60 })),
  phone: Phone,
  externalId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
});
export const MemberSessionBody = Type.Object({
  ttlSeconds: Type.Optional(Type.Integer({ minimum: 60, maximum: 90 * 24 * 3600, default: 7 * 24 * 3600 })),
});

export const CreateApiKeyBody = Type.Object({
  name: Name,
  scopes: Type.Array(ApiKeyScope, { minItems: 1, maxItems: API_KEY_SCOPES.length, uniqueItems: true }),
});

export const SmsCodeBody = Type.Object({ phone: Phone });
export const MemberLoginBody = Type.Object({ phone: Phone, code: Type.String({ pattern: '^[0-9]{6}$' }) });

export const AuditQuery = Type.Object({
  ...PageQuery,
  action: Type.Optional(Type.String({ maxLength: 100 })),
  targetType: Type.Optional(Type.String({ maxLength: 50 })),
  targetId: Type.Optional(Type.String({ maxLength: 100 })),
  actorId: Type.Optional(Type.Integer({ minimum: 1 })),
  merchantId: Type.Optional(Type.Integer({ minimum: 1 })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
});
