import type { ProductCategory } from '@kaquan/contracts';
import { App, Form, Input, InputNumber, Modal } from 'antd';
import { useT } from '../../i18n/i18n.tsx';
import { type CategoryInput, useSaveCategory } from './product-categories.api.ts';

interface FormValues {
  name: string;
  sort?: number | null;
}

/** Create a category (category undefined) or rename and re-sort one. */
export function CategoryFormModal({
  category,
  nextSort,
  onClose,
}: {
  category?: ProductCategory;
  nextSort: number;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const save = useSaveCategory();

  const onFinish = (values: FormValues) => {
    const input: CategoryInput = { name: values.name.trim(), sort: values.sort ?? 0 };
    save.mutate(
      { id: category?.id, input },
      {
        onSuccess: () => {
          void message.success(category ? t('common.saved') : t('categories.created', { name: input.name! }));
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      open
      title={category ? t('categories.edit') : t('categories.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={category ? { name: category.name, sort: category.sort } : { sort: nextSort }}
        onFinish={onFinish}
      >
        <Form.Item
          name="name"
          label={t('categories.name')}
          rules={[{ required: true, whitespace: true, message: t('categories.nameRequired') }]}
        >
          <Input maxLength={60} placeholder={t('categories.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="sort" label={t('categories.sort')} extra={t('categories.sortHelp')}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
