import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input } from 'antd-mobile';
import { useState } from 'react';
import { loginStaff, staffKeys } from '../../api/staff.ts';
import { useT } from '../../i18n/index.tsx';
import { showError } from '../../lib/show-error.ts';

interface Fields {
  login: string;
  password: string;
}

/** Staff sign-in with the account the merchant created (login and password). */
export function StaffLogin() {
  const t = useT();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);

  async function submit({ login, password }: Fields) {
    setBusy(true);
    try {
      const { me } = await loginStaff(login.trim(), password);
      queryClient.removeQueries({ queryKey: staffKeys.data });
      queryClient.setQueryData(staffKeys.me, me);
    } catch (err) {
      showError(err, t);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="kq-page">
      <div className="kq-login-hero">
        <h1>{t('staff.title')}</h1>
        <p>{t('staff.login.subtitle')}</p>
      </div>
      <Form
        className="kq-login-form"
        layout="horizontal"
        onFinish={submit}
        footer={
          <Button block type="submit" color="primary" size="large" loading={busy}>
            {t('staff.login.submit')}
          </Button>
        }
      >
        <Form.Item
          name="login"
          label={t('staff.login.account')}
          rules={[{ required: true, message: t('staff.login.accountRequired') }]}
        >
          <Input placeholder={t('staff.login.accountPlaceholder')} autoComplete="username" clearable />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('staff.login.password')}
          rules={[{ required: true, message: t('staff.login.passwordRequired') }]}
        >
          <Input
            type="password"
            placeholder={t('staff.login.passwordPlaceholder')}
            autoComplete="current-password"
          />
        </Form.Item>
      </Form>
    </div>
  );
}
