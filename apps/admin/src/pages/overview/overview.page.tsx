import { AuditOutlined, ShopOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import type { Page } from '@kaquan/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Row, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { useSession } from '../../auth/session.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { type MessageKey, useT } from '../../i18n/i18n.tsx';

function useCount(path: string) {
  return useQuery({
    queryKey: [path.slice(1), 'count'],
    queryFn: () => api.get<Page<unknown>>(path, { page: 1, pageSize: 1 }).then((p) => p.total),
  });
}

interface EntryProps {
  to: string;
  icon: ReactNode;
  title: MessageKey;
  text: MessageKey;
  action: MessageKey;
  count: number | undefined;
  /** Where the action goes when the list is still empty: straight to the create form. */
  createTo?: string;
}

function EntryCard({ to, icon, title, text, action, count, createTo }: EntryProps) {
  const t = useT();
  return (
    <Card
      title={
        <span>
          {icon} {t(title)}
        </span>
      }
      extra={<Link to={to}>{t('overview.open')}</Link>}
      style={{ height: '100%' }}
    >
      <Statistic value={count ?? '—'} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, minHeight: 44 }}>
        {t(text)}
      </Typography.Paragraph>
      <Link to={count === 0 && createTo ? createTo : to}>
        <Button type={count === 0 ? 'primary' : 'default'}>{t(action)}</Button>
      </Link>
    </Card>
  );
}

export default function OverviewPage() {
  const t = useT();
  const me = useSession();
  const stores = useCount('/stores');
  const staff = useCount('/staff');
  const members = useCount('/members');
  const fresh = stores.data === 0;

  return (
    <>
      <PageHeader title={t('overview.title')} subtitle={t('overview.welcome', { name: me.user.name })} />
      {fresh && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('overview.startTitle')}
          description={t('overview.startText')}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12} xl={8}>
          <EntryCard
            to="/stores"
            createTo="/stores?create=1"
            icon={<ShopOutlined />}
            title="menu.stores"
            text="overview.storesText"
            action={stores.data === 0 ? 'stores.create' : 'overview.manageStores'}
            count={stores.data}
          />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <EntryCard
            to="/staff"
            icon={<TeamOutlined />}
            title="menu.staff"
            text="overview.staffText"
            action="overview.manageStaff"
            count={staff.data}
          />
        </Col>
        <Col xs={24} md={12} xl={8}>
          <EntryCard
            to="/members"
            createTo="/members?create=1"
            icon={<UserOutlined />}
            title="menu.members"
            text="overview.membersText"
            action={members.data === 0 ? 'members.create' : 'overview.manageMembers'}
            count={members.data}
          />
        </Col>
      </Row>
      <Card style={{ marginTop: 16 }}>
        <Typography.Text type="secondary">
          <AuditOutlined /> {t('overview.auditHint')} <Link to="/audit">{t('menu.audit')}</Link>
        </Typography.Text>
      </Card>
    </>
  );
}
