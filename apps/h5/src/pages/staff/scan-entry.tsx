import { Button, Toast } from 'antd-mobile';
import { PictureOutline, ScanCodeOutline } from 'antd-mobile-icons';
import { useRef, useState } from 'react';
import { useT } from '../../i18n/index.tsx';
import { scannedCode } from './code-form.tsx';
import { readQrPhoto } from './qr-decoder.ts';
import { type CameraProblem, QrScanner } from './qr-scanner.tsx';

interface Props {
  disabled: boolean;
  /** A code read by the camera or from a photo, to verify as if it had been typed. */
  onCode: (code: string) => void;
  /** The camera view closed without a code: the typing field takes over. */
  onClosed: () => void;
}

const PROBLEM_KEY = {
  denied: 'staff.scan.denied',
  unavailable: 'staff.scan.unavailable',
  insecure: 'staff.scan.insecure',
} as const;

/** 扫码 with the phone's camera, or 从相册选择 a photo of the member's QR code. */
export function ScanEntry({ disabled, onCode, onClosed }: Props) {
  const t = useT();
  const [scanning, setScanning] = useState(false);
  const [problem, setProblem] = useState<CameraProblem | null>(null);
  const photo = useRef<HTMLInputElement>(null);

  function open() {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    setProblem(null);
    setScanning(true);
  }

  function close() {
    setScanning(false);
    onClosed();
  }

  function read(code: string) {
    setScanning(false);
    onCode(code);
  }

  async function readPhoto(file: File) {
    Toast.show({ icon: 'loading', duration: 0 });
    let text: string | null;
    try {
      text = await readQrPhoto(file);
    } catch {
      text = null;
    }
    Toast.clear();
    const code = text === null ? null : scannedCode(text);
    if (code) read(code);
    else Toast.show({ content: t(text === null ? 'staff.scan.noQr' : 'staff.scan.notVoucher') });
  }

  return (
    <>
      <div className="kq-staff-scan">
        <Button block size="large" fill="outline" color="primary" disabled={disabled} onClick={open}>
          <ScanCodeOutline /> {t('staff.scan.open')}
        </Button>
        <Button block size="large" fill="outline" disabled={disabled} onClick={() => photo.current?.click()}>
          <PictureOutline /> {t('staff.scan.photo')}
        </Button>
      </div>
      {problem && (
        <p className="kq-staff-scan-problem" role="alert">
          {t(PROBLEM_KEY[problem])}
        </p>
      )}
      <input
        ref={photo}
        type="file"
        accept="image/*"
        hidden
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) readPhoto(file);
        }}
      />
      {scanning && (
        <QrScanner
          onCode={read}
          onClose={close}
          onPickPhoto={() => photo.current?.click()}
          onProblem={(next) => {
            setProblem(next);
            close();
          }}
        />
      )}
    </>
  );
}
