import { ScanOutlined } from '@ant-design/icons';
import { Button, Card, Result } from 'antd';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/page-header.tsx';
import { useT } from '../../i18n/i18n.tsx';

/** The verification desk arrives with vouchers; until then the page says so plainly. */
export default function VerifyDeskPage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('verifyDesk.title')} />
      <Card>
        <Result
          icon={<ScanOutlined />}
          title={t('verifyDesk.comingTitle')}
          subTitle={t('verifyDesk.comingText')}
          extra={
            <Link to="/stores">
              <Button type="primary">{t('verifyDesk.viewStores')}</Button>
            </Link>
          }
        />
      </Card>
    </>
  );
}
