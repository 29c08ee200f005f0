import type { Page, StaffRole, StaffUser } from '@kaquan/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Paging } from '../../components/paging.ts';
import type { Translate } from '../../i18n/i18n.tsx';

export interface StaffInput {
  login?: string;
  name: string;
  password?: string;
  role: StaffRole;
  allStores: boolean;
  storeIds: number[];
}

export function useStaff(q: string, paging: Paging) {
  return useQuery({
    queryKey: ['staff', 'list', q, paging],
    queryFn: () => api.get<Page<StaffUser>>('/staff', { q, ...paging }),
    placeholderData: keepPreviousData,
  });
}

export function useSaveStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: number; input: StaffInput }) =>
      id ? api.patch<StaffUser>(`/staff/${id}`, input) : api.create<StaffUser>('/staff', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['staff'] }),
  });
}

export function useSetStaffAccess() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: number; action: 'revoke' | 'restore' }) =>
      api.post<StaffUser>(`/staff/${id}/${action}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['staff'] }),
  });
}

/** Roles the signed-in user may give: an owner any merchant role, a manager only verifiers. */
export function assignableRoles(role: StaffRole): StaffRole[] {
  if (role === 'owner') return ['owner', 'manager', 'verifier'];
  if (role === 'manager') return ['verifier'];
  return [];
}

/** A login is 3–120 characters without spaces (a phone number, an e-mail or a name). */
export function loginRules(t: Translate) {
  return [
    { required: true, message: t('staff.loginRequired') },
    { pattern: /^\S{3,120}$/, message: t('staff.loginInvalid') },
  ];
}
