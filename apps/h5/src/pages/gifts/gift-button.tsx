import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, Toast } from 'antd-mobile';
import { ApiError } from '../../api/client.ts';
import { giftKeys, startGift } from '../../api/gift.ts';
import { walletKeys } from '../../api/wallet.ts';
import { useT } from '../../i18n/index.tsx';
import { showError } from '../../lib/show-error.ts';

/**
 * 赠送 on a transferable unused voucher: after a confirmation the gift starts, and the voucher page,
 * read again, shows the gift screen in place of the counter code.
 */
export function GiftButton({ voucherId }: { voucherId: number }) {
  const t = useT();
  const queryClient = useQueryClient();
  const start = useMutation({
    mutationFn: startGift,
    onSuccess: (gift) => {
      queryClient.setQueryData(giftKeys.pending(voucherId), gift);
      Toast.show({ icon: 'success', content: t('gift.started') });
      return queryClient.invalidateQueries({ queryKey: walletKeys.all });
    },
    onError: (err) => {
      // Already being gifted (an answer lost on the way, another tab): the page shows that gift.
      if (!(err instanceof ApiError && err.code === 'VOUCHER_GIFTING')) showError(err, t);
      return queryClient.invalidateQueries({ queryKey: walletKeys.detail(voucherId) });
    },
  });

  async function ask() {
    const ok = await Dialog.confirm({
      title: t('gift.confirmTitle'),
      content: t('gift.confirmBody'),
      confirmText: t('gift.confirmOk'),
    });
    if (ok) start.mutate(voucherId);
  }

  return (
    <Button className="kq-bar-button" color="primary" fill="outline" loading={start.isPending} onClick={ask}>
      {t('gift.action')}
    </Button>
  );
}
