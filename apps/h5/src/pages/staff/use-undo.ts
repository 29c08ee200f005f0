import type { Verification } from '@kaquan/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Dialog, Toast } from 'antd-mobile';
import { staffKeys, undoVerification } from '../../api/staff.ts';
import { useT } from '../../i18n/index.tsx';
import { showError } from '../../lib/show-error.ts';

/** 撤销: asks first, then undoes a verification and refreshes today's records. */
export function useUndo(onUndone?: (verification: Verification) => void) {
  const t = useT();
  const queryClient = useQueryClient();
  const undo = useMutation({
    mutationFn: undoVerification,
    onSuccess: (verification) => {
      queryClient.invalidateQueries({ queryKey: staffKeys.today(verification.storeId) });
      Toast.show({ icon: 'success', content: t('staff.undone') });
      onUndone?.(verification);
    },
    onError: (err) => showError(err, t),
  });
  async function ask(verification: Verification) {
    const ok = await Dialog.confirm({ content: t('staff.undoAsk', { title: verification.voucherTitle }) });
    if (ok) undo.mutate(verification.id);
  }
  return { ask, pending: undo.isPending };
}

/** Whether the merchant's undo window is still open. */
export const canUndo = (verification: Verification, now = Date.now()) =>
  !verification.undoneAt && !!verification.undoUntil && new Date(verification.undoUntil).getTime() > now;
