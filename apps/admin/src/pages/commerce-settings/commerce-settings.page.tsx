import type { CommerceSettings } from '@kaquan/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Skeleton, Typography } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client.ts';
import { formatMoney } from '../../components/money.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadFailed } from '../../components/result-pages.tsx';
import { type MessageKey, useT } from '../../i18n/i18n.tsx';

const FIELDS: {
  name: keyof CommerceSettings;
  label: MessageKey;
  help: MessageKey;
  unit: MessageKey;
  min: number;
  max: number;
}[] = [
  {
    name: 'checkoutTtlMinutes',
    label: 'settings.checkoutTtl',
    help: 'settings.checkoutTtlHelp',
    unit: 'settings.unit.minutes',
    min: 1,
    max: 1440,
  },
  {
    name: 'centsPerPoint',
    label: 'settings.centsPerPoint',
    help: 'settings.centsPerPointHelp',
    unit: 'settings.unit.centsPerPoint',
    min: 1,
    max: 10000,
  },
  {
    name: 'pointsPerYuan',
    label: 'settings.pointsPerYuan',
    help: 'settings.pointsPerYuanHelp',
    unit: 'settings.unit.pointsPerYuan',
    min: 0,
    max: 10000,
  },
  {
    name: 'pointsMaxSharePct',
    label: 'settings.pointsMaxShare',
    help: 'settings.pointsMaxShareHelp',
    unit: 'settings.unit.percent',
    min: 0,
    max: 100,
  },
  {
    name: 'afterSalesDays',
    label: 'settings.afterSalesDays',
    help: 'settings.afterSalesDaysHelp',
    unit: 'settings.unit.days',
    min: 0,
    max: 365,
  },
];

/** A worked example of the points rules as they stand in the form. */
function PointsExample({ values }: { values: Partial<CommerceSettings> }) {
  const t = useT();
  const { centsPerPoint, pointsPerYuan, pointsMaxSharePct } = values;
  if (!centsPerPoint || pointsPerYuan === undefined || pointsMaxSharePct === undefined) return null;
  return (
    <Alert
      type="info"
      showIcon
      title={t('settings.example', {
        hundred: formatMoney(100 * centsPerPoint),
        earned: pointsPerYuan * 100,
        share: formatMoney(100 * pointsMaxSharePct),
      })}
      style={{ marginBottom: 24 }}
    />
  );
}

export default function CommerceSettingsPage() {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CommerceSettings>();
  const watched = Form.useWatch([], form) ?? {};
  const settings = useQuery({
    queryKey: ['commerce-settings'],
    queryFn: () => api.get<CommerceSettings>('/commerce/settings'),
  });
  const save = useMutation({
    mutationFn: (body: CommerceSettings) => api.put<CommerceSettings>('/commerce/settings', body),
    onSuccess: (saved) => {
      queryClient.setQueryData(['commerce-settings'], saved);
      void message.success(t('common.saved'));
    },
  });

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  if (settings.isError && !settings.data) return <LoadFailed onRetry={() => void settings.refetch()} />;

  return (
    <>
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('settings.rules')}>
            {settings.isPending ? (
              <Skeleton active />
            ) : (
              <Form<CommerceSettings>
                form={form}
                layout="vertical"
                disabled={save.isPending}
                onFinish={(values) => save.mutate(values)}
              >
                {FIELDS.map((f) => (
                  <Form.Item
                    key={f.name}
                    name={f.name}
                    label={t(f.label)}
                    extra={t(f.help)}
                    rules={[{ required: true, message: t('settings.required') }]}
                  >
                    <InputNumber
                      min={f.min}
                      max={f.max}
                      precision={0}
                      suffix={t(f.unit)}
                      style={{ width: 220 }}
                    />
                  </Form.Item>
                ))}
                <PointsExample values={watched} />
                <Button type="primary" htmlType="submit" loading={save.isPending}>
                  {t('common.save')}
                </Button>
              </Form>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('settings.payment')}>
            <Typography.Paragraph>
              <Typography.Text strong>{t('settings.sandbox')}</Typography.Text>
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary">{t('settings.sandboxText')}</Typography.Paragraph>
            <Alert type="warning" showIcon title={t('settings.sandboxWarning')} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
