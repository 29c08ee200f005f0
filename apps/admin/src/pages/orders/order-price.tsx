import type { Quote } from '@kaquan/contracts';
import { Divider, Flex, Typography } from 'antd';
import { formatMoney } from '../../components/money.ts';
import { useT } from '../../i18n/i18n.tsx';

type Line = Quote['lines'][number];

/** The quote as the buyer saw it: each item, then each discount, then what was paid. */
export function OrderPrice({ quote, totalCents }: { quote: Quote; totalCents: number }) {
  const t = useT();
  const quantity = (productId: number | null) => quote.items.find((i) => i.productId === productId)?.quantity;
  const describe = (line: Line): string => {
    switch (line.kind) {
      case 'item':
        return `${line.label} × ${quantity(line.productId) ?? 1}`;
      case 'points':
        return t('orders.line.points', { points: line.label });
      case 'coupon':
        return t('orders.line.coupon', { ref: line.label });
      default:
        return `${t(`orders.line.${line.kind}`)} · ${line.label}`;
    }
  };
  return (
    <Flex vertical gap={6} data-testid="order-price">
      {quote.lines.map((line, i) => (
        // Lines have no id; their order is the order the quote applied them in.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Flex key={i} justify="space-between" gap={16}>
          <Typography.Text type={line.kind === 'item' ? undefined : 'secondary'}>
            {describe(line)}
          </Typography.Text>
          <Typography.Text type={line.amountCents < 0 ? 'success' : undefined}>
            {formatMoney(line.amountCents)}
          </Typography.Text>
        </Flex>
      ))}
      <Divider style={{ margin: '4px 0' }} />
      <Flex justify="space-between">
        <Typography.Text strong>{t('orders.totalPaid')}</Typography.Text>
        <Typography.Text strong style={{ fontSize: 16 }}>
          {formatMoney(totalCents)}
        </Typography.Text>
      </Flex>
    </Flex>
  );
}
