import type { CardKeyPool } from '@kaquan/contracts';
import { App, Form, Input, InputNumber, Modal, Radio, Switch } from 'antd';
import { useT } from '../../i18n/i18n.tsx';
import { type PoolPatch, useUpdatePool } from './card-keys.api.ts';

/** Rename a pool or change its low-stock threshold; its key shape and reusable flag stay as created. */
export function PoolEditModal({ pool, onClose }: { pool: CardKeyPool | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<PoolPatch>();
  const update = useUpdatePool();
  const onFinish = ({ name, lowStockThreshold }: PoolPatch) => {
    if (!pool) return;
    update.mutate(
      { id: pool.id, patch: { name, lowStockThreshold } },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
      },
    );
  };
  return (
    <Modal
      open={pool !== null}
      title={pool ? t('cardKeys.pool.editTitle', { name: pool.name }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      {pool && (
        <Form<PoolPatch>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ name: pool.name, lowStockThreshold: pool.lowStockThreshold }}
          onFinish={onFinish}
        >
          <Form.Item
            name="name"
            label={t('cardKeys.pool.name')}
            rules={[{ required: true, whitespace: true, message: t('cardKeys.pool.nameRequired') }]}
          >
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item
            name="lowStockThreshold"
            label={t('cardKeys.pool.threshold')}
            extra={t('cardKeys.pool.thresholdHelp')}
            rules={[{ required: true, message: t('cardKeys.pool.thresholdRequired') }]}
          >
            <InputNumber min={0} max={1_000_000} precision={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item label={t('cardKeys.pool.shape')}>
            <Radio.Group value={pool.shape} disabled>
              <Radio.Button value="secret">{t('cardKeys.shape.secret')}</Radio.Button>
              <Radio.Button value="number_password">{t('cardKeys.shape.number_password')}</Radio.Button>
            </Radio.Group>
          </Form.Item>
          <Form.Item label={t('cardKeys.pool.reusable')} extra={t('cardKeys.pool.fixedHelp')}>
            <Switch checked={pool.reusable} disabled aria-label={t('cardKeys.pool.reusable')} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
