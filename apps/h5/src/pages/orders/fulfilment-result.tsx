import { type MessageKey, useT } from '../../i18n/index.tsx';
import { formatTime } from '../../lib/format-time.ts';

// Names the fulfillers are likely to use; anything else is shown as the fulfiller wrote it.
const KNOWN_KEYS: Record<string, MessageKey> = {
  code: 'result.code',
  codes: 'result.code',
  cardNo: 'result.cardNo',
  cardNumber: 'result.cardNo',
  password: 'result.password',
  secret: 'result.secret',
  serial: 'result.serial',
  account: 'result.account',
  voucherNo: 'result.voucherNo',
  expiresAt: 'result.expiresAt',
  validUntil: 'result.expiresAt',
  note: 'result.note',
};

const MAX_DEPTH = 4;

/** What a virtual item delivered (codes, card keys, vouchers), drawn from whatever shape it has. */
export function FulfilmentResult({ value, depth = 0 }: { value: unknown; depth?: number }) {
  const t = useT();
  if (value === null || value === undefined || value === '') return null;
  if (typeof value !== 'object' || depth >= MAX_DEPTH) {
    return (
      <span className="kq-secret">{typeof value === 'object' ? JSON.stringify(value) : String(value)}</span>
    );
  }
  if (Array.isArray(value)) {
    return (
      <ol className="kq-result-list">
        {value.map((entry, i) => (
          // entries have no identity of their own and never reorder
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={i}>
            <FulfilmentResult value={entry} depth={depth + 1} />
          </li>
        ))}
      </ol>
    );
  }
  return (
    <dl className="kq-kv">
      {Object.entries(value).map(([key, entry]) => (
        <div key={key} className="kq-kv-row">
          <dt>{KNOWN_KEYS[key] ? t(KNOWN_KEYS[key]) : key}</dt>
          <dd>
            {/At$/.test(key) && typeof entry === 'string' ? (
              formatTime(entry)
            ) : (
              <FulfilmentResult value={entry} depth={depth + 1} />
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
