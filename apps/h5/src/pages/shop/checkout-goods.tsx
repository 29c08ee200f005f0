import type { Quote } from '@kaquan/contracts';
import { ProductImage } from '../../components/product-image.tsx';
import { useT } from '../../i18n/index.tsx';
import { formatMoney } from '../../lib/money.ts';
import type { CheckoutLine } from './use-checkout-lines.ts';

/** The goods of a checkout, each at the member's unit price once the quote has it. */
export function CheckoutGoods({ lines, quote }: { lines: CheckoutLine[]; quote: Quote | undefined }) {
  const t = useT();
  return (
    <div className="kq-card kq-goods">
      <div className="kq-card-title">{t('checkout.goods')}</div>
      {lines.map(({ product, quantity }) => {
        const unit = quote?.items.find((i) => i.productId === product.id)?.memberUnitPriceCents;
        return (
          <div className="kq-goods-row" key={product.id}>
            <ProductImage className="kq-thumb" src={product.images[0]} alt={product.name} />
            <div className="kq-goods-info">
              <div className="kq-goods-name">{product.name}</div>
              <div className="kq-goods-meta">
                <span className="kq-price">{formatMoney(unit ?? product.priceCents)}</span>
                {unit !== undefined && unit < product.priceCents && (
                  <span className="kq-price-original">{formatMoney(product.priceCents)}</span>
                )}
                <span className="kq-goods-qty">×{quantity}</span>
              </div>
            </div>
          </div>
        );
      })}
    </div>
  );
}
