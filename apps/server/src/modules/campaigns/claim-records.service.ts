// S3.5: every claim attempt of a campaign, granted or refused, with filters and a CSV export.
import type { ClaimRecord } from '@kaquan/contracts';
import type { AppContext } from '../../context.ts';
import { type Lang, renderMessage } from '../../http/messages.ts';
import { iso } from '../../lib/time.ts';
import { getMerchant } from '../tenancy/merchant.service.ts';
import * as repo from './campaign.repo.ts';
import type { ClaimListQuery } from './campaign.schemas.ts';
import { getCampaignRow } from './campaign.service.ts';

const filterOf = (q: ClaimListQuery): repo.ClaimFilter => ({
  result: q.result,
  phone: q.phone,
  from: q.from ? Date.parse(q.from) : undefined,
  to: q.to ? Date.parse(q.to) : undefined,
});

type Row = {
  id: number;
  memberId: number | null;
  memberPhone: string | null;
  result: string;
  voucherIds: string;
  at: number;
};

const toRecord = (r: Row): ClaimRecord => ({
  id: r.id,
  memberId: r.memberId,
  memberPhone: r.memberPhone,
  result: r.result,
  voucherIds: JSON.parse(r.voucherIds) as number[],
  at: iso(r.at),
});

export async function listClaimRecords(
  ctx: AppContext,
  merchantId: number,
  campaignId: number,
  q: ClaimListQuery,
) {
  await getCampaignRow(ctx.db, merchantId, campaignId);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const { rows, total } = await repo.pageClaims(
    ctx.db,
    merchantId,
    campaignId,
    filterOf(q),
    pageSize,
    (page - 1) * pageSize,
  );
  return { items: rows.map(toRecord), total, page, pageSize };
}

const RESULT_LABELS: Record<string, Record<Lang, string>> = {
  granted: { 'zh-CN': '领取成功', en: 'Granted' },
  CLAIM_COOLDOWN: { 'zh-CN': '间隔时间未到', en: 'In cooldown' },
};

export const resultLabel = (result: string, lang: Lang) =>
  RESULT_LABELS[result]?.[lang] ?? renderMessage(result, lang, { limit: '' });

const cell = (v: string) => (/[",\n\r]/.test(v) || /^[=+\-@]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The records as CSV (UTF-8 with BOM so spreadsheet apps read the Chinese), in the merchant's time zone. */
export async function claimRecordsCsv(
  ctx: AppContext,
  merchantId: number,
  campaignId: number,
  q: ClaimListQuery,
  lang: Lang,
) {
  await getCampaignRow(ctx.db, merchantId, campaignId);
  const merchant = await getMerchant(ctx.db, merchantId);
  const fmt = new Intl.DateTimeFormat('sv-SE', {
    timeZone: merchant.timeZone,
    dateStyle: 'short',
    timeStyle: 'medium',
  });
  const rows = await repo
    .listClaims(ctx.db, merchantId, campaignId, filterOf(q))
    .selectAll('c')
    .select('m.phone as memberPhone')
    .orderBy('c.id', 'desc')
    .limit(100_000)
    .execute();
  const head =
    lang === 'zh-CN'
      ? ['记录ID', '时间', '会员手机号', '结果', '结果代码', '券ID']
      : ['Record ID', 'Time', 'Member phone', 'Result', 'Result code', 'Voucher IDs'];
  const lines = rows.map((r) =>
    [
      String(r.id),
      fmt.format(r.at),
      r.memberPhone ?? '',
      resultLabel(r.result, lang),
      r.result,
      (JSON.parse(r.voucherIds) as number[]).join(' '),
    ]
      .map(cell)
      .join(','),
  );
  return `\ufeff${[head.join(','), ...lines].join('\r\n')}\r\n`;
}
