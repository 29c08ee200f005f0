import { App, Form, Input, Modal } from 'antd';
import { useT } from '../../i18n/i18n.tsx';
import { type MemberInput, useCreateMember } from './members.api.ts';

/** Blank optional fields are left out rather than sent as empty strings. */
function compact(input: MemberInput): MemberInput {
  return {
    phone: input.phone.trim(),
    ...(input.name?.trim() ? { name: input.name.trim() } : {}),
    ...(input.externalId?.trim() ? { externalId: input.externalId.trim() } : {}),
  };
}

export function MemberFormModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<MemberInput>();
  const create = useCreateMember();

  const onFinish = (values: MemberInput) =>
    create.mutate(compact(values), {
      onSuccess: (member) => {
        void message.success(t('members.created', { phone: member.phone }));
        onClose();
      },
    });

  return (
    <Modal
      open
      title={t('members.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form<MemberInput> form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="phone"
          label={t('members.phone')}
          rules={[
            { required: true, message: t('members.phoneRequired') },
            { pattern: /^1[3-9][0-9]{9}$/, message: t('members.phoneInvalid') },
          ]}
        >
          <Input maxLength={11} inputMode="tel" placeholder="13800000000" />
        </Form.Item>
        <Form.Item name="name" label={t('members.name')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="externalId" label={t('members.externalId')} extra={t('members.externalIdHelp')}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
