import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../i18n/i18n.tsx';

export function Forbidden() {
  const t = useT();
  return (
    <Result
      status="403"
      title={t('result.forbidden.title')}
      subTitle={t('result.forbidden.text')}
      extra={
        <Link to="/">
          <Button type="primary">{t('result.backHome')}</Button>
        </Link>
      }
    />
  );
}

export function NotFound() {
  const t = useT();
  return (
    <Result
      status="404"
      title={t('result.notFound.title')}
      subTitle={t('result.notFound.text')}
      extra={
        <Link to="/">
          <Button type="primary">{t('result.backHome')}</Button>
        </Link>
      }
    />
  );
}

export function LoadFailed({ onRetry }: { onRetry: () => void }) {
  const t = useT();
  return (
    <Result
      status="warning"
      title={t('result.loadFailed.title')}
      subTitle={t('result.loadFailed.text')}
      extra={
        <Button type="primary" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}
