import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** The code as a QR image, drawn on the phone so the code never leaves it. */
export function VoucherQr({ code, label }: { code: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(code, { margin: 1, width: 480, errorCorrectionLevel: 'M' })
      .then((url) => live && setSrc(url))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [code]);
  return <div className="kq-voucher-qr">{src && <img src={src} alt={label} data-testid="voucher-qr" />}</div>;
}
