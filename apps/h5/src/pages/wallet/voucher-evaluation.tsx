import type { Voucher } from '@kaquan/contracts';
import { Button, Rate } from 'antd-mobile';
import { useState } from 'react';
import { useWalletEvaluation } from '../../api/evaluation.ts';
import { useT } from '../../i18n/index.tsx';
import { formatTime } from '../../lib/format-time.ts';
import { EvaluationPopup, scoreLabel } from './evaluation-popup.tsx';
import './evaluation.css';

/**
 * The evaluation part of a used voucher's page: the 评价 entry while the holder may still evaluate,
 * then their evaluation. Nothing for a voucher not used yet.
 */
export function VoucherEvaluation({ voucher }: { voucher: Voucher }) {
  const t = useT();
  const used = voucher.state === 'used';
  const query = useWalletEvaluation(voucher.id, used);
  const [open, setOpen] = useState(false);
  if (!used || !query.data) return null;
  const { canEvaluate, evaluation } = query.data;

  return (
    <>
      {evaluation ? (
        <section className="kq-card" data-testid="my-evaluation">
          <div className="kq-card-title">{t('evaluation.mine')}</div>
          <div className="kq-evaluation-score">
            <Rate readOnly value={evaluation.score} aria-label={t('evaluation.score')} />
            <span className="kq-evaluation-score-label">{t(scoreLabel(evaluation.score))}</span>
          </div>
          <p className={evaluation.text ? 'kq-evaluation-body' : 'kq-evaluation-body kq-muted'}>
            {evaluation.text || t('evaluation.noText')}
          </p>
          <div className="kq-muted">{t('evaluation.at', { time: formatTime(evaluation.at) })}</div>
        </section>
      ) : (
        canEvaluate && (
          <section className="kq-card kq-evaluation-entry">
            <div>
              <div className="kq-card-title">{t('evaluation.prompt')}</div>
              <div className="kq-muted">{t('evaluation.promptDesc')}</div>
            </div>
            <Button color="primary" shape="rounded" size="small" onClick={() => setOpen(true)}>
              {t('evaluation.action')}
            </Button>
          </section>
        )
      )}
      {/* Stays mounted once the evaluation is in, so its thank-you shows over the updated page. */}
      <EvaluationPopup voucher={voucher} visible={open} onClose={() => setOpen(false)} />
    </>
  );
}
