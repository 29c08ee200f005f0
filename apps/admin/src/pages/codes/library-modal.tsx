import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../../i18n/i18n.tsx';
import {
  type CodeFormat,
  type CodeLibrary,
  useCreateLibrary,
  useExchangeTemplates,
  useRewardProducts,
  useUpdateLibrary,
} from './codes.api.ts';

interface Values {
  name: string;
  format: CodeFormat;
  templateId: number;
  reward: { productId: number; quantity: number }[];
  validity?: [Dayjs | null, Dayjs | null];
}

const initialValuesOf = (library?: CodeLibrary) =>
  library
    ? {
        name: library.name,
        format: library.format,
        templateId: library.templateId,
        reward: library.reward,
        validity:
          library.validFrom || library.validUntil
            ? [
                library.validFrom ? dayjs(library.validFrom) : null,
                library.validUntil ? dayjs(library.validUntil) : null,
              ]
            : undefined,
      }
    : { format: 'mixed', reward: [{ quantity: 1 }] };

/**
 * A new code library (library undefined): its format (S0.2), the reward and its validity; or an
 * existing one, whose name, reward and validity can change while its format and template stay.
 */
export function LibraryModal({
  open,
  library,
  onClose,
}: {
  open: boolean;
  library?: CodeLibrary;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const templates = useExchangeTemplates();
  const products = useRewardProducts();
  const create = useCreateLibrary();
  const update = useUpdateLibrary();

  const submit = async (v: Values) => {
    const validFrom = v.validity?.[0]?.toISOString() ?? null;
    const validUntil = v.validity?.[1]?.toISOString() ?? null;
    if (library) {
      await update.mutateAsync({
        id: library.id,
        patch: { name: v.name, reward: v.reward, validFrom, validUntil },
      });
      void message.success(t('codes.library.saved'));
    } else {
      await create.mutateAsync({
        name: v.name,
        format: v.format,
        templateId: v.templateId,
        reward: v.reward,
        validFrom,
        validUntil,
      });
      void message.success(t('codes.library.created'));
    }
    form.resetFields();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={library ? t('codes.library.edit', { name: library.name }) : t('codes.library.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValuesOf(library)}
        onFinish={(v) => void submit(v).catch(() => {})}
      >
        <Form.Item
          name="name"
          label={t('codes.library.name')}
          rules={[{ required: true, message: t('codes.library.nameRequired') }]}
        >
          <Input maxLength={60} placeholder={t('codes.library.namePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="format"
          label={t('codes.library.format')}
          extra={library ? t('codes.library.formatLocked') : t('codes.library.formatHelp')}
        >
          <Radio.Group disabled={!!library}>
            <Radio.Button value="mixed">{t('codes.format.mixed')}</Radio.Button>
            <Radio.Button value="mixed_clear">{t('codes.format.mixed_clear')}</Radio.Button>
            <Radio.Button value="digits">{t('codes.format.digits')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="templateId"
          label={t('codes.library.template')}
          extra={library ? t('codes.library.templateLocked') : t('codes.library.templateHelp')}
          rules={[{ required: true, message: t('codes.library.templateRequired') }]}
        >
          <Select
            disabled={!!library}
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
