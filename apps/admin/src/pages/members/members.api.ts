import type { Member, Page } from '@kaquan/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Paging } from '../../components/paging.ts';

export interface MemberInput {
  name?: string;
  phone: string;
  externalId?: string;
}

export function useMembers(q: string, paging: Paging) {
  return useQuery({
    queryKey: ['members', 'list', q, paging],
    queryFn: () => api.get<Page<Member>>('/members', { q, ...paging }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MemberInput) => api.create<Member>('/members', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['members'] }),
  });
}
