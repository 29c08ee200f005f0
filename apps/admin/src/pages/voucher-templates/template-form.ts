// The template form speaks yuan, a date range and an "all stores" switch; the API speaks cents,
// a validity union and a stores union. These two functions translate.
import type { VoucherKind, VoucherTemplate } from '@kaquan/contracts';
import dayjs, { type Dayjs } from 'dayjs';
import { centsToYuan, formatMoney, yuanToCents } from '../../components/money.ts';

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const TEXT_LIMITS = { title: 15, merchantName: 10 } as const;

/** A CJK character and a Latin letter each count one. */
export const textWidth = (s: string | undefined) => [...(s ?? '')].length;

export interface TemplateFormValues {
  kind: VoucherKind;
  title: string;
  merchantName: string;
  conditions: string;
  goodsName?: string;
  goodsQuantity?: number;
  amountYuan?: number;
  thresholdYuan?: number;
  percentOff?: number;
  capYuan?: number | null;
  imageUrl?: string;
  logoUrl?: string;
  validityKind: 'fixed' | 'relative';
  validRange?: [Dayjs, Dayjs];
  validDays?: number;
  useWeek: number[];
  allStores: boolean;
  storeIds?: number[];
  perMemberLimit: number;
  isGiving: boolean;
  isSelf: boolean;
  servicePhone: string;
  claimNotice?: string;
}

export const NEW_TEMPLATE: Partial<TemplateFormValues> = {
  kind: 'exchange',
  goodsQuantity: 1,
  validityKind: 'relative',
  validDays: 30,
  useWeek: [...WEEKDAYS],
  allStores: true,
  perMemberLimit: 0,
  isGiving: false,
  isSelf: false,
};

export function toFormValues(t: VoucherTemplate): TemplateFormValues {
  return {
    kind: t.kind,
    title: t.title,
    merchantName: t.merchantName,
    conditions: t.conditions,
    goodsName: t.goodsName ?? undefined,
    goodsQuantity: t.goodsQuantity ?? undefined,
    amountYuan: t.amountCents == null ? undefined : centsToYuan(t.amountCents),
    thresholdYuan: t.thresholdCents == null ? undefined : centsToYuan(t.thresholdCents),
    percentOff: t.percentOff ?? undefined,
    capYuan: t.capCents == null ? undefined : centsToYuan(t.capCents),
    imageUrl: t.imageUrl ?? undefined,
    logoUrl: t.logoUrl ?? undefined,
    validityKind: t.validity.kind,
    validRange: t.validity.kind === 'fixed' ? [dayjs(t.validity.from), dayjs(t.validity.until)] : undefined,
    validDays: t.validity.kind === 'relative' ? t.validity.days : 30,
    useWeek: t.useWeek,
    allStores: t.stores.all,
    storeIds: t.stores.storeIds,
    perMemberLimit: t.perMemberLimit,
    isGiving: t.isGiving,
    isSelf: t.isSelf,
    servicePhone: t.servicePhone,
    claimNotice: t.claimNotice,
  };
}

/** Only the chosen kind's own fields are sent: the server refuses another kind's. */
function kindFields(v: TemplateFormValues): Record<string, unknown> {
  switch (v.kind) {
    case 'exchange':
      return { goodsName: v.goodsName?.trim(), goodsQuantity: v.goodsQuantity };
    case 'cash':
      return {
        amountCents: yuanToCents(v.amountYuan ?? 0),
        thresholdCents: yuanToCents(v.thresholdYuan ?? 0),
      };
    case 'discount':
      return { percentOff: v.percentOff, capCents: v.capYuan ? yuanToCents(v.capYuan) : null };
    default:
      return {};
  }
}

export function toBody(v: TemplateFormValues): Record<string, unknown> {
  const [from, until] = v.validRange ?? [];
  return {
    kind: v.kind,
    title: v.title.trim(),
    merchantName: v.merchantName.trim(),
    conditions: v.conditions.trim(),
    ...kindFields(v),
    imageUrl: v.imageUrl?.trim() || null,
    logoUrl: v.logoUrl?.trim() || null,
    validity:
      v.validityKind === 'fixed'
        ? {
            kind: 'fixed',
            from: from?.startOf('day').toISOString(),
            until: until?.endOf('day').toISOString(),
          }
        : { kind: 'relative', days: v.validDays },
    useWeek: [...v.useWeek].sort(),
    stores: v.allStores ? { all: true } : { storeIds: v.storeIds ?? [] },
    perMemberLimit: v.perMemberLimit ?? 0,
    isGiving: v.isGiving,
    isSelf: v.isSelf,
    servicePhone: v.servicePhone.trim(),
    claimNotice: v.claimNotice?.trim() ?? '',
  };
}

/** What the voucher is worth, in a few words: "中杯拿铁 ×1", "¥20.00 满 ¥100.00 可用", "8.5 折". */
export function valueSummary(
  v: Partial<
    Pick<
      TemplateFormValues,
      'kind' | 'goodsName' | 'goodsQuantity' | 'amountYuan' | 'thresholdYuan' | 'percentOff'
    >
  >,
  words: { threshold: (amount: string) => string; discount: (rate: string, percent: number) => string },
): string {
  switch (v.kind) {
    case 'exchange':
      return v.goodsName ? `${v.goodsName} ×${v.goodsQuantity ?? 1}` : '';
    case 'cash': {
      if (!v.amountYuan) return '';
      const amount = formatMoney(yuanToCents(v.amountYuan));
      return v.thresholdYuan
        ? `${amount} · ${words.threshold(formatMoney(yuanToCents(v.thresholdYuan)))}`
        : amount;
    }
    case 'discount':
      return v.percentOff ? words.discount(String((100 - v.percentOff) / 10), v.percentOff) : '';
    default:
      return '';
  }
}
