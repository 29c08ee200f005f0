import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, SpinLoading, Toast } from 'antd-mobile';
import { cancelGift, giftKeys, usePendingGift } from '../../api/gift.ts';
import { walletKeys } from '../../api/wallet.ts';
import { useT } from '../../i18n/index.tsx';
import { formatTime } from '../../lib/format-time.ts';
import { showError } from '../../lib/show-error.ts';
import { copyText } from './copy-text.ts';
import { LinkQr } from './link-qr.tsx';
import './gifts.css';

/** 123456 → 123 456: two groups are easier to read aloud over the phone. */
const spaced = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`;

/**
 * The giver's gift screen, shown on the voucher page while the gift is pending: the code to tell,
 * the link to send (copy or scan), when it comes back, and 取消赠送.
 */
export function GiftShare({ voucherId }: { voucherId: number }) {
  const t = useT();
  const queryClient = useQueryClient();
  const gift = usePendingGift(voucherId, true);
  const cancel = useMutation({
    mutationFn: cancelGift,
    onSuccess: async () => {
      Toast.show({ icon: 'success', content: t('gift.cancelled') });
      // The voucher first (this screen then gives way to its code), then the gift that is gone.
      await queryClient.invalidateQueries({ queryKey: walletKeys.detail(voucherId), exact: true });
      queryClient.removeQueries({ queryKey: giftKeys.pending(voucherId) });
      await queryClient.invalidateQueries({ queryKey: walletKeys.all });
    },
    onError: (err) => {
      showError(err, t);
      return queryClient.invalidateQueries({ queryKey: walletKeys.detail(voucherId) });
    },
  });

  if (gift.isPending) {
    return (
      <div className="kq-gift-loading">
        <SpinLoading color="primary" />
      </div>
    );
  }
  if (gift.isError) {
    return (
      <div className="kq-gift-share">
        <p className="kq-note">{t('gift.loadFailed')}</p>
        <Button size="small" onClick={() => void gift.refetch()}>
          {t('common.retry')}
        </Button>
      </div>
    );
  }

  const { giftId, code, shareUrl, expiresAt } = gift.data;

  async function copy() {
    const ok = await copyText(shareUrl);
    Toast.show(ok ? { icon: 'success', content: t('gift.copied') } : { content: t('gift.copyFailed') });
  }

  async function askCancel() {
    if (await Dialog.confirm({ content: t('gift.cancelAsk') })) cancel.mutate(giftId);
  }

  return (
    <div className="kq-gift-share" data-testid="gift-share">
      <div className="kq-gift-code-label">{t('gift.codeLabel')}</div>
      <div className="kq-gift-code kq-secret" data-testid="gift-code">
        {spaced(code)}
      </div>
      <p className="kq-note">{t('gift.codeHint')}</p>
      <LinkQr url={shareUrl} label={t('gift.qr')} />
      <div className="kq-gift-link-label">{t('gift.link')}</div>
      <div className="kq-gift-link kq-secret" data-testid="gift-link">
        {shareUrl}
      </div>
      <Button block color="primary" fill="outline" onClick={copy}>
        {t('gift.copyLink')}
      </Button>
      <p className="kq-gift-expiry">{t('gift.expiresAt', { time: formatTime(expiresAt) })}</p>
      <p className="kq-gift-warning">{t('gift.separateNote')}</p>
      <Button block fill="none" color="danger" loading={cancel.isPending} onClick={askCancel}>
        {t('gift.cancel')}
      </Button>
    </div>
  );
}
