import type {
  Buyer,
  Checkout,
  MemberCommerce,
  Page,
  Product,
  ProductCategory,
  Quote,
} from '@kaquan/contracts';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from './client.ts';

export interface ProductDetail {
  product: Product;
  /** The quote of one unit for the signed-in member. */
  memberPrice: Quote;
}

export interface CartItem {
  product: Product;
  quantity: number;
}

export interface Cart {
  items: CartItem[];
  /** Null when nothing in the cart can be bought (empty, or every product off sale). */
  quote: Quote | null;
}

export interface LineInput {
  productId: number;
  quantity: number;
}

export interface QuoteInput {
  items: LineInput[];
  couponRef?: string;
  points?: number;
}

export interface CheckoutInput {
  items?: LineInput[];
  fromCart?: true;
  couponRef?: string;
  points?: number;
  buyer: Buyer;
}

export const PAGE_SIZE = 20;

export const shopKeys = {
  all: ['h5', 'shop'] as const,
  categories: ['h5', 'shop', 'categories'] as const,
  products: (categoryId: number | null, q: string) => ['h5', 'shop', 'products', categoryId, q] as const,
  product: (id: number) => ['h5', 'shop', 'product', id] as const,
  me: ['h5', 'shop', 'me'] as const,
  cart: ['h5', 'shop', 'cart'] as const,
  quote: (input: QuoteInput) => ['h5', 'shop', 'quote', input] as const,
  checkout: (id: number) => ['h5', 'shop', 'checkout', id] as const,
};

/** A query string of the params that are set. */
export function pageQuery(params: Record<string, string | number | null | undefined>) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  }
  return search.toString();
}

/** Which page comes next, or undefined once every item has been loaded. */
export function nextPage<T>(last: Page<T>): number | undefined {
  return last.page * last.pageSize < last.total ? last.page + 1 : undefined;
}

export function useShopCategories() {
  return useQuery({
    queryKey: shopKeys.categories,
    queryFn: () => api.get<ProductCategory[]>('/shop/categories'),
    staleTime: 5 * 60_000,
  });
}

export function useShopProducts(categoryId: number | null, q: string) {
  return useInfiniteQuery({
    queryKey: shopKeys.products(categoryId, q),
    queryFn: ({ pageParam }) =>
      api.get<Page<Product>>(
        `/shop/products?${pageQuery({ categoryId, q, page: pageParam, pageSize: PAGE_SIZE })}`,
      ),
    initialPageParam: 1,
    getNextPageParam: nextPage,
  });
}

export function useShopProduct(id: number) {
  return useQuery({
    queryKey: shopKeys.product(id),
    queryFn: () => api.get<ProductDetail>(`/shop/products/${id}`),
    enabled: id > 0,
  });
}

/** The member's level, points and SVIP. */
export function useShopMe() {
  return useQuery({ queryKey: shopKeys.me, queryFn: () => api.get<MemberCommerce>('/shop/me') });
}

export function useCart() {
  return useQuery({ queryKey: shopKeys.cart, queryFn: () => api.get<Cart>('/shop/cart') });
}

export const addToCart = (line: LineInput) => api.post<Cart>('/shop/cart', line);
export const setCartQuantity = ({ productId, quantity }: LineInput) =>
  api.patch<Cart>(`/shop/cart/${productId}`, { quantity });
export const removeFromCart = (productId: number) => api.delete<Cart>(`/shop/cart/${productId}`);

export const fetchQuote = (input: QuoteInput) => api.post<Quote>('/shop/quote', input);

/** A live quote; keeps showing the last one while the next is on its way. */
export function useQuote(input: QuoteInput, enabled: boolean) {
  return useQuery({
    queryKey: shopKeys.quote(input),
    queryFn: () => fetchQuote(input),
    enabled: enabled && input.items.length > 0,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export const createCheckout = (input: CheckoutInput, idempotencyKey: string) =>
  api.post<Checkout>('/shop/checkouts', input, { 'Idempotency-Key': idempotencyKey });

export function useCheckout(id: number) {
  return useQuery({
    queryKey: shopKeys.checkout(id),
    queryFn: () => api.get<Checkout>(`/shop/checkouts/${id}`),
    enabled: id > 0,
    // A payment can finish in another tab; look again now and then while it is open.
    refetchInterval: (query) => (query.state.data?.status === 'pending' ? 10_000 : false),
  });
}

export const cancelCheckout = (id: number) => api.post<Checkout>(`/shop/checkouts/${id}/cancel`);
