import type { Verification } from '@kaquan/contracts';
import { Button, Result } from 'antd-mobile';
import { useT } from '../../i18n/index.tsx';
import { formatTime } from '../../lib/format-time.ts';

/** What the member sees once a self-verification went through: show it to the staff if asked. */
export function SelfVerifyResult({
  verification,
  onDone,
}: {
  verification: Verification;
  onDone: () => void;
}) {
  const t = useT();
  return (
    <div className="kq-self-result" data-testid="self-verify-result">
      <Result
        status="success"
        title={t('selfVerify.done')}
        description={
          <>
            <div className="kq-self-result-title">{verification.voucherTitle}</div>
            <div>{verification.storeName}</div>
            <div>{formatTime(verification.at)}</div>
            <div className="kq-secret">{verification.codeMasked}</div>
          </>
        }
      />
      <div className="kq-result-actions">
        <Button block color="primary" size="large" onClick={onDone}>
          {t('selfVerify.finish')}
        </Button>
      </div>
    </div>
  );
}
