// Voucher templates of a merchant (S2.1) and the review they pass before use (S2.2). A new
// template, and any edit of what a member sees, waits for the operator's review; only an active
// template issues vouchers (`getIssuableTemplate`).
import type { ReviewFlag, VoucherTemplate } from '@kaquan/contracts';
import type { Static } from '@sinclair/typebox';
import type { Updateable } from 'kysely';
import { inTransaction } from '../../db/database.ts';
import type { Executor, VoucherKind, VoucherTemplateRow, VoucherTemplateTable } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { pageWindow } from '../../http/pagination.ts';
import { iso, isoOrNull, now } from '../../lib/time.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import { assertOwnStores } from '../tenancy/store.service.ts';
import * as repo from './template.repo.ts';
import {
  flagsToWeek,
  kindFieldsProblem,
  reviewFlags,
  TEMPLATE_TRANSITIONS,
  textTooLong,
  weekToFlags,
} from './template.rules.ts';
import type { TemplateBody, TemplateListQuery, TemplatePatch } from './template.schemas.ts';

type MerchantActor = Actor & { merchantId: number };
type Patch = Static<typeof TemplatePatch>;
type Columns = Updateable<VoucherTemplateTable>;

/** Columns a member never sees: changing only these keeps the review status. */
const UNREVIEWED_COLUMNS: readonly string[] = ['perMemberLimit', 'allStores'];

export function toTemplate(r: VoucherTemplateRow, storeIds: number[]): VoucherTemplate {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    merchantName: r.merchantName,
    conditions: r.conditions,
    goodsName: r.goodsName,
    goodsQuantity: r.goodsQuantity,
    amountCents: r.amountCents,
    thresholdCents: r.thresholdCents,
    percentOff: r.percentOff,
    capCents: r.capCents,
    imageUrl: r.imageUrl,
    logoUrl: r.logoUrl,
    validity:
      r.validityKind === 'fixed'
        ? { kind: 'fixed', from: iso(Number(r.validFrom)), until: iso(Number(r.validUntil)) }
        : { kind: 'relative', days: Number(r.validDays) },
    useWeek: flagsToWeek(r.useWeek),
    stores: { all: r.allStores === 1, storeIds: r.allStores === 1 ? [] : storeIds },
    perMemberLimit: r.perMemberLimit,
    isGiving: r.isGiving === 1,
    isSelf: r.isSelf === 1,
    servicePhone: r.servicePhone,
    claimNotice: r.claimNotice,
    status: r.status,
    reviewFlags: JSON.parse(r.reviewFlags) as ReviewFlag[],
    reviewReason: r.reviewReason,
    reviewedAt: isoOrNull(r.reviewedAt),
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

export async function withStores(exec: Executor, rows: VoucherTemplateRow[]) {
  const stores = await repo.storeIdsOf(
    exec,
    rows.filter((r) => r.allStores !== 1).map((r) => r.id),
  );
  return rows.map((r) => toTemplate(r, stores.get(r.id) ?? []));
}

/** Refusals that need no database: text widths and the fields each kind needs. */
function checkContent(kind: VoucherKind, input: Patch, current?: VoucherTemplateRow) {
  const long = textTooLong(input);
  if (long) throw new AppError('TEMPLATE_TEXT_TOO_LONG', 422, { max: long.max }, long);
  const problem = kindFieldsProblem(kind, input, current);
  if (problem) throw new AppError('TEMPLATE_KIND_FIELDS', 422, {}, problem);
}

function validityColumns(v: NonNullable<Patch['validity']>): Columns {
  if (v.kind === 'relative') {
    return { validityKind: 'relative', validFrom: null, validUntil: null, validDays: v.days };
  }
  const from = Date.parse(v.from);
  const until = Date.parse(v.until);
  if (!(from < until))
    throw new AppError('TEMPLATE_VALIDITY_INVALID', 422, {}, { from: v.from, until: v.until });
  return { validityKind: 'fixed', validFrom: from, validUntil: until, validDays: null };
}

/** Store ids chosen by the input, in order (none for every store); undefined when not given. */
const chosenStores = (stores: Patch['stores']) =>
  stores === undefined ? undefined : stores.all === true ? [] : [...stores.storeIds].sort((a, b) => a - b);

function columnsOf(input: Patch): Columns {
  const flag = (v: boolean | undefined) => (v === undefined ? undefined : v ? 1 : 0);
  let useWeek: string | undefined;
  if (input.useWeek) {
    const flags = weekToFlags(input.useWeek);
    if (!flags) throw new AppError('VALIDATION_FAILED', 400, {}, { field: 'useWeek' });
    useWeek = flags;
  }
  const out: Columns = {
    title: input.title,
    merchantName: input.merchantName,
    conditions: input.conditions,
    goodsName: input.goodsName,
    goodsQuantity: input.goodsQuantity,
    amountCents: input.amountCents,
    thresholdCents: input.thresholdCents,
    percentOff: input.percentOff,
    capCents: input.capCents,
    imageUrl: input.imageUrl,
    logoUrl: input.logoUrl,
    ...(input.validity ? validityColumns(input.validity) : {}),
    useWeek,
    allStores: input.stores === undefined ? undefined : input.stores.all === true ? 1 : 0,
    perMemberLimit: input.perMemberLimit,
    isGiving: flag(input.isGiving),
    isSelf: flag(input.isSelf),
    servicePhone: input.servicePhone,
    claimNotice: input.claimNotice,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

const flagsOf = (t: { title: string; merchantName: string; conditions: string; claimNotice: string }) =>
  JSON.stringify(reviewFlags(t));

export async function listTemplates(exec: Executor, merchantId: number, q: Static<typeof TemplateListQuery>) {
  const { page, pageSize, offset } = pageWindow(q);
  const { rows, total } = await repo.listTemplates(exec, merchantId, q, pageSize, offset);
  return { items: await withStores(exec, rows), total, page, pageSize };
}

async function findOwn(exec: Executor, merchantId: number, id: number) {
  const row = await repo.findTemplate(exec, merchantId, id);
  if (!row) throw notFound('template');
  return row;
}

export async function getTemplate(exec: Executor, merchantId: number, id: number) {
  return (await withStores(exec, [await findOwn(exec, merchantId, id)]))[0];
}

export async function createTemplate(
  exec: Executor,
  actor: MerchantActor,
  input: Static<typeof TemplateBody>,
) {
  checkContent(input.kind, input);
  const columns = columnsOf(input);
  return inTransaction(exec, async (trx) => {
    const storeIds = chosenStores(input.stores) ?? [];
    if (storeIds.length) await assertOwnStores(trx, actor.merchantId, storeIds);
    const at = now();
    const claimNotice = input.claimNotice ?? '';
    const row = await repo.insertTemplate(trx, {
      merchantId: actor.merchantId,
      kind: input.kind,
      goodsName: null,
      goodsQuantity: null,
      amountCents: null,
      thresholdCents: input.kind === 'cash' ? 0 : null,
      percentOff: null,
      capCents: null,
      imageUrl: null,
      logoUrl: null,
      useWeek: '1111111',
      perMemberLimit: 0,
      isGiving: 0,
      isSelf: 0,
      ...(columns as Required<Pick<VoucherTemplateTable, 'title' | 'merchantName' | 'conditions'>> &
        Pick<VoucherTemplateTable, 'validityKind' | 'servicePhone' | 'allStores'>),
      claimNotice,
      status: 'pending_review',
      reviewFlags: flagsOf({ ...input, claimNotice }),
      reviewReason: null,
      reviewedBy: null,
      reviewedAt: null,
      createdAt: at,
      updatedAt: at,
    });
    await repo.replaceStores(trx, actor.merchantId, row.id, storeIds);
    const template = toTemplate(row, storeIds);
    await recordAudit(trx, actor, {
      action: 'template.create',
      targetType: 'template',
      targetId: row.id,
      after: template,
    });
    return template;
  });
}

/**
 * Edits a template. If anything a member sees really changed, an active or rejected template goes
 * back to review with fresh flags; stores and the per-member limit alone keep its status.
 */
export async function updateTemplate(exec: Executor, actor: MerchantActor, id: number, input: Patch) {
  return inTransaction(exec, async (trx) => {
    const before = await findOwn(trx, actor.merchantId, id);
    checkContent(before.kind, input, before);
    const columns = columnsOf(input);
    const current = before as unknown as Record<string, unknown>;
    const changed = Object.keys(columns).filter((k) => current[k] !== columns[k as keyof Columns]);
    const storeIds = chosenStores(input.stores);
    if (storeIds?.length) await assertOwnStores(trx, actor.merchantId, storeIds);
    const oldStores = (await repo.storeIdsOf(trx, [id])).get(id) ?? [];
    const storesDiffer = storeIds !== undefined && storeIds.join() !== oldStores.join();
    if (changed.length === 0 && !storesDiffer) return toTemplate(before, oldStores);

    const resubmit = changed.some((k) => !UNREVIEWED_COLUMNS.includes(k));
    const next = { ...before, ...columns } as VoucherTemplateRow;
    const row = await repo.updateTemplate(
      trx,
      actor.merchantId,
      id,
      { ...columns, ...(resubmit ? { reviewFlags: flagsOf(next) } : {}), updatedAt: now() },
      resubmit,
    );
    if (storeIds !== undefined) await repo.replaceStores(trx, actor.merchantId, id, storeIds);
    const after = toTemplate(row!, storeIds ?? oldStores);
    await recordAudit(trx, actor, {
      action: resubmit ? 'template.update_resubmit' : 'template.update',
      targetType: 'template',
      targetId: id,
      before: toTemplate(before, oldStores),
      after,
    });
    return after;
  });
}

export async function disableTemplate(exec: Executor, actor: MerchantActor, id: number) {
  return inTransaction(exec, async (trx) => {
    const before = await findOwn(trx, actor.merchantId, id);
    const rule = TEMPLATE_TRANSITIONS.disable;
    const row = await repo.transitionTemplate(trx, { id, merchantId: actor.merchantId }, rule.from, {
      status: 'disabled',
      updatedAt: now(),
    });
    if (!row) throw new AppError(rule.refusal, 409);
    return switched(trx, actor, 'template.disable', before.status, row);
  });
}

/** Back to active when the current content was approved, else back to review. */
export async function enableTemplate(exec: Executor, actor: MerchantActor, id: number) {
  return inTransaction(exec, async (trx) => {
    await findOwn(trx, actor.merchantId, id);
    const row = await repo.enableTemplate(trx, actor.merchantId, id, now());
    if (!row) throw new AppError(TEMPLATE_TRANSITIONS.enable.refusal, 409);
    return switched(trx, actor, 'template.enable', 'disabled', row);
  });
}

/** Audits a status change (`merchantId` set for the operator, who acts across merchants). */
export async function switched(
  exec: Executor,
  actor: Actor,
  action: string,
  from: VoucherTemplateRow['status'],
  row: VoucherTemplateRow,
) {
  await recordAudit(exec, actor, {
    action,
    targetType: 'template',
    targetId: row.id,
    merchantId: row.merchantId,
    before: { status: from },
    after: { status: row.status, reviewReason: row.reviewReason },
  });
  return (await withStores(exec, [row]))[0];
}

/**
 * The template if vouchers of it may be issued now, with its store ids (empty = every store).
 * Unknown or another merchant's → 404; not active (in review, rejected, disabled) → 409.
 */
export async function getIssuableTemplate(exec: Executor, merchantId: number, id: number) {
  const row = await findOwn(exec, merchantId, id);
  if (row.status !== 'active') throw new AppError('TEMPLATE_NOT_ACTIVE', 409);
  const storeIds = row.allStores === 1 ? [] : ((await repo.storeIdsOf(exec, [id])).get(id) ?? []);
  return { ...row, storeIds };
}
