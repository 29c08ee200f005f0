import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useT } from '../i18n/i18n.tsx';

/** Copies with the Clipboard API, or with a hidden text area where it is unavailable (plain http). */
async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy failed');
}

export function CopyButton({ text, label }: { text: string; label?: string }) {
  const t = useT();
  const { message } = App.useApp();
  const [copied, setCopied] = useState(false);
  const onClick = async () => {
    try {
      await copyText(text);
      setCopied(true);
      void message.success(t('common.copied'));
      setTimeout(() => setCopied(false), 2000);
    } catch {
      void message.error(t('common.copyFailed'));
    }
  };
  return (
    <Button icon={copied ? <CheckOutlined /> : <CopyOutlined />} onClick={onClick}>
      {label ?? t('common.copy')}
    </Button>
  );
}
