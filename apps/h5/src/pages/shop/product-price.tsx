import type { MemberCommerce, Product, Quote } from '@kaquan/contracts';
import { useT } from '../../i18n/index.tsx';
import { formatMoney } from '../../lib/money.ts';

interface Props {
  product: Product;
  /** The quote of one unit for this member. */
  unitQuote: Quote;
  commerce?: MemberCommerce;
}

/** The list price, the member's own price, and which member discount made it. */
export function ProductPrice({ product, unitQuote, commerce }: Props) {
  const t = useT();
  const yours = unitQuote.items[0]?.memberUnitPriceCents ?? product.priceCents;
  const discounts = unitQuote.lines.filter((l) => l.kind === 'member_discount' || l.kind === 'svip_price');
  const svipOffer =
    product.svipAllowed &&
    product.svipPriceCents !== null &&
    product.svipPriceCents < yours &&
    !commerce?.svipActive;

  return (
    <div className="kq-product-price">
      <div className="kq-price-row">
        {yours < product.priceCents && <span className="kq-price-label">{t('product.yourPrice')}</span>}
        <span className="kq-price kq-price-big" data-testid="your-price">
          {formatMoney(yours)}
        </span>
        {yours < product.priceCents && (
          <span className="kq-price-original">{formatMoney(product.priceCents)}</span>
        )}
      </div>
      {discounts.map((line) => (
        <div key={line.kind} className="kq-discount-line">
          <span className={line.kind === 'svip_price' ? 'kq-hint kq-hint-svip' : 'kq-hint'}>
            {line.kind === 'svip_price' ? t('price.svip') : t('price.memberDiscount')}
          </span>
          <span>
            {line.kind === 'member_discount' && commerce?.levelName
              ? t('product.levelDiscount', { level: commerce.levelName })
              : t('product.svipDiscount')}
          </span>
          <span className="kq-amount-off">{formatMoney(line.amountCents)}</span>
        </div>
      ))}
      {svipOffer && (
        <div className="kq-discount-line">
          <span className="kq-hint kq-hint-svip">SVIP</span>
          <span>{t('product.svipOffer', { price: formatMoney(product.svipPriceCents ?? 0) })}</span>
        </div>
      )}
    </div>
  );
}
