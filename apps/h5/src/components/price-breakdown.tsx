import type { Quote } from '@kaquan/contracts';
import { List } from 'antd-mobile';
import type { ReactNode } from 'react';
import { type MessageKey, useT } from '../i18n/index.tsx';
import { formatMoney } from '../lib/money.ts';

type Line = Quote['lines'][number];

const KIND_TITLES: Record<Line['kind'], MessageKey> = {
  item: 'price.item',
  member_discount: 'price.memberDiscount',
  svip_price: 'price.svip',
  coupon: 'price.coupon',
  points: 'price.points',
};

interface Props {
  quote: Quote;
  /** What was or will be paid; the quote's total unless the order says otherwise. */
  totalCents?: number;
  header?: ReactNode;
  /** Dims the figures while a newer quote is on its way. */
  stale?: boolean;
}

/** Every line of a quote (goods, member price, coupon, points) and what is paid, as the server priced it. */
export function PriceBreakdown({ quote, totalCents, header, stale }: Props) {
  const t = useT();
  const quantity = (productId: number | null) =>
    quote.items.find((item) => item.productId === productId)?.quantity ?? 1;

  function describe(line: Line) {
    if (line.kind === 'points') return t('price.pointsUsed', { n: line.label });
    if (line.kind === 'item') return t('price.itemLine', { name: line.label, n: quantity(line.productId) });
    return line.label;
  }

  return (
    <List
      mode="card"
      header={header ?? t('price.title')}
      className={stale ? 'kq-breakdown kq-stale' : 'kq-breakdown'}
      data-testid="price-breakdown"
    >
      {quote.lines.map((line, i) => (
        <List.Item
          // lines have no id; their order is fixed by the server
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          key={i}
          description={describe(line)}
          extra={
            <span className={line.amountCents < 0 ? 'kq-amount kq-amount-off' : 'kq-amount'}>
              {formatMoney(line.amountCents)}
            </span>
          }
        >
          {KIND_TITLES[line.kind] ? t(KIND_TITLES[line.kind]) : line.label}
        </List.Item>
      ))}
      <List.Item extra={<span className="kq-price">{formatMoney(totalCents ?? quote.totalCents)}</span>}>
        <strong>{t('price.total')}</strong>
      </List.Item>
    </List>
  );
}
