import type { Product } from '@kaquan/contracts';
import { Link } from 'react-router-dom';
import { merchantPath, useMerchant } from '../../components/merchant-context.ts';
import { ProductImage } from '../../components/product-image.tsx';
import { useT } from '../../i18n/index.tsx';
import { formatMoney } from '../../lib/money.ts';

/** A product in the shop grid: image, name, price and what a member may pay less. */
export function ProductCard({ product }: { product: Product }) {
  const t = useT();
  const { merchant } = useMerchant();
  const svip = product.svipAllowed && product.svipPriceCents !== null ? product.svipPriceCents : null;

  return (
    <Link
      className="kq-product-card"
      to={merchantPath(merchant.slug, `products/${product.id}`)}
      aria-label={product.name}
    >
      <ProductImage className="kq-product-card-img" src={product.images[0]} alt={product.name} />
      <div className="kq-product-card-body">
        <div className="kq-product-card-name">{product.name}</div>
        <div className="kq-product-card-hints">
          {svip !== null && <span className="kq-hint kq-hint-svip">SVIP {formatMoney(svip)}</span>}
          {product.memberPriceAllowed && <span className="kq-hint">{t('shop.memberPrice')}</span>}
        </div>
        <div className="kq-product-card-foot">
          <span className="kq-price">{formatMoney(product.priceCents)}</span>
          {product.stock === 0 ? (
            <span className="kq-muted">{t('shop.soldOut')}</span>
          ) : (
            product.sold > 0 && <span className="kq-muted">{t('shop.sold', { n: product.sold })}</span>
          )}
        </div>
      </div>
    </Link>
  );
}
