import type { Order } from '@kaquan/contracts';
import { Tag } from 'antd-mobile';
import { Link } from 'react-router-dom';
import { merchantPath, useMerchant } from '../../components/merchant-context.ts';
import { useT } from '../../i18n/index.tsx';
import { formatTime } from '../../lib/format-time.ts';
import { formatMoney } from '../../lib/money.ts';
import { ORDER_STATUS } from './order-status.ts';

/** One order in 我的订单: number, status, goods, what was paid. */
export function OrderCard({ order }: { order: Order }) {
  const t = useT();
  const { merchant } = useMerchant();
  const status = ORDER_STATUS[order.status];
  const count = order.items.reduce((n, item) => n + item.quantity, 0);

  return (
    <Link
      className="kq-card kq-order-card"
      to={merchantPath(merchant.slug, `orders/${order.id}`)}
      data-testid="order-card"
    >
      <div className="kq-order-card-head">
        <span className="kq-muted">{t('order.no', { no: order.orderNo })}</span>
        <Tag color={status.color} fill="outline">
          {t(status.label)}
        </Tag>
      </div>
      {order.items.map((item) => (
        <div className="kq-order-card-item" key={item.id}>
          <span className="kq-order-card-name">{item.productName}</span>
          <span className="kq-muted">×{item.quantity}</span>
        </div>
      ))}
      <div className="kq-order-card-foot">
        <span className="kq-muted">{formatTime(order.paidAt)}</span>
        <span>
          {t('order.summary', { n: count })} <span className="kq-price">{formatMoney(order.totalCents)}</span>
        </span>
      </div>
    </Link>
  );
}
