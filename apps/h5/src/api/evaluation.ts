import type { EvaluationInput, MemberEvaluation, WalletEvaluation } from '@kaquan/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { walletKeys } from './wallet.ts';

const evaluationKey = (voucherId: number) => [...walletKeys.detail(voucherId), 'evaluation'] as const;

/** Whether the holder may evaluate the voucher now, and their evaluation once given. */
export function useWalletEvaluation(voucherId: number, enabled: boolean) {
  return useQuery({
    queryKey: evaluationKey(voucherId),
    queryFn: () => api.get<WalletEvaluation>(`/wallet/vouchers/${voucherId}/evaluation`),
    enabled: enabled && voucherId > 0,
  });
}

/** Submits the one evaluation of a used voucher; the page then shows it in place of the 评价 entry. */
export function useEvaluateVoucher(voucherId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: EvaluationInput) =>
      api.post<MemberEvaluation>(`/wallet/vouchers/${voucherId}/evaluation`, input),
    onSuccess: (evaluation) => {
      queryClient.setQueryData<WalletEvaluation>(evaluationKey(voucherId), {
        canEvaluate: false,
        evaluation,
      });
    },
    // Already evaluated elsewhere (another tab or phone): show what the server has.
    onError: () => queryClient.invalidateQueries({ queryKey: evaluationKey(voucherId) }),
  });
}
