import { App, Form, Input, InputNumber, Modal, Radio, Switch } from 'antd';
import { useT } from '../../i18n/i18n.tsx';
import { type PoolInput, useCreatePool } from './card-keys.api.ts';

/** A new pool: its name, key shape, low-stock threshold and whether its key is reusable. */
export function PoolModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<PoolInput>();
  const create = useCreatePool();
  const submit = async (v: PoolInput) => {
    await create.mutateAsync(v);
    void message.success(t('cardKeys.pool.created'));
    form.resetFields();
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('cardKeys.newPool')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<PoolInput>
        form={form}
        layout="vertical"
        initialValues={{ shape: 'secret', lowStockThreshold: 10, reusable: false }}
        onFinish={(v) => void submit(v).catch(() => {})}
      >
        <Form.Item
          name="name"
          label={t('cardKeys.pool.name')}
          rules={[{ required: true, whitespace: true, message: t('cardKeys.pool.nameRequired') }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="shape" label={t('cardKeys.pool.shape')}>
          <Radio.Group>
            <Radio.Button value="secret">{t('cardKeys.shape.secret')}</Radio.Button>
            <Radio.Button value="number_password">{t('cardKeys.shape.number_password')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="lowStockThreshold"
          label={t('cardKeys.pool.threshold')}
          extra={t('cardKeys.pool.thresholdHelp')}
        >
          <InputNumber min={0} max={1_000_000} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="reusable"
          label={t('cardKeys.pool.reusable')}
          extra={t('cardKeys.pool.reusableHelp')}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
