import type { Product } from '@kaquan/contracts';
import { useSearchParams } from 'react-router-dom';
import { useCart, useShopProduct } from '../../api/shop.ts';

export interface CheckoutLine {
  product: Product;
  quantity: number;
}

/**
 * What is being bought: `?product=ID&qty=N` (buy now) or `?from=cart`.
 * `lines` is undefined while loading; `error` is set when the goods could not be loaded.
 */
export function useCheckoutLines() {
  const [params] = useSearchParams();
  const fromCart = params.get('from') === 'cart';
  const productId = fromCart ? 0 : Number(params.get('product')) || 0;
  const quantity = Math.max(1, Math.floor(Number(params.get('qty')) || 1));
  const detail = useShopProduct(productId);
  const cart = useCart();

  const source = fromCart ? cart : detail;
  let lines: CheckoutLine[] | undefined;
  if (fromCart) lines = cart.data?.items;
  else if (detail.data) lines = [{ product: detail.data.product, quantity }];

  return {
    fromCart,
    productId,
    lines,
    pending: fromCart ? cart.isPending : productId > 0 && detail.isPending,
    error: source.error,
    retry: () => source.refetch(),
  };
}
