import type { Store } from '@kaquan/contracts';
import { App, Form, Input, Modal, Radio } from 'antd';
import { useT } from '../../i18n/i18n.tsx';
import { type StoreInput, useSaveStore } from './stores.api.ts';

/** Create a store (store undefined) or edit one. */
export function StoreFormModal({
  open,
  store,
  onClose,
}: {
  open: boolean;
  store?: Store;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<StoreInput>();
  const save = useSaveStore();

  const onFinish = (input: StoreInput) =>
    save.mutate(
      { id: store?.id, input },
      {
        onSuccess: () => {
          void message.success(store ? t('common.saved') : t('stores.created', { name: input.name }));
          onClose();
        },
      },
    );

  return (
    <Modal
      open={open}
      title={store ? t('stores.edit') : t('stores.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<StoreInput>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={store ?? { status: 'open' }}
        onFinish={onFinish}
      >
        <Form.Item
          name="name"
          label={t('stores.name')}
          rules={[{ required: true, whitespace: true, message: t('stores.nameRequired') }]}
        >
          <Input maxLength={60} placeholder={t('stores.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="address" label={t('stores.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="phone" label={t('stores.phone')}>
          <Input maxLength={30} />
        </Form.Item>
        {store && (
          <Form.Item name="status" label={t('common.status')}>
            <Radio.Group
              options={[
                { value: 'open', label: t('stores.status.open') },
                { value: 'closed', label: t('stores.status.closed') },
              ]}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
