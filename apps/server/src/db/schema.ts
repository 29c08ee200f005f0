// Table types as Kysely sees them (camelCase; the CamelCasePlugin maps to snake_case columns).
// Instants are epoch milliseconds (UTC) in both engines; flags are 0/1 integers.
import type { Generated, Insertable, Kysely, Selectable, Transaction } from 'kysely';

export interface MerchantTable {
  id: Generated<number>;
  name: string;
  slug: string;
  timeZone: string;
  status: 'active' | 'suspended';
  createdAt: number;
  updatedAt: number;
}

export interface StaffUserTable {
  id: Generated<number>;
  merchantId: number | null;
  login: string;
  name: string;
  role: 'operator' | 'owner' | 'manager' | 'verifier';
  passwordHash: string;
  status: 'active' | 'revoked';
  allStores: number;
  createdAt: number;
  updatedAt: number;
}

export interface StaffStoreScopeTable {
  staffId: number;
  storeId: number;
  merchantId: number;
}

export interface StoreTable {
  id: Generated<number>;
  merchantId: number;
  name: string;
  address: string;
  phone: string;
  status: 'open' | 'closed';
  verifyCode: string;
  createdAt: number;
  updatedAt: number;
}

export interface MemberTable {
  id: Generated<number>;
  merchantId: number;
  name: string;
  phone: string;
  externalId: string | null;
  status: 'active' | 'blocked';
  createdAt: number;
  updatedAt: number;
}

export interface SessionTable {
  id: Generated<number>;
  tokenHash: string;
  kind: 'staff' | 'member';
  staffId: number | null;
  memberId: number | null;
  merchantId: number | null;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  ip: string | null;
}

export interface ApiKeyTable {
  id: Generated<number>;
  merchantId: number;
  name: string;
  prefix: string;
  secretHash: string;
  scopes: string;
  lastUsedAt: number | null;
  revokedAt: number | null;
  createdBy: number | null;
  createdAt: number;
}

export interface SmsCodeTable {
  id: Generated<number>;
  merchantId: number;
  phone: string;
  codeHash: string;
  attempts: number;
  expiresAt: number;
  consumedAt: number | null;
  createdAt: number;
}

export interface IdempotencyKeyTable {
  merchantId: number;
  key: string;
  fingerprint: string;
  statusCode: number | null;
  responseBody: string | null;
  createdAt: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  merchantId: number | null;
  actorType: 'staff' | 'member' | 'api_key' | 'system';
  actorId: number | null;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string;
  beforeJson: string | null;
  afterJson: string | null;
  ip: string | null;
  requestId: string | null;
  at: number;
}

export interface DB {
  merchants: MerchantTable;
  staffUsers: StaffUserTable;
  staffStoreScopes: StaffStoreScopeTable;
  stores: StoreTable;
  members: MemberTable;
  sessions: SessionTable;
  apiKeys: ApiKeyTable;
  smsCodes: SmsCodeTable;
  idempotencyKeys: IdempotencyKeyTable;
  auditLog: AuditLogTable;
}

export type Executor = Kysely<DB> | Transaction<DB>;
export type MerchantRow = Selectable<MerchantTable>;
export type StaffUserRow = Selectable<StaffUserTable>;
export type StoreRow = Selectable<StoreTable>;
export type MemberRow = Selectable<MemberTable>;
export type ApiKeyRow = Selectable<ApiKeyTable>;
export type NewAuditLog = Insertable<AuditLogTable>;
