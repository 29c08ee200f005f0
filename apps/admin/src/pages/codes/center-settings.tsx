import { App, Button, Card, Col, Form, Image, InputNumber, Row, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { type CodeSettings, useCodeLinks, useCodeSettings, useSaveCodeSettings } from './codes.api.ts';

/** Lockout and daily limit (S0.8, S0.9), and the shareable links with their QR images (S0.10). */
export function CenterSettings() {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<CodeSettings>();
  const settings = useCodeSettings();
  const save = useSaveCodeSettings();
  const links = useCodeLinks();
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  const number = (name: keyof CodeSettings, min: number, max: number, unit: string) => (
    <Form.Item name={name} label={t(`codes.settings.${name}`)} rules={[{ required: true }]}>
      <InputNumber min={min} max={max} precision={0} addonAfter={unit} style={{ width: 200 }} />
    </Form.Item>
  );

  return (
    <Row gutter={16}>
      <Col xs={24} lg={12}>
        <Card title={t('codes.settings.title')}>
          <Typography.Paragraph type="secondary">{t('codes.settings.help')}</Typography.Paragraph>
          <Form<CodeSettings>
            form={form}
            layout="vertical"
            onFinish={(v) =>
              save.mutateAsync(v).then(
                () => void message.success(t('codes.settings.saved')),
                () => {},
              )
            }
          >
            {number('failWindowMinutes', 1, 1440, t('codes.unit.minutes'))}
            {number('maxFailures', 1, 100, t('codes.unit.times'))}
            {number('freezeHours', 1, 720, t('codes.unit.hours'))}
            {number('ipMaxFailures', 1, 10_000, t('codes.unit.times'))}
            {number('dailyLimit', 0, 1000, t('codes.unit.codes'))}
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('codes.links.title')}>
          {links.data && (
            <Space direction="vertical" size="large">
              {(
                [
                  ['redeem', links.data.redeemUrl, links.data.redeemQr],
                  ['giftCards', links.data.giftCardUrl, links.data.giftCardQr],
                ] as const
              ).map(([key, url, qr]) => (
                <Space key={key} align="start">
                  <Image src={qr} width={120} alt={t(`codes.links.${key}`)} />
                  <Space direction="vertical">
                    <Typography.Text strong>{t(`codes.links.${key}`)}</Typography.Text>
                    <Typography.Text copyable data-testid={`link-${key}`}>
                      {url}
                    </Typography.Text>
                    <Typography.Link href={qr} download={`${key}-qr.png`}>
                      {t('codes.links.download')}
                    </Typography.Link>
                  </Space>
                </Space>
              ))}
            </Space>
          )}
        </Card>
      </Col>
    </Row>
  );
}
