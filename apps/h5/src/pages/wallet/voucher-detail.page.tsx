import { Button, List, Tag } from 'antd-mobile';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { useWalletVoucher } from '../../api/wallet.ts';
import { PageError, PageLoading, PageState } from '../../components/CenteredState.tsx';
import { SubPage } from '../../components/sub-page.tsx';
import { useT } from '../../i18n/index.tsx';
import { formatTime } from '../../lib/format-time.ts';
import { formatUseWeek, formatValidity, groupCode, voucherKindLabel } from '../../lib/voucher-format.ts';
import { GiftButton } from '../gifts/gift-button.tsx';
import { GiftShare } from '../gifts/gift-share.tsx';
import { SelfVerifyPopup } from './self-verify-popup.tsx';
import { VoucherEvaluation } from './voucher-evaluation.tsx';
import { VoucherQr } from './voucher-qr.tsx';
import { VOUCHER_STATE } from './voucher-state.ts';
import './wallet.css';

/** One voucher: the code to show at the counter (digits and QR), its rules, and self-verification. */
export function VoucherDetailPage() {
  const t = useT();
  const id = Number(useParams().id);
  const query = useWalletVoucher(id);
  const [selfVerifying, setSelfVerifying] = useState(false);
  const title = t('voucher.title');

  if (query.isPending) return <PageLoading />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) {
      return (
        <SubPage title={title} parent="wallet">
          <PageState status="empty" title={t('voucher.notFound')} description="" />
        </SubPage>
      );
    }
    return <PageError onRetry={() => query.refetch()} />;
  }

  const voucher = query.data;
  const state = VOUCHER_STATE[voucher.shownState];
  const live = voucher.shownState === 'unused';
  const week = formatUseWeek(voucher.useWeek, t);
  const actionBar = live && (voucher.isSelf || voucher.isGiving) && (
    <>
      {voucher.isGiving && <GiftButton voucherId={voucher.id} />}
      {voucher.isSelf && (
        <Button className="kq-bar-button" color="primary" onClick={() => setSelfVerifying(true)}>
          {t('selfVerify.action')}
        </Button>
      )}
    </>
  );

  return (
    <SubPage title={title} parent="wallet" actionBar={actionBar || undefined}>
      <section className="kq-card kq-voucher-hero">
        {voucher.imageUrl && (
          <img className="kq-voucher-hero-image" src={voucher.imageUrl} alt="" data-testid="voucher-image" />
        )}
        <div className="kq-voucher-hero-head">
          <Tag color="primary" fill="outline">
            {voucherKindLabel(voucher.kind, t)}
          </Tag>
          <Tag color={state.color} data-testid="voucher-state">
            {t(state.label)}
          </Tag>
        </div>
        <h1 className="kq-voucher-hero-title">{voucher.title}</h1>
        {voucher.shownState === 'gifting' ? (
          <GiftShare voucherId={voucher.id} />
        ) : (
          <>
            <div className={live ? 'kq-voucher-codes' : 'kq-voucher-codes kq-voucher-codes-done'}>
              <VoucherQr
                voucherId={voucher.id}
                code={voucher.code}
                live={voucher.shownState === 'unused'}
                label={t('voucher.qr')}
              />
              <div className="kq-voucher-code kq-secret" data-testid="voucher-code">
                {groupCode(voucher.code)}
              </div>
            </div>
            <p className="kq-note">{live ? t('voucher.showHint') : t(state.label)}</p>
          </>
        )}
      </section>
      <VoucherEvaluation voucher={voucher} />
      <List mode="card" header={t('voucher.info')}>
        <List.Item extra={formatValidity(voucher.validFrom, voucher.validUntil)}>
          {t('voucher.validityLabel')}
        </List.Item>
        <List.Item extra={week ?? t('voucher.everyDay')}>{t('voucher.weekLabel')}</List.Item>
        <List.Item extra={formatTime(voucher.issuedAt)}>{t('voucher.issuedAt')}</List.Item>
        {voucher.usedAt && <List.Item extra={formatTime(voucher.usedAt)}>{t('voucher.usedAt')}</List.Item>}
      </List>
      <List mode="card" header={t('voucher.rules')}>
        <List.Item>{week ? t('voucher.weekOnly', { days: week }) : t('voucher.rule.anyDay')}</List.Item>
        <List.Item>{voucher.isSelf ? t('voucher.rule.self') : t('voucher.rule.staff')}</List.Item>
        <List.Item>{voucher.isGiving ? t('voucher.rule.giving') : t('voucher.rule.noGiving')}</List.Item>
      </List>
      {voucher.isSelf && (
        <SelfVerifyPopup voucher={voucher} visible={selfVerifying} onClose={() => setSelfVerifying(false)} />
      )}
    </SubPage>
  );
}
