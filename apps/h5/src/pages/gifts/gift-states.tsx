import { Button, Result } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';
import type { Gift } from '../../api/gift.ts';
import { PageState } from '../../components/CenteredState.tsx';
import { merchantPath, useMerchant } from '../../components/merchant-context.ts';
import { type MessageKey, useT } from '../../i18n/index.tsx';

/** The receiver has the voucher: where to find it. */
export function GiftAccepted({ title, voucherId }: { title: string; voucherId: number }) {
  const t = useT();
  const navigate = useNavigate();
  const { merchant } = useMerchant();
  return (
    <div className="kq-gift-done" data-testid="gift-accepted">
      <Result
        status="success"
        title={t('gift.acceptedTitle')}
        description={t('gift.acceptedBody', { title })}
      />
      <div className="kq-result-actions">
        <Button
          block
          color="primary"
          size="large"
          onClick={() => navigate(merchantPath(merchant.slug, `wallet/${voucherId}`))}
        >
          {t('gift.viewVoucher')}
        </Button>
        <Button block size="large" onClick={() => navigate(merchantPath(merchant.slug, 'wallet'))}>
          {t('gift.toWallet')}
        </Button>
      </div>
    </div>
  );
}

function closedText(gift: Gift): { title: MessageKey; description: MessageKey } {
  if (gift.viewer === 'giver') {
    if (gift.status === 'pending') return { title: 'gift.ownTitle', description: 'gift.ownDesc' };
    if (gift.status === 'accepted') return { title: 'gift.givenTitle', description: 'gift.givenDesc' };
  }
  if (gift.status === 'accepted') return { title: 'gift.takenTitle', description: 'gift.takenDesc' };
  if (gift.status === 'cancelled') return { title: 'gift.cancelledTitle', description: 'gift.cancelledDesc' };
  return { title: 'gift.expiredTitle', description: 'gift.expiredDesc' };
}

/**
 * A gift this member cannot receive: taken by someone else, cancelled, expired, or their own. The
 * page says which, plainly, and leads on.
 */
export function GiftClosed({ gift }: { gift: Gift }) {
  const t = useT();
  const navigate = useNavigate();
  const { merchant } = useMerchant();
  const text = closedText(gift);
  const own = gift.viewer === 'giver' && gift.status === 'pending';
  return (
    <div data-testid="gift-closed">
      <PageState status="default" title={t(text.title)} description={t(text.description)}>
        <div className="kq-gift-closed-actions">
          {own && (
            <Button
              color="primary"
              onClick={() => navigate(merchantPath(merchant.slug, `wallet/${gift.voucherId}`))}
            >
              {t('gift.ownView')}
            </Button>
          )}
          <Button
            color={own ? 'default' : 'primary'}
            onClick={() => navigate(merchantPath(merchant.slug, 'wallet'))}
          >
            {t('gift.toWallet')}
          </Button>
        </div>
      </PageState>
    </div>
  );
}
