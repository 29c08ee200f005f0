import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** A QR code of the share link, for a friend standing next to the giver to scan. */
export function LinkQr({ url, label }: { url: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    QRCode.toDataURL(url, { margin: 1, width: 360, errorCorrectionLevel: 'M' })
      .then((data) => current && setSrc(data))
      .catch(() => current && setSrc(null));
    return () => {
      current = false;
    };
  }, [url]);
  return <div className="kq-gift-qr">{src && <img src={src} alt={label} data-testid="gift-qr" />}</div>;
}
