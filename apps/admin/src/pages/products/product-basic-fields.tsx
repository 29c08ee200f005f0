import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ProductType } from '@kaquan/contracts';
import { Alert, Button, Flex, Form, Input, Radio, Select } from 'antd';
import type { MessageKey } from '../../i18n/i18n.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useCategories } from '../product-categories/product-categories.api.ts';
import { ProductThumb } from './product-thumb.tsx';
import { FULFIL_REF_TYPES, PRODUCT_TYPES } from './products.api.ts';

const MAX_IMAGES = 9;
const IMAGE_URL = /^(https?:\/\/|\/)\S+$/;

const FULFIL_REF_LABELS: Partial<Record<ProductType, MessageKey>> = {
  gift_card: 'products.fulfilRef.gift_card',
  card_key: 'products.fulfilRef.card_key',
  voucher: 'products.fulfilRef.voucher',
};

function ImageUrls() {
  const t = useT();
  return (
    <Form.Item label={t('products.images')} extra={t('products.imagesHelp')}>
      <Form.List name="images">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((field, index) => (
              <Flex key={field.key} gap={8} align="flex-start">
                <Form.Item noStyle shouldUpdate={(a, b) => a.images?.[index] !== b.images?.[index]}>
                  {({ getFieldValue }) => {
                    const url: string | undefined = getFieldValue(['images', index]);
                    return <ProductThumb src={url && IMAGE_URL.test(url) ? url : undefined} size={32} />;
                  }}
                </Form.Item>
                <Form.Item
                  name={field.name}
                  style={{ flex: 1, marginBottom: 0 }}
                  rules={[
                    { required: true, whitespace: true, message: t('products.imageRequired') },
                    { pattern: IMAGE_URL, message: t('products.imageInvalid') },
                  ]}
                >
                  <Input
                    maxLength={500}
                    placeholder="https://…"
                    aria-label={t('products.imageN', { n: index + 1 })}
                  />
                </Form.Item>
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={t('products.removeImage')}
                  onClick={() => remove(field.name)}
                />
              </Flex>
            ))}
            {fields.length < MAX_IMAGES && (
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} style={{ width: 200 }}>
                {t('products.addImage')}
              </Button>
            )}
          </Flex>
        )}
      </Form.List>
    </Form.Item>
  );
}

/** Type, name, category, description, images and, for the delivered types, what delivers them. */
export function ProductBasicFields({
  editing,
  type,
  refusal,
}: {
  editing: boolean;
  type: ProductType;
  /** The server's refusal of this type (its fulfilment is not installed), shown under the choice. */
  refusal: string | null;
}) {
  const t = useT();
  const categories = useCategories();
  return (
    <>
      <Form.Item
        name="type"
        label={t('products.type')}
        extra={editing ? t('products.typeFixed') : undefined}
        rules={[{ required: true }]}
      >
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          disabled={editing}
          options={PRODUCT_TYPES.map((value) => ({ value, label: t(`products.type.${value}`) }))}
        />
      </Form.Item>
      {refusal ? (
        <Alert
          type="error"
          showIcon
          title={refusal}
          description={t('products.typeUnavailableHelp', { type: t(`products.type.${type}`) })}
          style={{ marginBottom: 24 }}
        />
      ) : (
        <Alert type="info" showIcon title={t(`products.typeHelp.${type}`)} style={{ marginBottom: 24 }} />
      )}
      <Form.Item
        name="name"
        label={t('products.name')}
        rules={[{ required: true, whitespace: true, message: t('products.nameRequired') }]}
      >
        <Input maxLength={100} placeholder={t('products.namePlaceholder')} />
      </Form.Item>
      <Form.Item name="categoryId" label={t('products.category')}>
        <Select
          allowClear
          loading={categories.isPending}
          placeholder={t('products.categoryPlaceholder')}
          options={categories.data?.map((c) => ({ value: c.id, label: c.name }))}
          notFoundContent={categories.data?.length === 0 ? t('products.noCategories') : undefined}
        />
      </Form.Item>
      {FULFIL_REF_TYPES.includes(type) && (
        <Form.Item
          name="fulfilRef"
          label={t(FULFIL_REF_LABELS[type]!)}
          extra={t('products.fulfilRefHelp')}
          rules={[{ required: true, whitespace: true, message: t('products.fulfilRefRequired') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
      )}
      <Form.Item name="description" label={t('products.description')}>
        <Input.TextArea maxLength={5000} autoSize={{ minRows: 3, maxRows: 8 }} />
      </Form.Item>
      <ImageUrls />
    </>
  );
}
