import type { ProductCategory } from '@kaquan/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export interface CategoryInput {
  name?: string;
  sort?: number;
}

/** Every category of the merchant, in shop order (the list is short, so it is not paged). */
export function useCategories() {
  return useQuery({
    queryKey: ['product-categories'],
    queryFn: () =>
      api
        .get<ProductCategory[]>('/product-categories')
        .then((list) => [...list].sort((a, b) => a.sort - b.sort || a.id - b.id)),
  });
}

export function useSaveCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: number; input: CategoryInput }) =>
      id
        ? api.patch<ProductCategory>(`/product-categories/${id}`, input)
        : api.create<ProductCategory>('/product-categories', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['product-categories'] }),
  });
}

/** Gives the categories sort values 10, 20, 30… in the order given, patching only those that change. */
export function useReorderCategories() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (ordered: ProductCategory[]) => {
      for (const [index, category] of ordered.entries()) {
        const sort = (index + 1) * 10;
        if (category.sort !== sort) await api.patch(`/product-categories/${category.id}`, { sort });
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['product-categories'] }),
  });
}
