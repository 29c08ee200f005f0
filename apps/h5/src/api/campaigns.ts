import type { CampaignPage, StoreCampaigns, Voucher } from '@kaquan/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { walletKeys } from './wallet.ts';

export const campaignKeys = {
  center: ['h5', 'campaigns', 'center'] as const,
  page: (token: string) => ['h5', 'campaigns', 'page', token] as const,
};

/** The claim center: every open store's live claim campaigns. */
export function useClaimCenter() {
  return useQuery({
    queryKey: campaignKeys.center,
    queryFn: () => api.get<StoreCampaigns[]>('/member/campaigns'),
  });
}

/** The page a campaign link or QR opens. */
export function useCampaignPage(token: string) {
  return useQuery({
    queryKey: campaignKeys.page(token),
    queryFn: () => api.get<CampaignPage>(`/claim/${encodeURIComponent(token)}`),
    retry: false,
  });
}

/** Claims every item of the campaign; one Idempotency-Key per press, so a retried request grants once. */
export function useClaim(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (key: string) =>
      api.post<{ claimId: number; vouchers: Voucher[] }>(
        `/claim/${encodeURIComponent(token)}`,
        {},
        {
          'Idempotency-Key': key,
        },
      ),
    onSettled: () => {
      queryClient.invalidateQueries({ queryKey: campaignKeys.page(token) });
      queryClient.invalidateQueries({ queryKey: campaignKeys.center });
      queryClient.invalidateQueries({ queryKey: walletKeys.all });
    },
  });
}
