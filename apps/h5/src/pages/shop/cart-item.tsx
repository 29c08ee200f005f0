import { Button, Stepper, Tag } from 'antd-mobile';
import { DeleteOutline } from 'antd-mobile-icons';
import { Link } from 'react-router-dom';
import type { CartItem } from '../../api/shop.ts';
import { merchantPath, useMerchant } from '../../components/merchant-context.ts';
import { ProductImage } from '../../components/product-image.tsx';
import { useT } from '../../i18n/index.tsx';
import { formatMoney } from '../../lib/money.ts';

interface Props {
  item: CartItem;
  onQuantity: (quantity: number) => void;
  onRemove: () => void;
}

/** One product in the cart; one taken off sale stays listed, greyed, until removed. */
export function CartItemRow({ item: { product, quantity }, onQuantity, onRemove }: Props) {
  const t = useT();
  const { merchant } = useMerchant();
  return (
    <div className={product.onSale ? 'kq-cart-item' : 'kq-cart-item kq-off-sale'} data-testid="cart-item">
      <Link to={merchantPath(merchant.slug, `products/${product.id}`)} className="kq-cart-thumb">
        <ProductImage className="kq-thumb" src={product.images[0]} alt={product.name} />
      </Link>
      <div className="kq-cart-info">
        <div className="kq-cart-name">{product.name}</div>
        <div>
          <span className="kq-price">{formatMoney(product.priceCents)}</span>
          {!product.onSale && (
            <Tag className="kq-off-sale-tag" fill="outline">
              {t('cart.offSale')}
            </Tag>
          )}
        </div>
        <div className="kq-cart-controls">
          <Stepper
            aria-label={t('product.quantity')}
            min={1}
            max={Math.max(quantity, product.stock)}
            digits={0}
            value={quantity}
            disabled={!product.onSale}
            onChange={(value) => value > 0 && onQuantity(value)}
          />
          <Button size="mini" fill="none" aria-label={t('cart.remove')} onClick={onRemove}>
            <DeleteOutline fontSize={18} />
          </Button>
        </div>
      </div>
    </div>
  );
}
