import type { MemberLevel } from '@kaquan/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Lang } from '../../i18n/i18n.tsx';

export interface LevelInput {
  name: string;
  discountPercent: number;
}

export function useMemberLevels() {
  return useQuery({
    queryKey: ['member-levels'],
    queryFn: () =>
      api
        .get<MemberLevel[]>('/member-levels')
        .then((list) => [...list].sort((a, b) => a.discountPercent - b.discountPercent || a.id - b.id)),
  });
}

export function useSaveMemberLevel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: number; input: LevelInput }) =>
      id
        ? api.patch<MemberLevel>(`/member-levels/${id}`, input)
        : api.create<MemberLevel>('/member-levels', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['member-levels'] }),
  });
}

/**
 * How shoppers say a discount: 5 % off is "95折", 10 % off "9折", 15 % off "85折"; in English "5% off".
 * Null when there is no discount.
 */
export function discountLabel(percent: number, lang: Lang): string | null {
  if (percent <= 0) return null;
  if (lang === 'en') return `${percent}% off`;
  const rest = 100 - percent;
  return `${rest % 10 === 0 ? rest / 10 : rest}折`;
}
