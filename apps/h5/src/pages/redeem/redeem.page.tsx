import type { Buyer } from '@kaquan/contracts';
import { Button, Card, Form, Input, NoticeBar, Radio, Space, Toast } from 'antd-mobile';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import { type CodeLookup, claimToWallet, lookupCode, redeemOnline } from '../../api/redemption.ts';
import { merchantPath, useMerchant } from '../../components/merchant-context.ts';
import { SubPage } from '../../components/sub-page.tsx';
import { useSignedInMember } from '../../components/use-member.ts';
import { useT } from '../../i18n/index.tsx';
import { formatTime } from '../../lib/format-time.ts';
import { newIdempotencyKey } from '../../lib/idempotency-key.ts';
import { errorMessage } from '../../lib/show-error.ts';
import { BuyerForm, pickBuyer } from '../shop/buyer-form.tsx';
import './redeem.css';

/** 兑换中心: enter a code, see what it gives, then redeem it online (with an address) or keep it for a store. */
export function RedeemPage() {
  const t = useT();
  const navigate = useNavigate();
  const { merchant } = useMerchant();
  const member = useSignedInMember();
  const [params] = useSearchParams();
  const [code, setCode] = useState(params.get('code') ?? '');
  const [found, setFound] = useState<CodeLookup | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [choice, setChoice] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const [form] = Form.useForm<Buyer>();
  const chosen = found?.options.find((o) => o.productId === choice);

  async function look() {
    setBusy(true);
    setError(null);
    try {
      const result = await lookupCode(code.trim());
      setFound(result);
      setChoice(result.options[0]?.productId ?? null);
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  }

  async function act(run: () => Promise<void>) {
    setBusy(true);
    try {
      await run();
    } catch (err) {
      if (err instanceof ApiError && err.status >= 400 && err.status < 500) setKey(newIdempotencyKey());
      setError(errorMessage(err, t));
      setBusy(false);
    }
  }

  const online = () =>
    act(async () => {
      if (!chosen) return;
      let buyer: Buyer | undefined;
      if (chosen.needsAddress) {
        try {
          buyer = pickBuyer('address', await form.validateFields());
        } catch {
          setBusy(false);
          return;
        }
      }
      const r = await redeemOnline({ code: code.trim(), productId: chosen.productId, buyer }, key);
      Toast.show({ icon: 'success', content: t('redeem.done') });
      navigate(merchantPath(merchant.slug, `orders/${r.orderId}`), { replace: true });
    });

  const atStore = () =>
    act(async () => {
      const voucherId = found?.voucherId ?? (await claimToWallet(code.trim(), key)).voucherId;
      navigate(merchantPath(merchant.slug, `wallet/${voucherId}`), { replace: true });
    });

  return (
    <SubPage
      title={t('redeem.title')}
      parent=""
      right={
        <Link to={merchantPath(merchant.slug, 'my-codes')} className="kq-redeem-mine">
          {t('redeem.mine')}
        </Link>
      }
    >
      {error && (
        <NoticeBar className="kq-notice" color="alert" wrap content={error} data-testid="redeem-error" />
      )}
      {!found ? (
        <Card className="kq-redeem-card">
          <Form layout="vertical">
            <Form.Item label={t('redeem.codeLabel')} help={t('redeem.codeHelp')}>
              <Input
                value={code}
                onChange={setCode}
                placeholder={t('redeem.codePlaceholder')}
                clearable
                maxLength={40}
                aria-label={t('redeem.codeLabel')}
              />
            </Form.Item>
          </Form>
          <Button
            block
            color="primary"
            size="large"
            loading={busy}
            disabled={code.trim().length < 12}
            onClick={look}
          >
            {t('redeem.look')}
          </Button>
        </Card>
      ) : (
        <>
          <Card className="kq-redeem-card" title={found.title}>
            <div className="kq-redeem-sub">
              {found.libraryName}
              {found.validUntil && ` · ${t('redeem.until', { time: formatTime(found.validUntil) })}`}
            </div>
            <div className="kq-redeem-choose">{t('redeem.choose')}</div>
            <Radio.Group value={choice} onChange={(v) => setChoice(Number(v))}>
              <Space direction="vertical" block>
                {found.options.map((o) => (
                  <Radio key={o.productId} value={o.productId} block>
                    {o.name} × {o.quantity}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Card>
          {chosen?.needsAddress && (
            <BuyerForm
              needs="address"
              form={form}
              initial={{ name: member.member.name || undefined, phone: member.member.phone }}
            />
          )}
          <div className="kq-redeem-actions">
            <Button block color="danger" size="large" loading={busy} disabled={!chosen} onClick={online}>
              {t('redeem.online')}
            </Button>
            <Button block fill="outline" color="primary" size="large" disabled={busy} onClick={atStore}>
              {found.voucherId ? t('redeem.showQr') : t('redeem.atStore')}
            </Button>
            <div className="kq-redeem-hint">{t('redeem.atStoreHint')}</div>
          </div>
        </>
      )}
    </SubPage>
  );
}
