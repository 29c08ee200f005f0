import type { Order } from '@kaquan/contracts';
import { useT } from '../../i18n/index.tsx';
import { formatTime } from '../../lib/format-time.ts';
import { formatMoney } from '../../lib/money.ts';
import { FulfilmentResult } from './fulfilment-result.tsx';

/** The goods of an order, each with what it delivered (virtual goods) or that it awaits shipment. */
export function OrderItems({ order }: { order: Order }) {
  const t = useT();
  return (
    <div className="kq-card kq-order-items">
      <div className="kq-card-title">{t('checkout.goods')}</div>
      {order.items.map((item) => (
        <div className="kq-order-item" key={item.id}>
          <div className="kq-order-item-line">
            <span className="kq-order-item-name">{item.productName}</span>
            <span className="kq-muted">×{item.quantity}</span>
          </div>
          <div className="kq-order-item-line kq-muted">
            <span>{t('order.unitPrice', { price: formatMoney(item.unitPriceCents) })}</span>
            <span>{t('order.itemPaid', { price: formatMoney(item.payableCents) })}</span>
          </div>
          {item.fulfilment?.status === 'delivered' && item.productType !== 'card_key' && (
            <div className="kq-delivered" data-testid="fulfilment-result">
              <div className="kq-delivered-title">
                {t('order.delivered', { time: formatTime(item.fulfilment.at) })}
              </div>
              <FulfilmentResult value={item.fulfilment.result} />
            </div>
          )}
        </div>
      ))}
    </div>
  );
}
