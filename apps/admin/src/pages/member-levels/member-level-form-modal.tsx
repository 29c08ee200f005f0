import type { MemberLevel } from '@kaquan/contracts';
import { App, Form, Input, InputNumber, Modal } from 'antd';
import { useLang, useT } from '../../i18n/i18n.tsx';
import { discountLabel, type LevelInput, useSaveMemberLevel } from './member-levels.api.ts';

export function MemberLevelFormModal({ level, onClose }: { level?: MemberLevel; onClose: () => void }) {
  const t = useT();
  const [lang] = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<LevelInput>();
  const percent = Form.useWatch('discountPercent', form) ?? level?.discountPercent ?? 0;
  const save = useSaveMemberLevel();

  const onFinish = (values: LevelInput) => {
    const input = { name: values.name.trim(), discountPercent: values.discountPercent ?? 0 };
    save.mutate(
      { id: level?.id, input },
      {
        onSuccess: () => {
          void message.success(level ? t('common.saved') : t('levels.created', { name: input.name }));
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      open
      title={level ? t('levels.edit') : t('levels.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form<LevelInput>
        form={form}
        layout="vertical"
        initialValues={level ?? { discountPercent: 5 }}
        onFinish={onFinish}
      >
        <Form.Item
          name="name"
          label={t('levels.name')}
          rules={[{ required: true, whitespace: true, message: t('levels.nameRequired') }]}
        >
          <Input maxLength={60} placeholder={t('levels.namePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="discountPercent"
          label={t('levels.discountPercent')}
          extra={t('levels.discountExample', {
            percent,
            label: discountLabel(percent, lang) ?? t('levels.noDiscount'),
          })}
          rules={[{ required: true, message: t('levels.discountRequired') }]}
        >
          <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
