import type { Me, Merchant } from '@kaquan/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Select, Skeleton, Tag } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client.ts';
import { ME_KEY } from '../../auth/auth.ts';
import { useSession } from '../../auth/session.tsx';
import { timeZoneOptions, useFormatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useT } from '../../i18n/i18n.tsx';

interface SettingsForm {
  name: string;
  timeZone: string;
}

export default function MerchantSettingsPage() {
  const t = useT();
  const { message } = App.useApp();
  const formatInstant = useFormatInstant();
  const canEdit = useSession().user.role === 'owner';
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SettingsForm>();
  const merchant = useQuery({ queryKey: ['merchant'], queryFn: () => api.get<Merchant>('/merchant') });
  const save = useMutation({
    mutationFn: (body: SettingsForm) => api.patch<Merchant>('/merchant', body),
    onSuccess: (updated) => {
      queryClient.setQueryData(['merchant'], updated);
      queryClient.setQueryData<Me | null>(ME_KEY, (me) => (me ? { ...me, merchant: updated } : me));
      void message.success(t('common.saved'));
    },
  });

  useEffect(() => {
    if (merchant.data) form.setFieldsValue({ name: merchant.data.name, timeZone: merchant.data.timeZone });
  }, [merchant.data, form]);

  return (
    <>
      <PageHeader title={t('merchant.title')} subtitle={t('merchant.subtitle')} />
      {!canEdit && (
        <Alert
          type="info"
          showIcon
          title={t('merchant.ownerOnly')}
          style={{ marginBottom: 16, maxWidth: 640 }}
        />
      )}
      <Card style={{ maxWidth: 640 }}>
        {merchant.isPending ? (
          <Skeleton active />
        ) : (
          <>
            {merchant.data && (
              <Descriptions
                column={1}
                size="small"
                style={{ marginBottom: 24 }}
                items={[
                  { key: 'slug', label: t('merchant.slug'), children: merchant.data.slug },
                  {
                    key: 'status',
                    label: t('common.status'),
                    children: (
                      <Tag color={merchant.data.status === 'active' ? 'green' : 'red'}>
                        {t(`merchant.status.${merchant.data.status}`)}
                      </Tag>
                    ),
                  },
                  {
                    key: 'createdAt',
                    label: t('common.createdAt'),
                    children: formatInstant(merchant.data.createdAt),
                  },
                ]}
              />
            )}
            <Form<SettingsForm>
              form={form}
              layout="vertical"
              disabled={!canEdit || save.isPending}
              onFinish={(values) => save.mutate(values)}
            >
              <Form.Item
                name="name"
                label={t('merchant.name')}
                rules={[{ required: true, whitespace: true, message: t('merchant.nameRequired') }]}
              >
                <Input maxLength={60} />
              </Form.Item>
              <Form.Item name="timeZone" label={t('merchant.timeZone')} extra={t('merchant.timeZoneHelp')}>
                <Select showSearch options={timeZoneOptions(merchant.data?.timeZone)} />
              </Form.Item>
              {canEdit && (
                <Button type="primary" htmlType="submit" loading={save.isPending}>
                  {t('common.save')}
                </Button>
              )}
            </Form>
          </>
        )}
      </Card>
    </>
  );
}
