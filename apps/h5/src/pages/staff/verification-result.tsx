import type { Verification } from '@kaquan/contracts';
import { Button } from 'antd-mobile';
import { CheckCircleFill, CloseCircleFill } from 'antd-mobile-icons';
import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/index.tsx';
import { formatTime } from '../../lib/format-time.ts';
import { groupCode } from '../../lib/voucher-format.ts';
import { canUndo, useUndo } from './use-undo.ts';

/** What the counter shows after a submission: a verification, or why the server refused the code. */
export type Outcome = { ok: true; verification: Verification } | { ok: false; code: string; message: string };

interface Props {
  outcome: Outcome;
  onUndone: (verification: Verification) => void;
  onClose: () => void;
}

/** A full-screen green or red answer, readable at arm's length; Enter (or a scanner) moves on. */
export function VerificationResult({ outcome, onUndone, onClose }: Props) {
  const t = useT();
  const next = useRef<HTMLButtonElement>(null);
  const undo = useUndo(onUndone);

  useEffect(() => {
    next.current?.focus();
  }, []);

  const verification = outcome.ok ? outcome.verification : null;
  const undone = !!verification?.undoneAt;
  const tone = outcome.ok && !undone ? 'ok' : outcome.ok ? 'undone' : 'fail';

  return (
    <div className={`kq-staff-result kq-staff-result-${tone}`} role="alert" data-testid="staff-result">
      <div className="kq-staff-result-icon">{outcome.ok ? <CheckCircleFill /> : <CloseCircleFill />}</div>
      <h1>{t(outcome.ok ? (undone ? 'staff.result.undone' : 'staff.result.ok') : 'staff.result.fail')}</h1>
      {verification ? (
        <dl className="kq-staff-result-facts">
          <dt>{t('staff.result.voucher')}</dt>
          <dd>{verification.voucherTitle}</dd>
          <dt>{t('staff.result.code')}</dt>
          <dd className="kq-secret">{verification.codeMasked}</dd>
          <dt>{t('staff.result.store')}</dt>
          <dd>{verification.storeName}</dd>
          <dt>{t('staff.result.time')}</dt>
          <dd>{formatTime(verification.at)}</dd>
        </dl>
      ) : (
        !outcome.ok && (
          <>
            <p className="kq-staff-result-message">{outcome.message}</p>
            <p className="kq-staff-result-code kq-secret">{groupCode(outcome.code)}</p>
          </>
        )
      )}
      <div className="kq-staff-result-actions">
        <button ref={next} type="button" className="kq-staff-result-next" onClick={onClose}>
          {t(outcome.ok ? 'staff.result.next' : 'staff.result.retry')}
        </button>
        {verification && canUndo(verification) && (
          <Button
            block
            fill="none"
            className="kq-staff-result-undo"
            loading={undo.pending}
            onClick={() => undo.ask(verification)}
          >
            {t('staff.undo')}
          </Button>
        )}
      </div>
    </div>
  );
}
