import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useCounterQr } from '../../api/wallet.ts';

/**
 * The counter QR: a signed payload from the server that changes every minute (a screenshot stops
 * working), drawn on the phone. While it loads, or for a voucher that is no longer usable, the
 * code itself is drawn.
 */
export function VoucherQr({
  voucherId,
  code,
  live,
  label,
}: {
  voucherId: number;
  code: string;
  live: boolean;
  label: string;
}) {
  const qr = useCounterQr(voucherId, live);
  const content = live && qr.data ? qr.data.payload : code;
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    QRCode.toDataURL(content, { margin: 1, width: 480, errorCorrectionLevel: 'M' })
      .then((url) => current && setSrc(url))
      .catch(() => current && setSrc(null));
    return () => {
      current = false;
    };
  }, [content]);
  return <div className="kq-voucher-qr">{src && <img src={src} alt={label} data-testid="voucher-qr" />}</div>;
}
