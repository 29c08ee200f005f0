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
  levelId: number | null;
  svipExpiresAt: number | null;
  pointsBalance: Generated<number>;
  referrerId: number | null;
  teamCaptain: Generated<number>;
  agentRegion: string | null;
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

export interface CommerceSettingsTable {
  merchantId: number;
  checkoutTtlMinutes: number;
  centsPerPoint: number;
  pointsPerYuan: number;
  pointsMaxSharePct: number;
  afterSalesDays: number;
  updatedAt: number;
}

export interface MemberLevelTable {
  id: Generated<number>;
  merchantId: number;
  name: string;
  discountPercent: number;
  createdAt: number;
  updatedAt: number;
}

export interface ProductCategoryTable {
  id: Generated<number>;
  merchantId: number;
  name: string;
  sort: number;
  createdAt: number;
  updatedAt: number;
}

export type ProductType = 'physical' | 'gift_card' | 'card_key' | 'voucher';

export interface ProductTable {
  id: Generated<number>;
  merchantId: number;
  categoryId: number | null;
  type: ProductType;
  name: string;
  description: string;
  images: string;
  priceCents: number;
  stock: number;
  onSale: number;
  couponAllowed: number;
  pointsAllowed: number;
  memberPriceAllowed: number;
  svipAllowed: number;
  svipPriceCents: number | null;
  commissionEnabled: number;
  distributorBp1: number;
  distributorBp2: number;
  distributorBp3: number;
  teamBp: number;
  shareholderBp: number;
  regionalBp: number;
  fulfilRef: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface CartItemTable {
  id: Generated<number>;
  merchantId: number;
  memberId: number;
  productId: number;
  quantity: number;
  createdAt: number;
  updatedAt: number;
}

export type CheckoutStatus = 'pending' | 'paid' | 'expired' | 'cancelled';

export interface CheckoutTable {
  id: Generated<number>;
  merchantId: number;
  memberId: number;
  status: CheckoutStatus;
  source: 'buy_now' | 'cart' | 'redemption';
  totalCents: number;
  pointsUsed: number;
  couponRef: string | null;
  quote: string;
  buyer: string;
  expiresAt: number;
  paidAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface CheckoutLineTable {
  id: Generated<number>;
  checkoutId: number;
  merchantId: number;
  productId: number;
  quantity: number;
  unitPriceCents: number;
  payableCents: number;
}

export type PaymentStatus = 'pending' | 'succeeded' | 'closed' | 'refunded';

export interface PaymentTable {
  id: Generated<number>;
  merchantId: number;
  checkoutId: number;
  provider: string;
  token: string;
  amountCents: number;
  status: PaymentStatus;
  tradeNo: string | null;
  paidAt: number | null;
  refundedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export type OrderStatus = 'paid' | 'fulfilled' | 'shipped' | 'completed' | 'cancelled' | 'refunded';

export interface OrderTable {
  id: Generated<number>;
  merchantId: number;
  memberId: number;
  checkoutId: number | null;
  orderNo: string;
  status: OrderStatus;
  channel: 'purchase' | 'redemption';
  totalCents: number;
  pointsUsed: number;
  pointsEarned: number;
  quote: string;
  buyer: string;
  carrier: string | null;
  trackingNo: string | null;
  paidAt: number;
  shippedAt: number | null;
  completedAt: number | null;
  closedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface OrderItemTable {
  id: Generated<number>;
  orderId: number;
  merchantId: number;
  productId: number;
  productType: ProductType;
  productName: string;
  quantity: number;
  unitPriceCents: number;
  payableCents: number;
}

export interface FulfilmentTable {
  id: Generated<number>;
  orderItemId: number;
  merchantId: number;
  status: 'delivered' | 'awaiting_shipment' | 'awaiting_stock';
  result: string;
  createdAt: number;
}

export interface PointsLedgerTable {
  id: Generated<number>;
  merchantId: number;
  memberId: number;
  delta: number;
  balanceAfter: number;
  reason: 'earn' | 'spend' | 'refund_spend' | 'refund_earn' | 'adjust';
  orderId: number | null;
  checkoutId: number | null;
  note: string | null;
  at: number;
}

export type CommissionKind =
  | 'distributor_l1'
  | 'distributor_l2'
  | 'distributor_l3'
  | 'team_dividend'
  | 'shareholder_dividend'
  | 'regional_agent';

export interface CommissionEntryTable {
  id: Generated<number>;
  merchantId: number;
  orderId: number;
  orderItemId: number;
  kind: CommissionKind;
  beneficiaryId: number | null;
  baseCents: number;
  rateBp: number;
  amountCents: number;
  status: 'pending' | 'settled' | 'reversed';
  settleAfter: number | null;
  settledAt: number | null;
  reversedAt: number | null;
  createdAt: number;
}

export interface VoucherSettingsTable {
  merchantId: number;
  undoWindowMinutes: number;
  updatedAt: number;
}

export type VoucherKind = 'exchange' | 'cash' | 'discount' | 'ticket';
export type TemplateStatus = 'pending_review' | 'active' | 'rejected' | 'disabled';

export interface VoucherTemplateTable {
  id: Generated<number>;
  merchantId: number;
  kind: VoucherKind;
  title: string;
  merchantName: string;
  conditions: string;
  goodsName: string | null;
  goodsQuantity: number | null;
  amountCents: number | null;
  thresholdCents: number | null;
  percentOff: number | null;
  capCents: number | null;
  imageUrl: string | null;
  logoUrl: string | null;
  validityKind: 'fixed' | 'relative';
  validFrom: number | null;
  validUntil: number | null;
  validDays: number | null;
  /** Seven 0/1 flags, Monday first: the weekdays it can be used (S4, `use_week`). */
  useWeek: string;
  allStores: number;
  perMemberLimit: number;
  isGiving: number;
  isSelf: number;
  servicePhone: string;
  claimNotice: string;
  status: TemplateStatus;
  reviewFlags: string;
  reviewReason: string | null;
  reviewedBy: number | null;
  reviewedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface VoucherTemplateStoreTable {
  templateId: number;
  storeId: number;
  merchantId: number;
}

export type VoucherState = 'unused' | 'used' | 'expired' | 'disabled' | 'gifting';
export type IssueChannel = 'grant' | 'purchase' | 'code' | 'campaign' | 'api';

export interface VoucherTable {
  id: Generated<number>;
  merchantId: number;
  templateId: number;
  memberId: number;
  codeHash: string;
  codeEnc: string;
  codeTail: string;
  state: VoucherState;
  validFrom: number;
  validUntil: number;
  channel: IssueChannel;
  sourceRef: string | null;
  issuedAt: number;
  usedAt: number | null;
  usedStoreId: number | null;
  updatedAt: number;
}

export interface VoucherHoldingTable {
  memberId: number;
  templateId: number;
  merchantId: number;
  received: number;
}

export interface VerificationTable {
  id: Generated<number>;
  merchantId: number;
  voucherId: number;
  storeId: number;
  channel: 'staff' | 'admin' | 'self';
  staffId: number | null;
  memberId: number | null;
  requestNo: string;
  at: number;
  undoneAt: number | null;
  undoneBy: number | null;
}

export interface VoucherGiftTable {
  id: Generated<number>;
  merchantId: number;
  voucherId: number;
  giverId: number;
  receiverId: number | null;
  codeHash: string;
  attempts: Generated<number>;
  status: 'pending' | 'accepted' | 'cancelled' | 'returned';
  expiresAt: number;
  createdAt: number;
  closedAt: number | null;
}

export interface VoucherEvaluationTable {
  voucherId: number;
  merchantId: number;
  memberId: number;
  templateId: number;
  storeId: number;
  score: number;
  text: string;
  at: number;
}

export type CampaignKind = 'store' | 'qr';
export type CampaignStatus = 'active' | 'paused';
export type RepeatRule = 'once' | 'unlimited' | 'cooldown' | 'limit';

export interface CampaignTable {
  id: Generated<number>;
  merchantId: number;
  kind: CampaignKind;
  name: string;
  /** The unguessable part of the claim page link and QR; never changes. */
  token: string;
  status: CampaignStatus;
  pauseReason: 'manual' | 'sold_out' | null;
  startsAt: number | null;
  endsAt: number | null;
  repeatRule: RepeatRule;
  perMemberLimit: Generated<number>;
  cooldownSeconds: Generated<number>;
  totalLimit: Generated<number>;
  claims: Generated<number>;
  createdAt: number;
  updatedAt: number;
}

export interface CampaignStoreTable {
  campaignId: number;
  storeId: number;
  merchantId: number;
}

export interface CampaignItemTable {
  id: Generated<number>;
  campaignId: number;
  merchantId: number;
  templateId: number;
  quantity: number;
  /** Vouchers this item may hand out in all (null: no stock limit). */
  stock: number | null;
  claimed: Generated<number>;
  position: Generated<number>;
}

export interface CampaignMemberClaimTable {
  campaignId: number;
  memberId: number;
  merchantId: number;
  claims: Generated<number>;
  lastClaimedAt: Generated<number>;
}

export interface CampaignClaimTable {
  id: Generated<number>;
  merchantId: number;
  campaignId: number;
  memberId: number | null;
  /** `granted`, or the refusal's error code. */
  result: string;
  voucherIds: string;
  at: number;
}

export type CardKeyState = 'available' | 'occupied' | 'sold' | 'deleted';

export interface CardKeyPoolTable {
  id: Generated<number>;
  merchantId: number;
  name: string;
  shape: 'secret' | 'number_password';
  lowStockThreshold: number;
  reusable: number;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

export interface CardKeyCounterTable {
  poolId: number;
  shard: number;
  available: number;
  occupied: number;
  sold: number;
}

export interface CardKeyReservationTable {
  id: Generated<number>;
  merchantId: number;
  poolId: number;
  activityKind: string;
  activityRef: string;
  quantity: number;
  status: 'active' | 'closed';
  expiresAt: number;
  createdAt: number;
  updatedAt: number;
}

export interface CardKeyTable {
  id: Generated<number>;
  merchantId: number;
  poolId: number;
  keyHash: string;
  secretEnc: string;
  state: CardKeyState;
  reservationId: number | null;
  soldAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface CardKeySaleTable {
  id: Generated<number>;
  merchantId: number;
  poolId: number;
  keyId: number;
  memberId: number;
  orderId: number | null;
  orderItemId: number | null;
  source: string;
  activityRef: string | null;
  createdAt: number;
}

export interface CardKeyBackorderTable {
  id: Generated<number>;
  merchantId: number;
  poolId: number;
  orderId: number;
  orderItemId: number;
  memberId: number;
  missing: number;
  createdAt: number;
  updatedAt: number;
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
  commerceSettings: CommerceSettingsTable;
  memberLevels: MemberLevelTable;
  productCategories: ProductCategoryTable;
  products: ProductTable;
  cartItems: CartItemTable;
  checkouts: CheckoutTable;
  checkoutLines: CheckoutLineTable;
  payments: PaymentTable;
  orders: OrderTable;
  orderItems: OrderItemTable;
  fulfilments: FulfilmentTable;
  pointsLedger: PointsLedgerTable;
  commissionEntries: CommissionEntryTable;
  voucherSettings: VoucherSettingsTable;
  voucherTemplates: VoucherTemplateTable;
  voucherTemplateStores: VoucherTemplateStoreTable;
  vouchers: VoucherTable;
  voucherHoldings: VoucherHoldingTable;
  verifications: VerificationTable;
  voucherGifts: VoucherGiftTable;
  voucherEvaluations: VoucherEvaluationTable;
  cardKeyPools: CardKeyPoolTable;
  cardKeyCounters: CardKeyCounterTable;
  cardKeyReservations: CardKeyReservationTable;
  cardKeys: CardKeyTable;
  cardKeySales: CardKeySaleTable;
  cardKeyBackorders: CardKeyBackorderTable;
  campaigns: CampaignTable;
  campaignStores: CampaignStoreTable;
  campaignItems: CampaignItemTable;
  campaignMemberClaims: CampaignMemberClaimTable;
  campaignClaims: CampaignClaimTable;
  codeSettings: CodeSettingsTable;
  codeLibraries: CodeLibraryTable;
  codeBatches: CodeBatchTable;
  redemptionCodes: RedemptionCodeTable;
  codeDailyCounts: CodeDailyCountTable;
}

export type Executor = Kysely<DB> | Transaction<DB>;
export type MerchantRow = Selectable<MerchantTable>;
export type StaffUserRow = Selectable<StaffUserTable>;
export type StoreRow = Selectable<StoreTable>;
export type MemberRow = Selectable<MemberTable>;
export type ApiKeyRow = Selectable<ApiKeyTable>;
export type NewAuditLog = Insertable<AuditLogTable>;
export type ProductRow = Selectable<ProductTable>;
export type CheckoutRow = Selectable<CheckoutTable>;
export type OrderRow = Selectable<OrderTable>;
export type OrderItemRow = Selectable<OrderItemTable>;
export type CommerceSettingsRow = Selectable<CommerceSettingsTable>;
export type MemberLevelRow = Selectable<MemberLevelTable>;
export type CommissionEntryRow = Selectable<CommissionEntryTable>;
export type VoucherTemplateRow = Selectable<VoucherTemplateTable>;
export type VoucherRow = Selectable<VoucherTable>;
export type VerificationRow = Selectable<VerificationTable>;
export type CampaignRow = Selectable<CampaignTable>;
export type CampaignItemRow = Selectable<CampaignItemTable>;

export interface CodeSettingsTable {
  merchantId: number;
  failWindowMinutes: number;
  maxFailures: number;
  freezeHours: number;
  ipMaxFailures: number;
  dailyLimit: number;
  updatedAt: number;
}

export type CodeFormat = 'mixed' | 'mixed_clear' | 'digits';

export interface CodeLibraryTable {
  id: Generated<number>;
  merchantId: number;
  name: string;
  format: CodeFormat;
  templateId: number;
  /** JSON: [{ productId, quantity }] — the goods a holder may choose among. */
  reward: string;
  validFrom: number | null;
  validUntil: number | null;
  status: 'active' | 'disabled';
  codeCount: Generated<number>;
  createdAt: number;
  updatedAt: number;
}

export type CodeBatchStatus = 'queued' | 'running' | 'done' | 'cancelled' | 'failed';

export interface CodeBatchTable {
  id: Generated<number>;
  merchantId: number;
  libraryId: number;
  requested: number;
  generated: number;
  nextSerial: number;
  status: CodeBatchStatus;
  error: string | null;
  leaseUntil: number;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

export type CodeState = 'unused' | 'redeemed' | 'disabled' | 'expired';

export interface RedemptionCodeTable {
  id: Generated<number>;
  merchantId: number;
  libraryId: number;
  batchId: number | null;
  serial: number;
  codeHash: string;
  codeEnc: string;
  codeTail: string;
  state: CodeState;
  sourceRef: string | null;
  voucherId: number | null;
  memberId: number | null;
  orderId: number | null;
  redeemedVia: 'online' | 'store' | null;
  redeemedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface CodeDailyCountTable {
  memberId: number;
  day: string;
  merchantId: number;
  redeemed: number;
}

export type CodeLibraryRow = Selectable<CodeLibraryTable>;
export type CodeBatchRow = Selectable<CodeBatchTable>;
export type RedemptionCodeRow = Selectable<RedemptionCodeTable>;
export type CardKeyPoolRow = Selectable<CardKeyPoolTable>;
export type CardKeyRow = Selectable<CardKeyTable>;
export type CardKeyReservationRow = Selectable<CardKeyReservationTable>;
