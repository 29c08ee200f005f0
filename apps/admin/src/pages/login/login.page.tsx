import { LockOutlined, UserOutlined } from '@ant-design/icons';
import type { Me } from '@kaquan/contracts';
import { Alert, Button, Card, Flex, Form, Input, Typography, theme } from 'antd';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { homePath, useLogin, useMe } from '../../auth/auth.ts';
import { useT } from '../../i18n/i18n.tsx';
import { LanguageSwitch } from '../../layout/console-layout.tsx';

interface LoginForm {
  login: string;
  password: string;
}

/** Only follow `next` inside the console, never to another site. */
function safeNext(next: string | null, me: Me): string {
  return next?.startsWith('/') && !next.startsWith('//') && next !== '/login' ? next : homePath(me.user.role);
}

export default function LoginPage() {
  const t = useT();
  const { token } = theme.useToken();
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();

  if (me.data && !login.isPending) return <Navigate to={safeNext(params.get('next'), me.data)} replace />;

  const onFinish = (values: LoginForm) =>
    login.mutate(values, {
      onSuccess: (data) => navigate(safeNext(params.get('next'), data.me), { replace: true }),
    });

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{ minHeight: '100vh', background: token.colorBgLayout, padding: 16 }}
    >
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <Flex vertical align="center" style={{ marginBottom: 24 }}>
          <Typography.Title level={2} style={{ margin: 0, color: token.colorPrimary }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
        </Flex>
        {login.error && (
          <Alert type="error" showIcon title={login.error.message} style={{ marginBottom: 16 }} />
        )}
        <Form<LoginForm>
          layout="vertical"
          onFinish={onFinish}
          requiredMark={false}
          disabled={login.isPending}
        >
          <Form.Item
            name="login"
            label={t('login.login')}
            rules={[{ required: true, message: t('login.loginRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
