import type { Verification } from '@kaquan/contracts';
import { Button, Dialog, ErrorBlock, List, Radio, SpinLoading } from 'antd-mobile';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useSelfVerifiableVouchers } from '../../api/wallet.ts';
import { PageError } from '../../components/CenteredState.tsx';
import { merchantPath, useMerchant } from '../../components/merchant-context.ts';
import { useT } from '../../i18n/index.tsx';
import { showError } from '../../lib/show-error.ts';
import { formatUseWeek, formatValidity } from '../../lib/voucher-format.ts';
import { SelfVerifyResult } from '../wallet/self-verify-result.tsx';
import { useSelfVerify } from '../wallet/use-self-verify.ts';
import '../wallet/wallet.css';

/** The member's vouchers that may be self-verified, one to pick, and the confirmation. */
export function SelfVerifyPicker({ storeUrl }: { storeUrl: string }) {
  const t = useT();
  const navigate = useNavigate();
  const { merchant } = useMerchant();
  const [done, setDone] = useState<Verification | null>(null);
  const vouchers = useSelfVerifiableVouchers(storeUrl, !done);
  const [picked, setPicked] = useState<number | null>(null);
  const verify = useSelfVerify(setDone);
  const wallet = () => navigate(merchantPath(merchant.slug, 'wallet'));

  if (done) return <SelfVerifyResult verification={done} onDone={wallet} />;
  if (vouchers.isPending) {
    return (
      <div className="kq-block-state">
        <SpinLoading color="primary" />
      </div>
    );
  }
  if (vouchers.isError) return <PageError onRetry={() => vouchers.refetch()} />;
  const items = vouchers.data;
  if (items.length === 0) {
    return (
      <ErrorBlock
        className="kq-block-state"
        status="empty"
        title={t('verify.none')}
        description={t('verify.none.desc')}
      >
        <Button color="primary" onClick={wallet}>
          {t('verify.toWallet')}
        </Button>
      </ErrorBlock>
    );
  }
  const chosen =
    items.find((voucher) => voucher.id === picked) ?? (items.length === 1 ? items[0] : undefined);

  async function confirm() {
    if (!chosen) return;
    const ok = await Dialog.confirm({ content: t('selfVerify.warning', { title: chosen.title }) });
    if (ok) verify.mutate({ voucherId: chosen.id, storeUrl }, { onError: (err) => showError(err, t) });
  }

  return (
    <>
      <Radio.Group value={chosen?.id ?? null} onChange={(value) => setPicked(Number(value))}>
        <List mode="card" header={t('verify.pick')} className="kq-verify-pick">
          {items.map((voucher) => {
            const week = formatUseWeek(voucher.useWeek, t);
            return (
              <List.Item
                key={voucher.id}
                prefix={<Radio value={voucher.id} aria-label={voucher.title} />}
                description={[
                  t('voucher.validity', { range: formatValidity(voucher.validFrom, voucher.validUntil) }),
                  week && t('voucher.weekOnly', { days: week }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
                arrowIcon={false}
                onClick={() => setPicked(voucher.id)}
                data-testid="verify-voucher"
              >
                {voucher.title}
                <span className="kq-muted kq-secret"> ···{voucher.code.slice(-4)}</span>
              </List.Item>
            );
          })}
        </List>
      </Radio.Group>
      <div className="kq-result-actions">
        <Button
          block
          color="primary"
          size="large"
          disabled={!chosen}
          loading={verify.isPending}
          onClick={confirm}
        >
          {t('selfVerify.confirm')}
        </Button>
      </div>
    </>
  );
}
