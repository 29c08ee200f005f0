import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { CampaignKind } from '@kaquan/contracts';
import { Button, Flex, Form, InputNumber, Typography } from 'antd';
import { useT } from '../../i18n/i18n.tsx';
import { TemplatePicker } from '../voucher-templates/template-picker.tsx';

/** The campaign's items: an approved template, the vouchers per claim and (QR) the campaign stock. */
export function CampaignItemsField({
  kind,
  claimed = {},
}: {
  kind: CampaignKind;
  /** Vouchers already claimed per item id: stock may not go below it. */
  claimed?: Record<number, number>;
}) {
  const t = useT();
  return (
    <Form.List name="items">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          {fields.map((field) => (
            <Flex key={field.key} gap={8} align="flex-start" wrap data-testid="campaign-item">
              <Form.Item name={[field.name, 'id']} hidden>
                <InputNumber />
              </Form.Item>
              <Form.Item
                name={[field.name, 'templateId']}
                rules={[{ required: true, message: t('vouchers.templateRequired') }]}
                style={{ width: 280, marginBottom: 0 }}
              >
                <TemplatePicker />
              </Form.Item>
              <Form.Item
                name={[field.name, 'quantity']}
                rules={[{ required: true, message: t('campaigns.quantityRequired') }]}
                style={{ marginBottom: 0 }}
              >
                <InputNumber min={1} max={100} addonBefore={t('campaigns.perClaim')} style={{ width: 150 }} />
              </Form.Item>
              {kind === 'qr' && (
                <Form.Item noStyle shouldUpdate>
                  {({ getFieldValue }) => {
                    const id = getFieldValue(['items', field.name, 'id']) as number | undefined;
                    const done = id ? (claimed[id] ?? 0) : 0;
                    return (
                      <Form.Item
                        name={[field.name, 'stock']}
                        rules={[{ required: true, message: t('campaigns.stockRequired') }]}
                        extra={done ? t('campaigns.claimedSoFar', { n: done }) : undefined}
                        style={{ marginBottom: 0 }}
                      >
                        <InputNumber min={done} addonBefore={t('campaigns.stock')} style={{ width: 170 }} />
                      </Form.Item>
                    );
                  }}
                </Form.Item>
              )}
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('campaigns.removeItem')}
                disabled={fields.length === 1}
                onClick={() => remove(field.name)}
              />
            </Flex>
          ))}
          <div>
            <Button icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })}>
              {t('campaigns.addItem')}
            </Button>
          </div>
          <Typography.Text type="secondary">{t('campaigns.itemsHelp')}</Typography.Text>
        </Flex>
      )}
    </Form.List>
  );
}
