import type { Product, ProductType } from '@kaquan/contracts';
import { bpToPercent, centsToYuan, percentToBp, yuanToCents } from '../../components/money.ts';
import { FULFIL_REF_TYPES, type ProductInput, REGIONAL_AGENT_TYPES } from './products.api.ts';

/** The product form in the units people type: yuan and percent. */
export interface ProductFormValues {
  type: ProductType;
  name: string;
  description?: string;
  categoryId?: number | null;
  price: number | null;
  stock: number | null;
  onSale: boolean;
  images: string[];
  couponAllowed: boolean;
  pointsAllowed: boolean;
  memberPriceAllowed: boolean;
  svipAllowed: boolean;
  svipPrice?: number | null;
  commissionEnabled: boolean;
  distributorPct: (number | null)[];
  teamPct: number | null;
  shareholderPct: number | null;
  regionalPct: number | null;
  fulfilRef?: string;
}

const NEW_PRODUCT: ProductFormValues = {
  type: 'physical',
  name: '',
  price: null,
  stock: null,
  onSale: true,
  images: [],
  couponAllowed: true,
  pointsAllowed: true,
  memberPriceAllowed: true,
  svipAllowed: false,
  commissionEnabled: false,
  distributorPct: [0, 0, 0],
  teamPct: 0,
  shareholderPct: 0,
  regionalPct: 0,
};

export function toFormValues(product?: Product): ProductFormValues {
  if (!product) return NEW_PRODUCT;
  const c = product.commission;
  return {
    type: product.type,
    name: product.name,
    description: product.description,
    categoryId: product.categoryId,
    price: centsToYuan(product.priceCents),
    stock: product.stock,
    onSale: product.onSale,
    images: product.images,
    couponAllowed: product.couponAllowed,
    pointsAllowed: product.pointsAllowed,
    memberPriceAllowed: product.memberPriceAllowed,
    svipAllowed: product.svipAllowed,
    svipPrice: product.svipPriceCents === null ? null : centsToYuan(product.svipPriceCents),
    commissionEnabled: c.enabled,
    distributorPct: c.distributorBp.map(bpToPercent),
    teamPct: bpToPercent(c.teamBp),
    shareholderPct: bpToPercent(c.shareholderBp),
    regionalPct: bpToPercent(c.regionalBp),
    fulfilRef: product.fulfilRef ?? undefined,
  };
}

const bp = (percent: number | null | undefined) => percentToBp(percent ?? 0);

export function toProductInput(v: ProductFormValues): ProductInput {
  const regional = REGIONAL_AGENT_TYPES.includes(v.type);
  return {
    type: v.type,
    name: v.name.trim(),
    description: v.description?.trim() ?? '',
    images: (v.images ?? []).map((url) => url.trim()).filter(Boolean),
    categoryId: v.categoryId ?? null,
    priceCents: yuanToCents(v.price ?? 0),
    stock: v.stock ?? 0,
    onSale: v.onSale,
    couponAllowed: v.couponAllowed,
    pointsAllowed: v.pointsAllowed,
    memberPriceAllowed: v.memberPriceAllowed,
    svipAllowed: v.svipAllowed,
    // Kept when the switch is off, so turning it back on restores the price.
    svipPriceCents: v.svipPrice === null || v.svipPrice === undefined ? null : yuanToCents(v.svipPrice),
    commission: {
      enabled: v.commissionEnabled,
      distributorBp: [0, 1, 2].map((level) => bp(v.distributorPct?.[level])),
      teamBp: bp(v.teamPct),
      shareholderBp: bp(v.shareholderPct),
      regionalBp: regional ? bp(v.regionalPct) : 0,
    },
    fulfilRef: FULFIL_REF_TYPES.includes(v.type) && v.fulfilRef?.trim() ? v.fulfilRef.trim() : null,
  };
}

/** Every commission rate of the form, in percent, for the "no more than 100 %" check. */
export function commissionTotalPct(v: Partial<ProductFormValues>): number {
  const rates = [...(v.distributorPct ?? []), v.teamPct, v.shareholderPct];
  if (v.type && REGIONAL_AGENT_TYPES.includes(v.type)) rates.push(v.regionalPct);
  return rates.reduce<number>((sum, r) => sum + (r ?? 0), 0);
}
