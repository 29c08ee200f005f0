import type { Member, MemberCommerce, Page, PointsEntry } from '@kaquan/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Paging } from '../../components/paging.ts';

/** The fields an owner or manager may change; null clears one. */
export interface MemberCommercePatch {
  levelId?: number | null;
  svipExpiresAt?: string | null;
  referrerId?: number | null;
  teamCaptain?: boolean;
  agentRegion?: string | null;
}

export function useMember(id: number | null | undefined) {
  return useQuery({
    queryKey: ['members', 'one', id],
    queryFn: () => api.get<Member>(`/members/${id}`),
    enabled: !!id,
    staleTime: 60_000,
  });
}

export function useMemberCommerce(memberId: number) {
  return useQuery({
    queryKey: ['members', 'commerce', memberId],
    queryFn: () => api.get<MemberCommerce>(`/members/${memberId}/commerce`),
  });
}

export function useSaveMemberCommerce(memberId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: MemberCommercePatch) =>
      api.patch<MemberCommerce>(`/members/${memberId}/commerce`, patch),
    onSuccess: (data) => queryClient.setQueryData(['members', 'commerce', memberId], data),
  });
}

export function useMemberPoints(memberId: number, paging: Paging) {
  return useQuery({
    queryKey: ['members', 'points', memberId, paging],
    queryFn: () => api.get<Page<PointsEntry>>(`/members/${memberId}/points`, { ...paging }),
    placeholderData: keepPreviousData,
  });
}

export function useAdjustPoints(memberId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { delta: number; note: string }) =>
      api.create<MemberCommerce>(`/members/${memberId}/points`, body),
    onSuccess: (data) => {
      queryClient.setQueryData(['members', 'commerce', memberId], data);
      return queryClient.invalidateQueries({ queryKey: ['members', 'points', memberId] });
    },
  });
}
