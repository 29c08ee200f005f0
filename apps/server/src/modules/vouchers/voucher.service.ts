// Issuing vouchers (every channel calls `issueVouchers`), and reading them: the holder's wallet and
// the merchant's list. Codes: 12 digits from a cryptographic source, found by keyed hash, stored
// encrypted, shown masked to staff (ENGINEERING rule 4).

import type { Voucher } from '@kaquan/contracts';
import type { AppContext } from '../../context.ts';
import type { Executor, IssueChannel, VoucherRow, VoucherState } from '../../db/schema.ts';
import { AppError, isUniqueViolation, notFound } from '../../http/errors.ts';
import { pooledRandom } from '../../lib/keys.ts';
import { DAY, iso, isoOrNull, now, weekdayIn } from '../../lib/time.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import * as repo from './voucher.repo.ts';
import { shownState, VOUCHER_TRANSITIONS } from './voucher.states.ts';

export const codeHash = (ctx: AppContext, code: string) => ctx.keys.hmac(`voucher:${code}`);
export const maskCode = (tail: string) => `•••• ${tail}`;

/** 12 random digits, uniform: bytes of 250 and above are skipped, so `% 10` has no bias. */
export function newVoucherCode(): string {
  let s = '';
  while (s.length < 12) {
    for (const b of pooledRandom(16)) {
      if (b < 250) s += String(b % 10);
      if (s.length === 12) break;
    }
  }
  return s;
}

export const weekFlags = (useWeek: string) => [...useWeek].flatMap((c, i) => (c === '1' ? [i + 1] : []));

type VoucherWithTemplate = VoucherRow & {
  kind: string;
  title: string;
  useWeek: string;
  isSelf: number;
  isGiving: number;
  logoUrl: string | null;
  imageUrl: string | null;
};

export function toVoucher(
  ctx: AppContext,
  v: VoucherWithTemplate,
  view: 'holder' | 'staff',
  at = now(),
): Voucher {
  return {
    id: v.id,
    templateId: v.templateId,
    memberId: v.memberId,
    kind: v.kind,
    title: v.title,
    code: view === 'holder' ? ctx.keys.decrypt(v.codeEnc) : maskCode(v.codeTail),
    state: v.state,
    shownState: shownState(v, at),
    validFrom: iso(v.validFrom),
    validUntil: iso(v.validUntil),
    useWeek: weekFlags(v.useWeek),
    isSelf: v.isSelf === 1,
    isGiving: v.isGiving === 1,
    channel: v.channel,
    issuedAt: iso(v.issuedAt),
    usedAt: isoOrNull(v.usedAt),
    usedStoreId: v.usedStoreId,
    logoUrl: v.logoUrl,
    imageUrl: v.imageUrl,
  };
}

export interface IssueRequest {
  merchantId: number;
  templateId: number;
  memberId: number;
  count: number;
  channel: IssueChannel;
  /** Unique per merchant and channel (with an index per unit) — a replayed issuance adds nothing. */
  sourceRef?: string | null;
  /** The codes to issue under (one per unit), when the channel brings its own (redemption codes). */
  codes?: string[];
}

/**
 * Issues `count` vouchers of an active template to a member, in the caller's transaction: the
 * holding limit is taken with one conditional update, codes are unique by constraint.
 */
export async function issueVouchers(ctx: AppContext, exec: Executor, req: IssueRequest, actor: Actor) {
  const t = await repo.findTemplate(exec, req.merchantId, req.templateId);
  if (!t) throw notFound('template');
  if (t.status !== 'active') throw new AppError('TEMPLATE_NOT_ACTIVE', 409);
  const member = await exec
    .selectFrom('members')
    .where('merchantId', '=', req.merchantId)
    .where('id', '=', req.memberId)
    .select(['id', 'status'])
    .executeTakeFirst();
  if (!member) throw notFound('member');
  const at = now();
  const validFrom = t.validityKind === 'fixed' ? t.validFrom! : at;
  const validUntil = t.validityKind === 'fixed' ? t.validUntil! : at + t.validDays! * DAY;
  if (validUntil < at) throw new AppError('TEMPLATE_VALIDITY_OVER', 409);
  const held = await repo.takeHolding(exec, {
    merchantId: req.merchantId,
    memberId: req.memberId,
    templateId: t.id,
    limit: t.perMemberLimit,
    n: req.count,
  });
  if (!held) throw new AppError('VOUCHER_LIMIT_REACHED', 409, { limit: t.perMemberLimit });
  const rows = Array.from({ length: req.count }, (_, i) => {
    const code = req.codes?.[i] ?? newVoucherCode();
    return {
      merchantId: req.merchantId,
      templateId: t.id,
      memberId: req.memberId,
      codeHash: codeHash(ctx, code),
      codeEnc: ctx.keys.encrypt(code),
      codeTail: code.slice(-4),
      state: 'unused' as const,
      validFrom,
      validUntil,
      channel: req.channel,
      sourceRef: req.sourceRef ? `${req.sourceRef}#${i + 1}` : null,
      issuedAt: at,
      usedAt: null,
      usedStoreId: null,
      updatedAt: at,
    };
  });
  let issued: VoucherRow[];
  try {
    issued = await repo.insertVouchers(exec, rows);
  } catch (err) {
    if (isUniqueViolation(err) && req.sourceRef) throw new AppError('VOUCHER_ALREADY_ISSUED', 409);
    throw err;
  }
  await recordAudit(
    exec,
    { ...actor, merchantId: req.merchantId },
    {
      action: 'voucher.issue',
      targetType: 'template',
      targetId: t.id,
      after: {
        memberId: req.memberId,
        channel: req.channel,
        count: req.count,
        voucherIds: issued.map((v) => v.id),
      },
    },
  );
  const view = {
    kind: t.kind,
    title: t.title,
    useWeek: t.useWeek,
    isSelf: t.isSelf,
    isGiving: t.isGiving,
    logoUrl: t.logoUrl,
    imageUrl: t.imageUrl,
  };
  return issued.map((v) => ({ ...v, ...view }));
}

export async function listVouchers(
  ctx: AppContext,
  merchantId: number,
  f: {
    memberId?: number;
    templateId?: number;
    state?: VoucherState;
    page?: number;
    pageSize?: number;
    /** Only vouchers usable now (at this store when given), by the merchant's calendar. */
    usable?: { timeZone: string; storeId?: number };
  },
  view: 'holder' | 'staff',
) {
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 20;
  const at = now();
  const usable = f.usable && { weekday: weekdayIn(f.usable.timeZone, at), storeId: f.usable.storeId };
  const { rows, total } = await repo.listVouchers(
    ctx.db,
    merchantId,
    { memberId: f.memberId, templateId: f.templateId, shown: f.state, usable, at },
    pageSize,
    (page - 1) * pageSize,
  );
  return { items: rows.map((r) => toVoucher(ctx, r, view, at)), total, page, pageSize };
}

export async function getVoucher(exec: Executor, merchantId: number, id: number, memberId?: number) {
  const v = await repo.findVoucher(exec, merchantId, id);
  if (!v || (memberId !== undefined && v.memberId !== memberId)) throw notFound('voucher');
  return v;
}

/**
 * Moves one voucher of the merchant along the state table (one conditional UPDATE), for channels
 * that consume or withdraw vouchers outside a store (online redemption of a code, a refund); the
 * row when it moved, undefined when its state did not allow it.
 */
export function moveVoucherState(
  exec: Executor,
  merchantId: number,
  id: number,
  action: 'verify' | 'disable' | 'enable',
  at = now(),
) {
  const t = VOUCHER_TRANSITIONS[action];
  return repo.moveVoucherOf(exec, merchantId, id, t.from, {
    state: t.to,
    updatedAt: at,
    ...(action === 'verify' ? { usedAt: at, usedStoreId: null } : {}),
  });
}
