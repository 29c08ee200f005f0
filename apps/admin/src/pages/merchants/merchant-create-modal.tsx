import { App, Divider, Form, Input, Modal, Select } from 'antd';
import { timeZoneOptions } from '../../components/format.ts';
import { useT } from '../../i18n/i18n.tsx';
import { loginRules } from '../staff/staff.api.ts';
import { type MerchantInput, useCreateMerchant } from './merchants.api.ts';

interface FormValues {
  name: string;
  slug?: string;
  timeZone: string;
  ownerLogin: string;
  ownerName: string;
  ownerPassword: string;
}

export function MerchantCreateModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateMerchant();

  const onFinish = (v: FormValues) => {
    const input: MerchantInput = {
      name: v.name.trim(),
      ...(v.slug?.trim() ? { slug: v.slug.trim() } : {}),
      timeZone: v.timeZone,
      owner: { login: v.ownerLogin.trim(), name: v.ownerName.trim(), password: v.ownerPassword },
    };
    create.mutate(input, {
      onSuccess: ({ merchant }) => {
        void message.success(t('merchants.created', { name: merchant.name }));
        onClose();
      },
    });
  };

  return (
    <Modal
      open
      title={t('merchants.create')}
      okText={t('merchants.createOk')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={560}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ timeZone: 'Asia/Shanghai' }}
        onFinish={onFinish}
      >
        <Form.Item
          name="name"
          label={t('merchant.name')}
          rules={[{ required: true, whitespace: true, message: t('merchant.nameRequired') }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="slug"
          label={t('merchant.slug')}
          extra={t('merchants.slugHelp')}
          rules={[{ pattern: /^[a-z0-9][a-z0-9-]{1,31}$/, message: t('merchants.slugInvalid') }]}
        >
          <Input maxLength={32} placeholder="my-shop" />
        </Form.Item>
        <Form.Item name="timeZone" label={t('merchant.timeZone')}>
          <Select showSearch options={timeZoneOptions()} />
        </Form.Item>
        <Divider titlePlacement="start" plain>
          {t('merchants.ownerSection')}
        </Divider>
        <Form.Item
          name="ownerLogin"
          label={t('merchants.ownerLogin')}
          extra={t('staff.loginHelp')}
          rules={loginRules(t)}
        >
          <Input maxLength={120} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="ownerName"
          label={t('merchants.ownerName')}
          rules={[{ required: true, whitespace: true, message: t('staff.nameRequired') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="ownerPassword"
          label={t('merchants.ownerPassword')}
          extra={t('staff.passwordHelp')}
          rules={[
            { required: true, message: t('staff.passwordRequired') },
            { min: 8, message: t('staff.passwordMin') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
