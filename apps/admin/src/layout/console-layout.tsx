import { GlobalOutlined, LogoutOutlined, ShopOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, Layout, Menu, Space, Tag, Typography, theme } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useLogout } from '../auth/auth.ts';
import { useSession } from '../auth/session.tsx';
import { type Lang, useLang, useT } from '../i18n/i18n.tsx';
import { menuItems } from './menu.tsx';

const LANGS: { key: Lang; label: string }[] = [
  { key: 'zh-CN', label: '简体中文' },
  { key: 'en', label: 'English' },
];

export function LanguageSwitch() {
  const [lang, setLang] = useLang();
  const t = useT();
  return (
    <Dropdown
      menu={{
        items: LANGS,
        selectable: true,
        selectedKeys: [lang],
        onClick: ({ key }) => setLang(key as Lang),
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} aria-label={t('header.language')}>
        {LANGS.find((l) => l.key === lang)?.label}
      </Button>
    </Dropdown>
  );
}

export function ConsoleLayout() {
  const t = useT();
  const me = useSession();
  const logout = useLogout();
  const location = useLocation();
  const navigate = useNavigate();
  const { token } = theme.useToken();
  const selected = `/${location.pathname.split('/')[1] ?? ''}`;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={0}
        width={220}
        theme="light"
        style={{ borderRight: `1px solid ${token.colorBorderSecondary}` }}
      >
        <div style={{ height: 56, display: 'flex', alignItems: 'center', gap: 8, padding: '0 24px' }}>
          <Typography.Title level={4} style={{ margin: 0, color: token.colorPrimary }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('app.console')}</Typography.Text>
        </div>
        <Menu
          mode="inline"
          selectedKeys={[selected]}
          items={menuItems(me.user.role, t)}
          onClick={({ key }) => navigate(key)}
          style={{ borderInlineEnd: 'none' }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            height: 56,
          }}
        >
          <Space>
            <ShopOutlined />
            <Typography.Text strong>{me.merchant?.name ?? t('header.platform')}</Typography.Text>
            {me.merchant?.status === 'suspended' && <Tag color="red">{t('merchant.status.suspended')}</Tag>}
          </Space>
          <Space size="middle">
            <LanguageSwitch />
            <Space size={4}>
              <UserOutlined />
              <Typography.Text>{me.user.name}</Typography.Text>
              <Tag>{t(`role.${me.user.role}`)}</Tag>
            </Space>
            <Button
              icon={<LogoutOutlined />}
              loading={logout.isPending}
              onClick={() =>
                logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })
              }
            >
              {t('header.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
