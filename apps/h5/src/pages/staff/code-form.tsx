import { Button, Toast } from 'antd-mobile';
import { type ReactNode, type Ref, useState } from 'react';
import { useT } from '../../i18n/index.tsx';
import { groupCode } from '../../lib/voucher-format.ts';

interface Props {
  disabled: boolean;
  busy: boolean;
  onSubmit: (code: string) => void;
  inputRef: Ref<HTMLInputElement>;
  /** Other ways to enter the code, under the button. */
  children?: ReactNode;
}

const CODE_LENGTH = 12;
const QR_PAYLOAD = /^KQV1\./i;

/** Keeps what a scanner or a person typed: a counter QR payload as it is, else the code's digits. */
export function normaliseCodeInput(value: string): string {
  const v = value.trim();
  return QR_PAYLOAD.test(v) ? v : v.replace(/\D/g, '').slice(0, CODE_LENGTH);
}

/**
 * What the camera read, when it is something to verify: a counter QR payload, or the 12-digit code
 * (the QR a voucher shows while its counter QR is not loaded). Null for any other QR code.
 */
export function scannedCode(text: string): string | null {
  const v = text.trim();
  if (QR_PAYLOAD.test(v)) return v;
  const digits = v.replace(/ /g, '');
  return /^\d+$/.test(digits) && digits.length === CODE_LENGTH ? digits : null;
}

/**
 * The 12-digit code, typed or sent by a USB/phone scanner that "types" what it read and then Enter:
 * the code, or the payload of the holder's counter QR. Anything but digits is dropped from a code.
 */
export function CodeForm({ disabled, busy, onSubmit, inputRef, children }: Props) {
  const t = useT();
  const [code, setCode] = useState('');
  const complete = code.length === CODE_LENGTH || QR_PAYLOAD.test(code);

  return (
    <form
      className="kq-card kq-staff-code"
      onSubmit={(event) => {
        event.preventDefault();
        if (disabled || busy) return;
        if (!complete) {
          Toast.show({ content: t('staff.code.incomplete') });
          return;
        }
        onSubmit(code);
        setCode('');
      }}
    >
      <label className="kq-staff-code-label" htmlFor="kq-staff-code">
        {t('staff.code.label')}
      </label>
      <input
        id="kq-staff-code"
        ref={inputRef}
        className="kq-staff-code-input"
        inputMode="numeric"
        autoComplete="off"
        enterKeyHint="done"
        placeholder={t('staff.code.placeholder')}
        value={QR_PAYLOAD.test(code) ? code : groupCode(code)}
        onChange={(event) => setCode(normaliseCodeInput(event.target.value))}
      />
      <Button block color="primary" size="large" type="submit" disabled={disabled} loading={busy}>
        {t('staff.code.submit')}
      </Button>
      {children}
    </form>
  );
}
