import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useT } from '../../i18n/i18n.tsx';
import { type CodeFormat, useCreateLibrary, useExchangeTemplates, useRewardProducts } from './codes.api.ts';

interface Values {
  name: string;
  format: CodeFormat;
  templateId: number;
  reward: { productId: number; quantity: number }[];
  validity?: [Dayjs | null, Dayjs | null];
}

/** A new code library: its format (S0.2), the reward and its validity. */
export function LibraryModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const templates = useExchangeTemplates();
  const products = useRewardProducts();
  const create = useCreateLibrary();

  const submit = async (v: Values) => {
    await create.mutateAsync({
      name: v.name,
      format: v.format,
      templateId: v.templateId,
      reward: v.reward,
      validFrom: v.validity?.[0]?.toISOString() ?? null,
      validUntil: v.validity?.[1]?.toISOString() ?? null,
    });
    void message.success(t('codes.library.created'));
    form.resetFields();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('codes.library.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ format: 'mixed', reward: [{ quantity: 1 }] }}
        onFinish={(v) => void submit(v).catch(() => {})}
      >
        <Form.Item
          name="name"
          label={t('codes.library.name')}
          rules={[{ required: true, message: t('codes.library.nameRequired') }]}
        >
          <Input maxLength={60} placeholder={t('codes.library.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="format" label={t('codes.library.format')} extra={t('codes.library.formatHelp')}>
          <Radio.Group>
            <Radio.Button value="mixed">{t('codes.format.mixed')}</Radio.Button>
            <Radio.Button value="mixed_clear">{t('codes.format.mixed_clear')}</Radio.Button>
            <Radio.Button value="digits">{t('codes.format.digits')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="templateId"
          label={t('codes.library.template')}
          extra={t('codes.library.templateHelp')}
          rules={[{ required: true, message: t('codes.library.templateRequired') }]}
        >
          <Select
            loading={templates.isPending}
            options={templates.data?.map((x) => ({ value: x.id, label: x.title }))}
            placeholder={t('codes.library.template')}
          />
        </Form.Item>
        <Form.Item label={t('codes.library.reward')} extra={t('codes.library.rewardHelp')} required>
          <Form.List name="reward">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item
                      name={[f.name, 'productId']}
                      rules={[{ required: true, message: t('codes.library.productRequired') }]}
                    >
                      <Select
                        style={{ width: 280 }}
                        placeholder={t('codes.library.product')}
                        options={products.data?.map((p) => ({ value: p.id, label: p.name }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'quantity']} rules={[{ required: true }]}>
                      <InputNumber min={1} max={99} precision={0} addonBefore="×" />
                    </Form.Item>
                    {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add({ quantity: 1 })} icon={<PlusOutlined />}>
                  {t('codes.library.addProduct')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item
          name="validity"
          label={t('codes.library.validity')}
          extra={t('codes.library.validityHelp')}
        >
          <DatePicker.RangePicker showTime allowEmpty={[true, true]} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
