import { Button, Toast } from 'antd-mobile';
import { type Ref, useState } from 'react';
import { useT } from '../../i18n/index.tsx';
import { groupCode } from '../../lib/voucher-format.ts';

interface Props {
  disabled: boolean;
  busy: boolean;
  onSubmit: (code: string) => void;
  inputRef: Ref<HTMLInputElement>;
}

const CODE_LENGTH = 12;

/**
 * The 12-digit code, typed or sent by a USB/phone scanner that "types" the code and then Enter.
 * Anything but digits (spaces of a grouped code, a scanner's prefix) is dropped.
 */
export function CodeForm({ disabled, busy, onSubmit, inputRef }: Props) {
  const t = useT();
  const [code, setCode] = useState('');
  const complete = code.length === CODE_LENGTH;

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
        value={groupCode(code)}
        onChange={(event) => setCode(event.target.value.replace(/\D/g, '').slice(0, CODE_LENGTH))}
      />
      <Button block color="primary" size="large" type="submit" disabled={disabled} loading={busy}>
        {t('staff.code.submit')}
      </Button>
    </form>
  );
}
