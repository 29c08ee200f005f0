import type { Order, OrderCardKey } from '@kaquan/contracts';
import { Button, Toast } from 'antd-mobile';
import { useOrderCardKeys } from '../../api/card-keys.ts';
import { type Translate, useT } from '../../i18n/index.tsx';
import { copyText } from '../gifts/copy-text.ts';

function CopyLine({ label, value, t }: { label: string; value: string; t: Translate }) {
  const copy = async () => {
    const ok = await copyText(value);
    Toast.show(ok ? { icon: 'success', content: t('cardKey.copied') } : { content: t('cardKey.copyFailed') });
  };
  return (
    <div className="kq-cardkey-line">
      <span className="kq-muted">{label}</span>
      <span className="kq-secret kq-cardkey-value" data-testid="card-key-value">
        {value}
      </span>
      <Button size="mini" color="primary" fill="outline" onClick={copy}>
        {t('cardKey.copy')}
      </Button>
    </div>
  );
}

function KeyRow({ k, t }: { k: OrderCardKey; t: Translate }) {
  return (
    <li className="kq-cardkey" data-testid="card-key">
      {k.orderItemId === null && <div className="kq-cardkey-tag">{t('cardKey.won')}</div>}
      {k.number !== null && <CopyLine label={t('cardKey.number')} value={k.number} t={t} />}
      <CopyLine label={t(k.number === null ? 'cardKey.secret' : 'cardKey.password')} value={k.secret} t={t} />
    </li>
  );
}

/** The keys delivered in this order (with copy buttons), and what still awaits stock. */
export function OrderCardKeys({ order }: { order: Order }) {
  const t = useT();
  const keyItems = order.items.filter((i) => i.productType === 'card_key');
  const query = useOrderCardKeys(order.id, order.status !== 'cancelled' && order.status !== 'refunded');
  const missing = keyItems.reduce((n, i) => {
    const r = i.fulfilment?.result as { cardKeys?: { missing?: number } } | null | undefined;
    return n + (i.fulfilment?.status === 'awaiting_stock' ? (r?.cardKeys?.missing ?? 0) : 0);
  }, 0);
  const keys = query.data ?? [];
  if (keys.length === 0 && missing === 0 && !query.isError) return null;
  return (
    <div className="kq-card" data-testid="order-card-keys">
      <div className="kq-card-title">{t('cardKey.title')}</div>
      {query.isError && <p className="kq-muted">{t('cardKey.loadFailed')}</p>}
      {keys.length > 0 && (
        <ol className="kq-cardkey-list">
          {keys.map((k, i) => (
            // keys have no id of their own here and never reorder
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <KeyRow key={i} k={k} t={t} />
          ))}
        </ol>
      )}
      {missing > 0 && <p className="kq-cardkey-waiting">{t('cardKey.awaiting.items', { n: missing })}</p>}
      {keys.length > 0 && <p className="kq-muted kq-cardkey-note">{t('cardKey.note')}</p>}
    </div>
  );
}
