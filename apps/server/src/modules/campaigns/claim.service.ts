// Claiming (S2.3, S3): all items of one claim are granted or none. Inside one transaction the
// campaign row is locked first (on PostgreSQL; the order claim.fast.ts's batches take too), then
// the member's counter moves (once / cooldown / per-member limit), the vouchers are issued, and
// the two hot rows (the campaign's claim count, each item's stock) move last. Any refusal rolls everything back and is then written
// to the claim records on its own; a claim that finds an item sold out pauses the campaign.
import type { CampaignPage, StoreCampaigns, Voucher } from '@kaquan/contracts';
import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.ts';
import type {
  CampaignRow,
  DB,
  Executor,
  MemberRow,
  VoucherRow,
  VoucherTemplateRow,
} from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { IdempotencyKey, WriteResult } from '../../http/idempotency.ts';
import { randomToken } from '../../lib/keys.ts';
import { recentSnapshots } from '../../lib/snapshots.ts';
import { isoOrNull, now } from '../../lib/time.ts';
import { type Actor, recordAudit, SYSTEM_ACTOR } from '../audit/audit.service.ts';
import { issueVouchers, toVoucher } from '../vouchers/voucher.service.ts';
import * as repo from './campaign.repo.ts';
import { itemExhausted, shownStatus } from './campaign.service.ts';
import { type FastClaimDone, type FastItem, fastClaim } from './claim.fast.ts';

export type ClaimResult = { claimId: number; vouchers: Voucher[] };
type Run = (fn: (trx: Transaction<DB>) => Promise<WriteResult<ClaimResult>>) => Promise<ClaimResult>;

/** The campaign behind a link, if it is the member's merchant's (others answer 404 alike). */
export async function campaignByToken(exec: Executor, merchantId: number, token: string) {
  const c = await repo.findCampaignByToken(exec, token);
  if (!c || c.merchantId !== merchantId) throw notFound('campaign');
  return c;
}

/** Refuses a claim the campaign cannot take now, by its status and the server clock. */
function assertOpen(c: CampaignRow, at: number) {
  const shown = shownStatus(c, at);
  if (shown === 'sold_out') throw new AppError('CAMPAIGN_SOLD_OUT', 409);
  if (shown === 'scheduled') throw new AppError('CAMPAIGN_NOT_STARTED', 409);
  if (shown !== 'active') throw new AppError('CAMPAIGN_ENDED', 409);
}

const nextClaimAt = (c: CampaignRow, mine: { claims: number; lastClaimedAt: number } | undefined) =>
  mine && c.cooldownSeconds > 0 && mine.claims > 0 ? mine.lastClaimedAt + c.cooldownSeconds * 1000 : null;

async function memberRefusal(trx: Executor, c: CampaignRow, memberId: number, at: number): Promise<AppError> {
  const mine = await repo.memberClaim(trx, c.id, memberId);
  const next = nextClaimAt(c, mine);
  if (c.repeatRule === 'cooldown' && next !== null && next > at) {
    const retryAfterSeconds = Math.ceil((next - at) / 1000);
    return new AppError('CLAIM_COOLDOWN', 409, { retryAfterSeconds }, { retryAfterSeconds });
  }
  if (c.repeatRule === 'once') return new AppError('CLAIM_ONCE', 409);
  return new AppError('CLAIM_LIMIT_REACHED', 409, { limit: c.perMemberLimit });
}

async function grant(
  ctx: AppContext,
  trx: Transaction<DB>,
  c: CampaignRow,
  member: MemberRow,
  actor: Actor,
): Promise<WriteResult<ClaimResult>> {
  const at = now();
  assertOpen(c, at);
  // The campaign row first (claims sent together lock it, then the items, then members' rows).
  if (ctx.database.engine === 'postgres') await repo.lockCampaign(trx, c.id);
  const items = await repo.itemsOf(trx, [c.id]);
  if (!items.length) throw new AppError('CAMPAIGN_ENDED', 409);
  if (items.some(itemExhausted)) throw new AppError('CAMPAIGN_SOLD_OUT', 409);
  const took = await repo.takeMemberClaim(trx, {
    merchantId: c.merchantId,
    campaignId: c.id,
    memberId: member.id,
    limit: c.perMemberLimit,
    cooldownMs: c.cooldownSeconds * 1000,
    at,
  });
  if (!took) throw await memberRefusal(trx, c, member.id, at);
  const ref = `c${c.id}:${randomToken(9)}`;
  const vouchers: Voucher[] = [];
  for (const item of items) {
    const issued = await issueVouchers(
      ctx,
      trx,
      {
        merchantId: c.merchantId,
        templateId: item.templateId,
        memberId: member.id,
        count: item.quantity,
        channel: 'campaign',
        sourceRef: `${ref}:${item.id}`,
      },
      actor,
    );
    vouchers.push(...issued.map((v) => toVoucher(ctx, v, 'holder', at)));
  }
  const record = await repo.insertClaim(trx, {
    merchantId: c.merchantId,
    campaignId: c.id,
    memberId: member.id,
    result: 'granted',
    voucherIds: JSON.stringify(vouchers.map((v) => v.id)),
    at,
  });
  // The hot rows, last: the campaign (status and total limit), then each item's stock.
  const counted = await repo.takeCampaignClaim(trx, c.id, at);
  if (!counted) {
    const now_ = await repo.findCampaign(trx, c.merchantId, c.id);
    if (now_) assertOpen(now_, at);
    throw new AppError('CAMPAIGN_SOLD_OUT', 409);
  }
  let exhausted = counted.totalLimit > 0 && counted.claims >= counted.totalLimit;
  for (const item of items) {
    const left = await repo.takeItemStock(trx, c.id, item.id, item.quantity);
    if (!left) {
      const fresh = (await repo.itemsOf(trx, [c.id])).find((x) => x.id === item.id);
      if (!fresh || fresh.quantity !== item.quantity) throw new AppError('CAMPAIGN_CHANGED', 409);
      throw new AppError('CAMPAIGN_SOLD_OUT', 409);
    }
    if (itemExhausted(left)) exhausted = true;
  }
  if (exhausted) await pauseSoldOut(trx, c);
  return { status: 201, body: { claimId: record.id, vouchers } };
}

/** S3.1: the campaign pauses by itself when an item (or the total limit) runs out. */
async function pauseSoldOut(exec: Executor, c: CampaignRow) {
  const moved = await repo.setStatus(exec, c.id, 'active', {
    status: 'paused',
    pauseReason: 'sold_out',
    updatedAt: now(),
  });
  if (moved)
    await recordAudit(
      exec,
      { ...SYSTEM_ACTOR, merchantId: c.merchantId },
      {
        action: 'campaign.sold_out',
        targetType: 'campaign',
        targetId: c.id,
        before: { status: 'active' },
        after: { status: 'paused', pauseReason: 'sold_out' },
      },
    );
}

export async function claimCampaign(
  ctx: AppContext,
  member: MemberRow,
  token: string,
  actor: Actor,
  run: Run,
  opts: { idem: IdempotencyKey | null },
): Promise<ClaimResult> {
  // On PostgreSQL the claim goes in a batch first, from a snapshot of the campaign at most a second
  // old (the batch statement re-checks everything that matters on the locked rows; a stale snapshot
  // only sends the claim down the full path). With an Idempotency-Key the batch claims the key and
  // stores this first answer too; a retry finds the key taken and the full path replays it.
  if (ctx.database.engine === 'postgres') {
    const snap = await claimSnapshot(ctx, token);
    if (snap && snap.campaign.merchantId === member.merchantId) {
      const done = await claimInOneStatement(ctx, snap.campaign, snap.items, member, actor, opts.idem);
      if (done) return done;
    }
  }
  const c = await campaignByToken(ctx.db, member.merchantId, token);
  try {
    return await run((trx) => grant(ctx, trx, c, member, actor));
  } catch (err) {
    if (!(err instanceof AppError) || err.status !== 409) throw err;
    await ctx.db.transaction().execute(async (trx) => {
      await repo.insertClaim(trx, {
        merchantId: c.merchantId,
        campaignId: c.id,
        memberId: member.id,
        result: err.code,
        voucherIds: '[]',
        at: now(),
      });
      if (err.code === 'CAMPAIGN_SOLD_OUT') await pauseSoldOut(trx, c);
    });
    throw err;
  }
}

type SnapshotItem = FastItem & { stock: number | null; claimed: number };
type Snapshot = { campaign: CampaignRow; items: SnapshotItem[] };
const snapshots = recentSnapshots<string, Snapshot | null>();

/** The campaign behind a link and its items with their templates, read at most once a second. */
const claimSnapshot = (ctx: AppContext, token: string) =>
  snapshots.get(ctx, token, () => readSnapshot(ctx, token));

async function readSnapshot(ctx: AppContext, token: string): Promise<Snapshot | null> {
  const campaign = await repo.findCampaignByToken(ctx.db, token);
  if (!campaign) return null;
  const items = await repo.claimItems(ctx.db, campaign.id);
  return { campaign, items };
}

async function claimInOneStatement(
  ctx: AppContext,
  c: CampaignRow,
  items: SnapshotItem[],
  member: MemberRow,
  actor: Actor,
  idem: IdempotencyKey | null,
): Promise<ClaimResult | null> {
  const at = now();
  if (shownStatus(c, at) !== 'active') return null;
  if (!items.length) return null;
  if (items.some(itemExhausted)) return null;
  const done = await fastClaim(ctx, c, items, member, actor, at, {
    idem,
    show: (row, t, code) => holderView(ctx, row, t, code, at),
  });
  if (!done) return null;
  const exhausted = done.items.some(itemExhausted) || (done.totalLimit > 0 && done.claims >= done.totalLimit);
  if (exhausted) await ctx.db.transaction().execute((trx) => pauseSoldOut(trx, c));
  return claimResultOf(done);
}

/** A voucher of a claim as its holder sees it (the code is known here: nothing to decrypt). */
const holderView = (ctx: AppContext, row: VoucherRow, t: VoucherTemplateRow, code: string, at: number) => ({
  ...toVoucher(
    ctx,
    {
      ...row,
      kind: t.kind,
      title: t.title,
      useWeek: t.useWeek,
      isSelf: t.isSelf,
      isGiving: t.isGiving,
      logoUrl: t.logoUrl,
      imageUrl: t.imageUrl,
    },
    'staff',
    at,
  ),
  code,
});

/** What the member gets back: the claim and its vouchers as the holder sees them. */
const claimResultOf = (done: FastClaimDone): ClaimResult => ({
  claimId: done.claimId,
  vouchers: done.vouchers.map((v) => v.view),
});

/** The claim page a QR opens (or a store campaign's card), with the member's own standing. */
export async function campaignPage(
  ctx: AppContext,
  member: MemberRow,
  c: CampaignRow,
): Promise<CampaignPage> {
  const [items, mine] = await Promise.all([
    repo.itemsOf(ctx.db, [c.id]),
    repo.memberClaim(ctx.db, c.id, member.id),
  ]);
  const next = nextClaimAt(c, mine);
  return {
    token: c.token,
    kind: c.kind,
    name: c.name,
    shownStatus: shownStatus(c),
    startsAt: isoOrNull(c.startsAt),
    endsAt: isoOrNull(c.endsAt),
    repeatRule: c.repeatRule,
    perMemberLimit: c.perMemberLimit,
    cooldownSeconds: c.cooldownSeconds,
    items: items.map((i) => ({
      templateId: i.templateId,
      title: i.title,
      kind: i.kind,
      quantity: i.quantity,
      remaining: i.stock === null ? null : i.stock - i.claimed,
    })),
    mine: { claims: mine?.claims ?? 0, nextClaimAt: next !== null && next > now() ? isoOrNull(next) : null },
  };
}

/** Live claim campaigns (S2.3) grouped by store, as members see them: one store's, or every store's. */
export async function storeCampaignPages(ctx: AppContext, member: MemberRow, storeId: number | null) {
  const rows = await repo.storeCampaigns(ctx.db, member.merchantId, storeId, now());
  const out: StoreCampaigns[] = [];
  for (const { storeId: id, storeName, ...c } of rows) {
    let group = out.find((g) => g.storeId === id);
    if (!group) {
      group = { storeId: id, storeName, campaigns: [] };
      out.push(group);
    }
    group.campaigns.push(await campaignPage(ctx, member, c));
  }
  return out;
}
