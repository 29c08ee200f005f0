import { Button, Toast } from 'antd-mobile';
import type { FormInstance } from 'antd-mobile/es/components/form';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { sendSmsCode } from '../../api/member.ts';
import { useT } from '../../i18n/index.tsx';
import { showError } from '../../lib/show-error.ts';
import { useCountdown } from '../../lib/use-countdown.ts';

const DEFAULT_RETRY_SECONDS = 60;

function retryAfter(details: unknown): number | undefined {
  const value = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof value === 'number' ? value : undefined;
}

/** 获取验证码: checks the phone field, asks the server to text a code, then counts down. */
export function SendCodeButton({ slug, form }: { slug: string; form: FormInstance }) {
  const t = useT();
  const [left, startCountdown] = useCountdown();
  const [sending, setSending] = useState(false);

  async function send() {
    try {
      await form.validateFields(['phone']);
    } catch {
      return; // the form shows what is wrong with the phone number
    }
    const phone = String(form.getFieldValue('phone'));
    setSending(true);
    try {
      const sent = await sendSmsCode(slug, phone);
      startCountdown(sent.retryAfterSeconds || DEFAULT_RETRY_SECONDS);
      Toast.show({ icon: 'success', content: t('login.codeSent') });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'SMS_TOO_FREQUENT') {
        startCountdown(retryAfter(err.details) ?? DEFAULT_RETRY_SECONDS);
      }
      showError(err, t);
    } finally {
      setSending(false);
    }
  }

  return (
    <Button size="small" color="primary" fill="none" disabled={left > 0} loading={sending} onClick={send}>
      {left > 0 ? t('login.resend', { n: left }) : t('login.sendCode')}
    </Button>
  );
}
