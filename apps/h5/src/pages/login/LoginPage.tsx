import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, NoticeBar, Toast } from 'antd-mobile';
import { useState } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { loginMember, queryKeys, useMemberMe } from '../../api/member.ts';
import { PageLoading } from '../../components/CenteredState.tsx';
import { merchantPath, useMerchant } from '../../components/merchant-context.ts';
import { useT } from '../../i18n/index.tsx';
import { MAINLAND_MOBILE } from '../../lib/phone.ts';
import { showError } from '../../lib/show-error.ts';
import { SendCodeButton } from './SendCodeButton.tsx';

interface LoginForm {
  phone: string;
  code: string;
}

export function LoginPage() {
  const t = useT();
  const { merchant, smsProvider } = useMerchant();
  const [form] = Form.useForm<LoginForm>();
  const queryClient = useQueryClient();
  const me = useMemberMe();
  const from = (useLocation().state as { from?: string } | null)?.from;
  const [submitting, setSubmitting] = useState(false);

  if (me.isPending) return <PageLoading />;
  if (me.data?.merchant.slug === merchant.slug) {
    return <Navigate to={from ?? merchantPath(merchant.slug)} replace />;
  }

  async function login({ phone, code }: LoginForm) {
    setSubmitting(true);
    try {
      await loginMember(merchant.slug, phone, code);
      Toast.show({ icon: 'success', content: t('login.success') });
      // Re-reading the session re-renders this page, which then leaves for the page asked for.
      await queryClient.invalidateQueries({ queryKey: queryKeys.me });
    } catch (err) {
      showError(err, t);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <div className="kq-login">
      <header className="kq-login-hero">
        <h1>{t('login.welcome', { name: merchant.name })}</h1>
        <p>{t('login.subtitle')}</p>
      </header>
      {smsProvider === 'console' && (
        <NoticeBar className="kq-dev-hint" color="info" wrap content={t('login.devHint')} />
      )}
      <Form
        form={form}
        className="kq-login-form"
        layout="horizontal"
        mode="card"
        onFinish={login}
        footer={
          <Button block type="submit" color="primary" size="large" loading={submitting}>
            {t('login.submit')}
          </Button>
        }
      >
        <Form.Item
          name="phone"
          label={t('login.phone')}
          rules={[
            { required: true, message: t('login.phoneRequired') },
            { pattern: MAINLAND_MOBILE, message: t('login.phoneInvalid') },
          ]}
        >
          <Input
            type="tel"
            inputMode="numeric"
            maxLength={11}
            placeholder={t('login.phonePlaceholder')}
            clearable
          />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('login.code')}
          extra={<SendCodeButton slug={merchant.slug} form={form} />}
          rules={[
            { required: true, message: t('login.codeRequired') },
            { pattern: /^\d{4,8}$/, message: t('login.codeInvalid') },
          ]}
        >
          <Input
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={8}
            placeholder={t('login.codePlaceholder')}
          />
        </Form.Item>
      </Form>
    </div>
  );
}
