import { EVALUATION_TEXT_MAX, type Voucher } from '@kaquan/contracts';
import { Button, Popup, Rate, Result, TextArea } from 'antd-mobile';
import { useState } from 'react';
import { useEvaluateVoucher } from '../../api/evaluation.ts';
import { type MessageKey, useT } from '../../i18n/index.tsx';
import { errorMessage } from '../../lib/show-error.ts';

interface Props {
  voucher: Voucher;
  visible: boolean;
  onClose: () => void;
}

export const scoreLabel = (score: number) => `evaluation.score.${score}` as MessageKey;

/** 评价 of a used voucher: 1–5 stars and up to 500 characters, sent once; then a thank-you. */
export function EvaluationPopup({ voucher, visible, onClose }: Props) {
  const t = useT();
  const [score, setScore] = useState(0);
  const [text, setText] = useState('');
  const evaluate = useEvaluateVoucher(voucher.id);

  function close() {
    setScore(0);
    setText('');
    evaluate.reset();
    onClose();
  }

  return (
    <Popup visible={visible} onMaskClick={close} bodyClassName="kq-evaluation-popup" destroyOnClose>
      {evaluate.isSuccess ? (
        <div data-testid="evaluation-result">
          <Result status="success" title={t('evaluation.done')} description={t('evaluation.doneDesc')} />
          <div className="kq-result-actions">
            <Button block color="primary" size="large" onClick={close}>
              {t('evaluation.finish')}
            </Button>
          </div>
        </div>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (score > 0) evaluate.mutate({ score, text: text.trim() });
          }}
        >
          <h2 className="kq-evaluation-popup-title">{t('evaluation.formTitle', { title: voucher.title })}</h2>
          <div className="kq-evaluation-score">
            <Rate
              aria-label={t('evaluation.score')}
              allowClear={false}
              value={score}
              onChange={(value) => {
                setScore(value);
                evaluate.reset();
              }}
            />
            <span className="kq-evaluation-score-label" data-testid="evaluation-score-label">
              {score > 0 ? t(scoreLabel(score)) : t('evaluation.scoreHint')}
            </span>
          </div>
          <label className="kq-evaluation-label" htmlFor="kq-evaluation-text">
            {t('evaluation.text')}
          </label>
          <TextArea
            id="kq-evaluation-text"
            className="kq-evaluation-text"
            placeholder={t('evaluation.textPlaceholder')}
            value={text}
            onChange={(value) => {
              setText(value);
              evaluate.reset();
            }}
            maxLength={EVALUATION_TEXT_MAX}
            showCount
            autoSize={{ minRows: 3, maxRows: 6 }}
          />
          {evaluate.isError && (
            <p className="kq-field-error" role="alert">
              {errorMessage(evaluate.error, t)}
            </p>
          )}
          <p className="kq-note">{t('evaluation.once')}</p>
          <div className="kq-evaluation-actions">
            <Button block fill="outline" size="large" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button
              block
              color="primary"
              size="large"
              type="submit"
              disabled={score === 0}
              loading={evaluate.isPending}
            >
              {t('evaluation.submit')}
            </Button>
          </div>
        </form>
      )}
    </Popup>
  );
}
