import type { VerificationSettings } from '@kaquan/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useSession } from '../../auth/session.tsx';
import { useT } from '../../i18n/i18n.tsx';

const KEY = ['verification-settings'];

/** The merchant's undo window, shown to everyone and changed by owners and managers. */
export function UndoWindowSetting() {
  const t = useT();
  const { message } = App.useApp();
  const role = useSession().user.role;
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: KEY,
    queryFn: () => api.get<VerificationSettings>('/verification-settings'),
  });
  const [draft, setDraft] = useState<number | null>(null);
  const save = useMutation({
    mutationFn: (body: VerificationSettings) => api.put<VerificationSettings>('/verification-settings', body),
    onSuccess: (next) => {
      queryClient.setQueryData(KEY, next);
      // Which records may still be undone follows the new window at once.
      void queryClient.invalidateQueries({ queryKey: ['verifications', 'list'] });
      setDraft(null);
      void message.success(t('verifications.window.saved'));
    },
  });
  const minutes = settings.data?.undoWindowMinutes;
  if (minutes === undefined) return null;
  const canChange = role === 'owner' || role === 'manager';

  if (draft === null)
    return (
      <Space data-testid="undo-window">
        <Typography.Text type="secondary">
          {minutes === 0 ? t('verifications.window.off') : t('verifications.window.current', { minutes })}
        </Typography.Text>
        {canChange && (
          <Button size="small" type="link" onClick={() => setDraft(minutes)}>
            {t('common.edit')}
          </Button>
        )}
      </Space>
    );
  return (
    <Space data-testid="undo-window">
      <InputNumber
        aria-label={t('verifications.window.label')}
        min={0}
        max={1440}
        precision={0}
        value={draft}
        onChange={(v) => setDraft(v ?? 0)}
        addonAfter={t('verifications.window.minutes')}
        style={{ width: 180 }}
      />
      <Button
        type="primary"
        size="small"
        loading={save.isPending}
        onClick={() => save.mutate({ undoWindowMinutes: draft })}
      >
        {t('common.save')}
      </Button>
      <Button size="small" onClick={() => setDraft(null)}>
        {t('common.cancel')}
      </Button>
      <Typography.Text type="secondary">{t('verifications.window.help')}</Typography.Text>
    </Space>
  );
}
