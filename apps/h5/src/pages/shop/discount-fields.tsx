import type { Quote } from '@kaquan/contracts';
import { Button, Input, List, Stepper, Switch } from 'antd-mobile';
import { useState } from 'react';
import { useT } from '../../i18n/index.tsx';
import { formatMoney } from '../../lib/money.ts';

interface Props {
  quote: Quote | undefined;
  /** The member's points; undefined while loading. */
  balance: number | undefined;
  couponAllowed: boolean;
  points: number;
  onPoints: (points: number) => void;
  couponRef: string | null;
  /** Tries a coupon; resolves to an error message when it does not apply. */
  onCoupon: (ref: string | null) => Promise<string | null>;
}

/** 积分抵扣 (a switch, then how many) and 优惠券 (a code the server checks). */
export function DiscountFields({
  quote,
  balance,
  couponAllowed,
  points,
  onPoints,
  couponRef,
  onCoupon,
}: Props) {
  const t = useT();
  const [code, setCode] = useState('');
  const [checking, setChecking] = useState(false);
  const [couponError, setCouponError] = useState<string | null>(null);
  const max = quote?.pointsMaxUsable ?? 0;

  async function apply(ref: string | null) {
    setChecking(true);
    const error = await onCoupon(ref);
    setChecking(false);
    setCouponError(error);
    if (!error && ref === null) setCode('');
  }

  return (
    <List mode="card" header={t('checkout.discounts')} className="kq-discounts">
      <List.Item
        description={
          max > 0
            ? t('checkout.pointsHint', { balance: balance ?? '…', max })
            : t('checkout.pointsNone', { balance: balance ?? '…' })
        }
        extra={
          <Switch
            aria-label={t('price.points')}
            checked={points > 0}
            disabled={max === 0}
            onChange={(on) => onPoints(on ? max : 0)}
          />
        }
      >
        {t('price.points')}
      </List.Item>
      {points > 0 && (
        <List.Item
          description={t('checkout.pointsWorth', { amount: formatMoney(quote?.pointsCents ?? 0) })}
          extra={
            <Stepper
              aria-label={t('checkout.pointsToUse')}
              min={1}
              max={Math.max(1, max)}
              digits={0}
              value={points}
              onChange={(value) => onPoints(Math.min(value || 0, max))}
            />
          }
        >
          {t('checkout.pointsToUse')}
        </List.Item>
      )}
      {couponAllowed && (
        <List.Item
          description={couponError && <span className="kq-field-error">{couponError}</span>}
          extra={
            couponRef ? (
              <Button size="small" fill="outline" loading={checking} onClick={() => apply(null)}>
                {t('checkout.couponRemove')}
              </Button>
            ) : (
              <Button
                size="small"
                color="primary"
                fill="outline"
                disabled={!code.trim()}
                loading={checking}
                onClick={() => apply(code.trim())}
              >
                {t('checkout.couponApply')}
              </Button>
            )
          }
        >
          {couponRef ? (
            <span className="kq-coupon-applied">{t('checkout.couponApplied', { code: couponRef })}</span>
          ) : (
            <Input
              aria-label={t('price.coupon')}
              placeholder={t('checkout.couponPlaceholder')}
              value={code}
              onChange={(value) => {
                setCode(value);
                setCouponError(null);
              }}
              maxLength={64}
              clearable
            />
          )}
        </List.Item>
      )}
    </List>
  );
}
