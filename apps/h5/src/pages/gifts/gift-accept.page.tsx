import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, PasscodeInput, Tag, Toast } from 'antd-mobile';
import { type ReactNode, useState } from 'react';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { acceptGift, type Gift, giftKeys, useGift } from '../../api/gift.ts';
import { walletKeys } from '../../api/wallet.ts';
import { PageError, PageLoading, PageState } from '../../components/CenteredState.tsx';
import { SubPage } from '../../components/sub-page.tsx';
import { useT } from '../../i18n/index.tsx';
import { formatTime } from '../../lib/format-time.ts';
import { errorMessage } from '../../lib/show-error.ts';
import { formatValidity, voucherKindLabel } from '../../lib/voucher-format.ts';
import { GiftAccepted, GiftClosed } from './gift-states.tsx';
import './gifts.css';

const CODE_LENGTH = 6;

/** The share link's page: a signed-in member sees what the gift is and receives it with the code. */
export function GiftAcceptPage() {
  const t = useT();
  const id = Number(useParams().id);
  const gift = useGift(id);
  const [received, setReceived] = useState<number | null>(null);
  const title = t('gift.pageTitle');

  if (gift.isPending) return <PageLoading />;
  if (gift.isError) {
    if (gift.error instanceof ApiError && gift.error.status >= 400 && gift.error.status < 500) {
      return (
        <SubPage title={title} parent="">
          <PageState status="empty" title={t('gift.notFound')} description={t('gift.notFoundDesc')} />
        </SubPage>
      );
    }
    return <PageError onRetry={() => gift.refetch()} />;
  }

  const g = gift.data;
  let body: ReactNode;
  if (received !== null || (g.status === 'accepted' && g.viewer === 'receiver')) {
    body = <GiftAccepted title={g.title} voucherId={received ?? g.voucherId} />;
  } else if (g.status !== 'pending' || g.viewer === 'giver') {
    body = <GiftClosed gift={g} />;
  } else {
    body = (
      <>
        <GiftSummary gift={g} />
        <AcceptForm gift={g} onReceived={setReceived} />
      </>
    );
  }
  return (
    <SubPage title={title} parent="">
      {body}
    </SubPage>
  );
}

function GiftSummary({ gift }: { gift: Gift }) {
  const t = useT();
  return (
    <section className="kq-card kq-gift-summary" data-testid="gift-summary">
      <div className="kq-gift-summary-head">
        <span>{t('gift.from', { phone: gift.giverPhone })}</span>
        <Tag color="#ffffff" fill="outline">
          {voucherKindLabel(gift.kind, t)}
        </Tag>
      </div>
      <h1 className="kq-gift-summary-title">{gift.title}</h1>
      <div className="kq-gift-summary-line">
        {t('gift.validity')} {formatValidity(gift.validFrom, gift.validUntil)}
      </div>
      <div className="kq-gift-summary-line">
        {t('gift.acceptBefore', { time: formatTime(gift.expiresAt) })}
      </div>
    </section>
  );
}

function AcceptForm({ gift, onReceived }: { gift: Gift; onReceived: (voucherId: number) => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [wrong, setWrong] = useState<string | null>(null);
  const accept = useMutation({
    mutationFn: (value: string) => acceptGift(gift.id, value),
    onSuccess: ({ voucherId }) => {
      onReceived(voucherId);
      queryClient.invalidateQueries({ queryKey: walletKeys.all });
      queryClient.invalidateQueries({ queryKey: giftKeys.gift(gift.id) });
    },
    onError: (err) => {
      setCode('');
      if (err instanceof ApiError && err.code === 'GIFT_CODE_INVALID') {
        setWrong(err.message);
        return;
      }
      // Cancelled by wrong codes, taken by someone else, expired: the page reads the gift again and says so.
      Toast.show({ icon: 'fail', content: errorMessage(err, t) });
      if (err instanceof ApiError && err.status >= 400 && err.status < 500) {
        queryClient.invalidateQueries({ queryKey: giftKeys.gift(gift.id) });
      }
    },
  });
  const ready = code.length === CODE_LENGTH;

  return (
    <form
      className="kq-card kq-gift-accept"
      onSubmit={(event) => {
        event.preventDefault();
        if (ready && !accept.isPending) accept.mutate(code);
      }}
    >
      <div className="kq-card-title">{t('gift.enterCode')}</div>
      <p className="kq-note">{t('gift.enterCodeHint')}</p>
      <PasscodeInput
        className="kq-gift-passcode"
        aria-label={t('gift.codeInput')}
        data-testid="gift-code-input"
        length={CODE_LENGTH}
        plain
        seperated
        error={wrong !== null}
        value={code}
        onChange={(value) => {
          setCode(value.replace(/\D/g, '').slice(0, CODE_LENGTH));
          setWrong(null);
        }}
      />
      {wrong && (
        <p className="kq-field-error kq-gift-wrong" role="alert">
          {wrong}
        </p>
      )}
      <Button
        className="kq-gift-accept-button"
        block
        color="primary"
        size="large"
        type="submit"
        disabled={!ready}
        loading={accept.isPending}
      >
        {t('gift.accept')}
      </Button>
    </form>
  );
}
