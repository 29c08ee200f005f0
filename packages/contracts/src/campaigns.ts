// Claim campaigns (S2.3) and QR claim campaigns (S3).
import { type Static, type TSchema, Type } from '@sinclair/typebox';

const Id = Type.Integer({ minimum: 1 });
const Instant = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** `store`: a claim campaign on stores' homepages; `qr`: a scan-to-claim campaign. */
export const CampaignKind = Type.Union([Type.Literal('store'), Type.Literal('qr')]);
export type CampaignKind = Static<typeof CampaignKind>;

/** once / unlimited / cooldown are the QR rules (S3.2); `limit` is a store campaign's per-member limit. */
export const RepeatRule = Type.Union([
  Type.Literal('once'),
  Type.Literal('unlimited'),
  Type.Literal('cooldown'),
  Type.Literal('limit'),
]);
export type RepeatRule = Static<typeof RepeatRule>;

/** What a campaign is now, by its status and the clock. */
export const CampaignShownStatus = Type.Union([
  Type.Literal('scheduled'),
  Type.Literal('active'),
  Type.Literal('paused'),
  Type.Literal('sold_out'),
  Type.Literal('ended'),
]);
export type CampaignShownStatus = Static<typeof CampaignShownStatus>;

export const CampaignItem = Type.Object({
  id: Id,
  templateId: Id,
  title: Type.String(),
  kind: Type.String(),
  quantity: Type.Integer(),
  /** Vouchers this item may hand out in all; null: no stock limit. */
  stock: Nullable(Type.Integer()),
  claimed: Type.Integer(),
  remaining: Nullable(Type.Integer()),
});
export type CampaignItem = Static<typeof CampaignItem>;

export const Campaign = Type.Object({
  id: Id,
  kind: CampaignKind,
  name: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('paused')]),
  pauseReason: Nullable(Type.Union([Type.Literal('manual'), Type.Literal('sold_out')])),
  shownStatus: CampaignShownStatus,
  startsAt: Nullable(Instant),
  endsAt: Nullable(Instant),
  repeatRule: RepeatRule,
  perMemberLimit: Type.Integer(),
  cooldownSeconds: Type.Integer(),
  totalLimit: Type.Integer(),
  claims: Type.Integer(),
  storeIds: Type.Array(Id),
  items: Type.Array(CampaignItem),
  /** The claim page; the QR encodes it. Neither changes when the campaign is edited. */
  link: Type.String(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Campaign = Static<typeof Campaign>;

/** A campaign as a member sees it on its claim page. */
export const CampaignPage = Type.Object({
  token: Type.String(),
  kind: CampaignKind,
  name: Type.String(),
  shownStatus: CampaignShownStatus,
  startsAt: Nullable(Instant),
  endsAt: Nullable(Instant),
  repeatRule: RepeatRule,
  perMemberLimit: Type.Integer(),
  cooldownSeconds: Type.Integer(),
  items: Type.Array(
    Type.Object({
      templateId: Id,
      title: Type.String(),
      kind: Type.String(),
      quantity: Type.Integer(),
      remaining: Nullable(Type.Integer()),
    }),
  ),
  mine: Type.Object({ claims: Type.Integer(), nextClaimAt: Nullable(Instant) }),
});
export type CampaignPage = Static<typeof CampaignPage>;

/** A store with its live claim campaigns (the member's claim center, S2.3). */
export const StoreCampaigns = Type.Object({
  storeId: Id,
  storeName: Type.String(),
  campaigns: Type.Array(CampaignPage),
});
export type StoreCampaigns = Static<typeof StoreCampaigns>;

export const ClaimRecord = Type.Object({
  id: Id,
  memberId: Nullable(Id),
  memberPhone: Nullable(Type.String()),
  result: Type.String(),
  voucherIds: Type.Array(Id),
  at: Instant,
});
export type ClaimRecord = Static<typeof ClaimRecord>;
