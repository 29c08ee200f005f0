import type { Verification, Voucher } from '@kaquan/contracts';
import { Button, Popup, TextArea } from 'antd-mobile';
import { useState } from 'react';
import { useT } from '../../i18n/index.tsx';
import { errorMessage } from '../../lib/show-error.ts';
import { SelfVerifyResult } from './self-verify-result.tsx';
import { useSelfVerify } from './use-self-verify.ts';

interface Props {
  voucher: Voucher;
  visible: boolean;
  onClose: () => void;
}

/** 到店自助核销 from the voucher page: the member gives the URL of the store QR they scanned. */
export function SelfVerifyPopup({ voucher, visible, onClose }: Props) {
  const t = useT();
  const [storeUrl, setStoreUrl] = useState('');
  const [done, setDone] = useState<Verification | null>(null);
  const verify = useSelfVerify(setDone);
  const url = storeUrl.trim();

  function close() {
    setStoreUrl('');
    setDone(null);
    verify.reset();
    onClose();
  }

  return (
    <Popup visible={visible} onMaskClick={close} bodyClassName="kq-self-popup" destroyOnClose>
      {done ? (
        <SelfVerifyResult verification={done} onDone={close} />
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (url) verify.mutate({ voucherId: voucher.id, storeUrl: url });
          }}
        >
          <h2 className="kq-self-popup-title">{t('selfVerify.title')}</h2>
          <p className="kq-note">{t('selfVerify.urlHint')}</p>
          <label className="kq-self-url-label" htmlFor="kq-self-url">
            {t('selfVerify.url')}
          </label>
          <TextArea
            id="kq-self-url"
            className="kq-self-url"
            placeholder={t('selfVerify.urlPlaceholder')}
            value={storeUrl}
            onChange={(value) => {
              setStoreUrl(value);
              verify.reset();
            }}
            autoSize={{ minRows: 2, maxRows: 4 }}
          />
          {verify.isError && (
            <p className="kq-field-error" role="alert">
              {errorMessage(verify.error, t)}
            </p>
          )}
          <p className="kq-note">{t('selfVerify.warning', { title: voucher.title })}</p>
          <div className="kq-self-popup-actions">
            <Button block fill="outline" size="large" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button
              block
              color="primary"
              size="large"
              type="submit"
              disabled={!url}
              loading={verify.isPending}
            >
              {t('selfVerify.confirm')}
            </Button>
          </div>
        </form>
      )}
    </Popup>
  );
}
