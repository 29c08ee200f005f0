import { Button, ErrorBlock, SpinLoading } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useT } from '../i18n/index.tsx';

export function PageLoading() {
  const t = useT();
  return (
    <div className="kq-center" role="status" aria-label={t('common.loading')}>
      <SpinLoading color="primary" />
    </div>
  );
}

interface StateProps {
  status: 'default' | 'disconnected' | 'empty' | 'busy';
  title: ReactNode;
  description: ReactNode;
  children?: ReactNode;
}

export function PageState({ status, title, description, children }: StateProps) {
  return (
    <ErrorBlock className="kq-state" fullPage status={status} title={title} description={description}>
      {children}
    </ErrorBlock>
  );
}

export function PageError({ onRetry }: { onRetry: () => void }) {
  const t = useT();
  return (
    <PageState status="disconnected" title={t('common.networkError')} description="">
      <Button color="primary" onClick={onRetry}>
        {t('common.retry')}
      </Button>
    </PageState>
  );
}
