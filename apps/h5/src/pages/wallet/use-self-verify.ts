import type { Verification } from '@kaquan/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { ApiError, NETWORK_ERROR } from '../../api/client.ts';
import { selfVerifyVoucher, walletKeys } from '../../api/wallet.ts';
import { newRequestNo } from '../../lib/request-no.ts';

/**
 * Self-verification with one request number per attempt: a retry after a lost answer reuses it (the
 * server then answers the same record), while a refused attempt starts afresh.
 */
export function useSelfVerify(onSuccess: (verification: Verification) => void) {
  const queryClient = useQueryClient();
  const attempt = useRef<{ key: string; requestNo: string } | null>(null);
  return useMutation({
    mutationFn: ({ voucherId, storeUrl }: { voucherId: number; storeUrl: string }) => {
      const key = `${voucherId} ${storeUrl}`;
      if (attempt.current?.key !== key) attempt.current = { key, requestNo: newRequestNo() };
      return selfVerifyVoucher(voucherId, storeUrl, attempt.current.requestNo);
    },
    onSuccess: (verification) => {
      attempt.current = null;
      queryClient.invalidateQueries({ queryKey: walletKeys.all });
      onSuccess(verification);
    },
    onError: (err) => {
      if (!(err instanceof ApiError && err.code === NETWORK_ERROR)) attempt.current = null;
    },
  });
}
