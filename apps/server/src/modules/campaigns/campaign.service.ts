// The merchant's side of campaigns: create, edit (rules, items, stock), pause and start, the QR
// and the claim records. The link and QR carry a token fixed at creation, so no edit moves them.
import type { Campaign, CampaignShownStatus } from '@kaquan/contracts';
import QRCode from 'qrcode';
import type { AppContext } from '../../context.ts';
import type { CampaignItemRow, CampaignKind, CampaignRow, Executor, RepeatRule } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { randomToken } from '../../lib/keys.ts';
import { iso, isoOrNull, now } from '../../lib/time.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import { getMerchant } from '../tenancy/merchant.service.ts';
import { assertOwnStores } from '../tenancy/store.service.ts';
import { getIssuableTemplate } from '../vouchers/template.service.ts';
import * as repo from './campaign.repo.ts';
import type { CreateCampaignBody, ItemInput, UpdateCampaignBody } from './campaign.schemas.ts';

type ItemWithTemplate = CampaignItemRow & { title: string; kind: string };

export const claimLink = (ctx: AppContext, slug: string, token: string) =>
  `${ctx.config.publicUrl}/h5/${slug}/c/${token}`;

/** An item can serve one more claim only while its stock covers a whole claim's quantity. */
export const itemExhausted = (i: Pick<CampaignItemRow, 'stock' | 'claimed' | 'quantity'>) =>
  i.stock !== null && i.stock - i.claimed < i.quantity;

export function shownStatus(c: CampaignRow, at = now()): CampaignShownStatus {
  if (c.endsAt !== null && at > c.endsAt) return 'ended';
  if (c.status === 'paused') return c.pauseReason === 'sold_out' ? 'sold_out' : 'paused';
  if (c.startsAt !== null && at < c.startsAt) return 'scheduled';
  return 'active';
}

export const toItem = (i: ItemWithTemplate) => ({
  id: i.id,
  templateId: i.templateId,
  title: i.title,
  kind: i.kind,
  quantity: i.quantity,
  stock: i.stock,
  claimed: i.claimed,
  remaining: i.stock === null ? null : i.stock - i.claimed,
});

function toCampaign(
  ctx: AppContext,
  slug: string,
  c: CampaignRow,
  items: ItemWithTemplate[],
  storeIds: number[],
): Campaign {
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    status: c.status,
    pauseReason: c.pauseReason,
    shownStatus: shownStatus(c),
    startsAt: isoOrNull(c.startsAt),
    endsAt: isoOrNull(c.endsAt),
    repeatRule: c.repeatRule,
    perMemberLimit: c.perMemberLimit,
    cooldownSeconds: c.cooldownSeconds,
    totalLimit: c.totalLimit,
    claims: c.claims,
    storeIds,
    items: items.map(toItem),
    link: claimLink(ctx, slug, c.token),
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
  };
}

async function present(ctx: AppContext, exec: Executor, merchantId: number, rows: CampaignRow[]) {
  const ids = rows.map((r) => r.id);
  const [merchant, items, stores] = await Promise.all([
    getMerchant(exec, merchantId),
    repo.itemsOf(exec, ids),
    repo.storeIdsOf(exec, ids),
  ]);
  return rows.map((r) =>
    toCampaign(
      ctx,
      merchant.slug,
      r,
      items.filter((i) => i.campaignId === r.id),
      stores.filter((s) => s.campaignId === r.id).map((s) => s.storeId),
    ),
  );
}

const ms = (at: string | null | undefined) => (at ? Date.parse(at) : null);

type Rules = Pick<
  CampaignRow,
  'startsAt' | 'endsAt' | 'repeatRule' | 'perMemberLimit' | 'cooldownSeconds' | 'totalLimit'
>;

/** The rules of a campaign kind, checked and normalised (S2.3 for store, S3.2 for QR). */
function rulesOf(kind: CampaignKind, b: Partial<UpdateCampaignBody>, base?: Rules): Rules {
  const startsAt = b.startsAt !== undefined ? ms(b.startsAt) : (base?.startsAt ?? null);
  const endsAt = b.endsAt !== undefined ? ms(b.endsAt) : (base?.endsAt ?? null);
  if (kind === 'store' && (startsAt === null || endsAt === null))
    throw new AppError('CAMPAIGN_WINDOW_INVALID', 422);
  if (startsAt !== null && endsAt !== null && endsAt <= startsAt)
    throw new AppError('CAMPAIGN_WINDOW_INVALID', 422);
  const repeatRule: RepeatRule = b.repeatRule ?? base?.repeatRule ?? (kind === 'store' ? 'limit' : 'once');
  if ((kind === 'store') !== (repeatRule === 'limit')) throw new AppError('CAMPAIGN_RULE_INVALID', 422);
  const totalLimit = b.totalLimit ?? base?.totalLimit ?? 0;
  if (kind === 'store') {
    return {
      startsAt,
      endsAt,
      repeatRule,
      perMemberLimit: b.perMemberLimit ?? base?.perMemberLimit ?? 1,
      cooldownSeconds: 0,
      totalLimit,
    };
  }
  const cooldownSeconds = repeatRule === 'cooldown' ? (b.cooldownSeconds ?? base?.cooldownSeconds ?? 0) : 0;
  if (repeatRule === 'cooldown' && cooldownSeconds < 60)
    throw new AppError('CAMPAIGN_COOLDOWN_REQUIRED', 422);
  return {
    startsAt,
    endsAt,
    repeatRule,
    perMemberLimit: repeatRule === 'once' ? 1 : 0,
    cooldownSeconds,
    totalLimit,
  };
}

/** Items must name approved templates of the merchant, each once; QR items need a stock. */
async function checkItems(exec: Executor, merchantId: number, kind: CampaignKind, items: ItemInput[]) {
  if (new Set(items.map((i) => i.templateId)).size !== items.length)
    throw new AppError('CAMPAIGN_ITEM_DUPLICATE', 422);
  for (const i of items) {
    await getIssuableTemplate(exec, merchantId, i.templateId);
    if (kind === 'qr' && (i.stock === undefined || i.stock === null))
      throw new AppError('CAMPAIGN_STOCK_REQUIRED', 422);
  }
  return items.map((i, position) => ({ ...i, stock: kind === 'qr' ? (i.stock ?? 0) : null, position }));
}

async function storesOf(exec: Executor, merchantId: number, kind: CampaignKind, storeIds?: number[]) {
  if (kind === 'qr') return [];
  const ids = [...new Set(storeIds ?? [])];
  if (!ids.length) throw new AppError('CAMPAIGN_STORES_REQUIRED', 422);
  await assertOwnStores(exec, merchantId, ids);
  return ids;
}

export async function createCampaign(
  ctx: AppContext,
  actor: Actor & { merchantId: number },
  b: CreateCampaignBody,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const rules = rulesOf(b.kind, b);
    const storeIds = await storesOf(trx, actor.merchantId, b.kind, b.storeIds);
    const items = await checkItems(trx, actor.merchantId, b.kind, b.items);
    const at = now();
    const c = await repo.insertCampaign(trx, {
      merchantId: actor.merchantId,
      kind: b.kind,
      name: b.name,
      token: randomToken(12),
      status: 'active',
      pauseReason: null,
      ...rules,
      createdAt: at,
      updatedAt: at,
    });
    await repo.replaceStores(trx, actor.merchantId, c.id, storeIds);
    await repo.insertItems(
      trx,
      items.map((i) => ({
        campaignId: c.id,
        merchantId: actor.merchantId,
        templateId: i.templateId,
        quantity: i.quantity,
        stock: i.stock,
        position: i.position,
      })),
    );
    const [view] = await present(ctx, trx, actor.merchantId, [c]);
    await recordAudit(trx, actor, {
      action: 'campaign.create',
      targetType: 'campaign',
      targetId: c.id,
      after: view,
    });
    return view;
  });
}

export async function getCampaignRow(exec: Executor, merchantId: number, id: number) {
  const c = await repo.findCampaign(exec, merchantId, id);
  if (!c) throw notFound('campaign');
  return c;
}

export async function getCampaign(ctx: AppContext, merchantId: number, id: number) {
  const [view] = await present(ctx, ctx.db, merchantId, [await getCampaignRow(ctx.db, merchantId, id)]);
  return view;
}

export async function listCampaigns(
  ctx: AppContext,
  merchantId: number,
  q: { kind?: CampaignKind; q?: string; page?: number; pageSize?: number },
) {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const { rows, total } = await repo.listCampaigns(ctx.db, merchantId, q, pageSize, (page - 1) * pageSize);
  return { items: await present(ctx, ctx.db, merchantId, rows), total, page, pageSize };
}

/** Runs an edit with the campaign row locked (every writer of a campaign locks it first). */
async function editCampaign(
  ctx: AppContext,
  actor: Actor & { merchantId: number },
  id: number,
  action: string,
  edit: (trx: Executor, c: CampaignRow) => Promise<void>,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const locked = await repo.touchCampaign(trx, actor.merchantId, id, { updatedAt: now() });
    if (!locked) throw notFound('campaign');
    const [before] = await present(ctx, trx, actor.merchantId, [locked]);
    await edit(trx, locked);
    const [after] = await present(ctx, trx, actor.merchantId, [
      await getCampaignRow(trx, actor.merchantId, id),
    ]);
    await recordAudit(trx, actor, { action, targetType: 'campaign', targetId: id, before, after });
    return after;
  });
}

export const updateCampaign = (
  ctx: AppContext,
  actor: Actor & { merchantId: number },
  id: number,
  b: UpdateCampaignBody,
) =>
  editCampaign(ctx, actor, id, 'campaign.update', async (trx, c) => {
    const rules = rulesOf(c.kind, b, c);
    await repo.touchCampaign(trx, actor.merchantId, id, { ...rules, ...(b.name ? { name: b.name } : {}) });
    if (b.storeIds !== undefined)
      await repo.replaceStores(
        trx,
        actor.merchantId,
        id,
        await storesOf(trx, actor.merchantId, c.kind, b.storeIds),
      );
  });

/**
 * S3.4: the new list of items. Listed ids keep their counts (quantity and stock change, stock
 * never below what was claimed); unlisted items are removed; items without an id are added.
 */
export const setItems = (
  ctx: AppContext,
  actor: Actor & { merchantId: number },
  id: number,
  input: ItemInput[],
) =>
  editCampaign(ctx, actor, id, 'campaign.items', async (trx, c) => {
    const items = await checkItems(trx, actor.merchantId, c.kind, input);
    const current = await repo.itemsOf(trx, [id]);
    const kept = new Set<number>();
    for (const i of items) {
      const same = current.find((x) => x.id === i.id && x.templateId === i.templateId);
      if (!same) continue;
      kept.add(same.id);
      const row = await repo.updateItem(trx, id, same.id, {
        quantity: i.quantity,
        stock: i.stock,
        position: i.position,
      });
      if (!row)
        throw new AppError('STOCK_BELOW_CLAIMED', 409, { claimed: same.claimed }, { itemId: same.id });
    }
    await repo.deleteItems(
      trx,
      id,
      current.filter((x) => !kept.has(x.id)).map((x) => x.id),
    );
    await repo.insertItems(
      trx,
      items
        .filter((i) => !current.some((x) => x.id === i.id && x.templateId === i.templateId))
        .map((i) => ({
          campaignId: id,
          merchantId: actor.merchantId,
          templateId: i.templateId,
          quantity: i.quantity,
          stock: i.stock,
          position: i.position,
        })),
    );
  });

/** S3.6 pause (or take a store campaign offline early) and start again. */
export const setCampaignStatus = (
  ctx: AppContext,
  actor: Actor & { merchantId: number },
  id: number,
  to: 'active' | 'paused',
) =>
  editCampaign(ctx, actor, id, to === 'paused' ? 'campaign.pause' : 'campaign.start', async (trx, c) => {
    if (to === 'active') {
      if (c.endsAt !== null && now() > c.endsAt) throw new AppError('CAMPAIGN_ENDED', 409);
      const items = await repo.itemsOf(trx, [id]);
      if (items.some(itemExhausted) || (c.totalLimit > 0 && c.claims >= c.totalLimit))
        throw new AppError('STOCK_EXHAUSTED', 409);
    }
    const moved = await repo.setStatus(trx, id, to === 'active' ? 'paused' : 'active', {
      status: to,
      pauseReason: to === 'paused' ? 'manual' : null,
      updatedAt: now(),
    });
    if (!moved) throw new AppError('CAMPAIGN_STATUS_INVALID', 409);
  });

/** S3.3: the QR of the claim page link, for print (PNG) or embedding (SVG). */
export async function campaignQr(
  ctx: AppContext,
  merchantId: number,
  id: number,
  format: 'png' | 'svg',
  size: number,
) {
  const c = await getCampaignRow(ctx.db, merchantId, id);
  const merchant = await getMerchant(ctx.db, merchantId);
  const opts = { errorCorrectionLevel: 'M' as const, margin: 2, width: size };
  const url = claimLink(ctx, merchant.slug, c.token);
  return format === 'png'
    ? QRCode.toBuffer(url, { ...opts, type: 'png' })
    : QRCode.toString(url, { ...opts, type: 'svg' });
}
