import type { CommissionRates, Page, Product, ProductType } from '@kaquan/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Paging } from '../../components/paging.ts';

export const PRODUCT_TYPES: readonly ProductType[] = ['physical', 'gift_card', 'card_key', 'voucher'];

/** Types delivered from a code library, card-key pool or voucher template named by `fulfilRef`. */
export const FULFIL_REF_TYPES: readonly ProductType[] = ['gift_card', 'card_key', 'voucher'];

/** Regional-agent commission needs a delivery region, so it never applies to gift cards or card keys. */
export const REGIONAL_AGENT_TYPES: readonly ProductType[] = ['physical', 'voucher'];

export const TYPE_COLORS: Record<ProductType, string> = {
  physical: 'blue',
  gift_card: 'magenta',
  card_key: 'purple',
  voucher: 'orange',
};

export interface ProductFilters {
  q?: string;
  type?: ProductType;
  categoryId?: number;
  onSale?: boolean;
}

export interface ProductInput {
  type?: ProductType;
  name: string;
  description: string;
  images: string[];
  categoryId: number | null;
  priceCents: number;
  stock: number;
  onSale: boolean;
  couponAllowed: boolean;
  pointsAllowed: boolean;
  memberPriceAllowed: boolean;
  svipAllowed: boolean;
  svipPriceCents: number | null;
  commission: CommissionRates;
  fulfilRef: string | null;
}

export function useProducts(filters: ProductFilters, paging: Paging) {
  const { onSale, ...rest } = filters;
  return useQuery({
    queryKey: ['products', 'list', filters, paging],
    queryFn: () =>
      api.get<Page<Product>>('/products', {
        ...rest,
        onSale: onSale === undefined ? undefined : String(onSale),
        ...paging,
      }),
    placeholderData: keepPreviousData,
  });
}

/** Create (the type is set once, at creation) or update a product. */
export function useSaveProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: number; input: ProductInput }) => {
      if (!id) return api.create<Product>('/products', input);
      const { type: _type, ...patch } = input;
      return api.patch<Product>(`/products/${id}`, patch);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['products'] }),
    // The drawer shows the refusal in place (a type not installed yet reads better next to the field).
    meta: { silent: true },
  });
}

export function useSetOnSale() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, onSale }: { id: number; onSale: boolean }) =>
      api.patch<Product>(`/products/${id}`, { onSale }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['products'] }),
  });
}
