import type { Product } from '@kaquan/contracts';
import { App, Button, Divider, Drawer, Flex, Form } from 'antd';
import { useRef, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { useT } from '../../i18n/i18n.tsx';
import { ProductBasicFields } from './product-basic-fields.tsx';
import { ProductCommissionFields } from './product-commission-fields.tsx';
import { type ProductFormValues, toFormValues, toProductInput } from './product-form.ts';
import { ProductPricingFields } from './product-pricing-fields.tsx';
import { useSaveProduct } from './products.api.ts';

function Section({ title }: { title: string }) {
  return (
    <Divider titlePlacement="start" style={{ marginTop: 8 }}>
      {title}
    </Divider>
  );
}

/** Create a product (product undefined) or edit one, in a drawer wide enough for the rates. */
export function ProductFormDrawer({ product, onClose }: { product?: Product; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProductFormValues>();
  const [initialValues] = useState(() => toFormValues(product));
  const type = Form.useWatch('type', form) ?? initialValues.type;
  const svipAllowed = Form.useWatch('svipAllowed', form) ?? initialValues.svipAllowed;
  const commissionEnabled = Form.useWatch('commissionEnabled', form) ?? initialValues.commissionEnabled;
  const save = useSaveProduct();
  const [refusal, setRefusal] = useState<string | null>(null);
  const top = useRef<HTMLDivElement>(null);

  const onFinish = (values: ProductFormValues) => {
    setRefusal(null);
    save.mutate(
      { id: product?.id, input: toProductInput(values) },
      {
        onSuccess: (saved) => {
          void message.success(product ? t('common.saved') : t('products.created', { name: saved.name }));
          onClose();
        },
        onError: (err) => {
          if (err instanceof ApiError && err.code === 'PRODUCT_TYPE_UNAVAILABLE') {
            setRefusal(err.message);
            top.current?.scrollIntoView({ block: 'start' });
          } else if (!(err instanceof ApiError && err.status === 401)) {
            void message.error(err.message);
          }
        },
      },
    );
  };

  return (
    <Drawer
      open
      size={720}
      title={product ? t('products.edit') : t('products.create')}
      onClose={onClose}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form<ProductFormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={onFinish}
        onValuesChange={(changed) => {
          if ('type' in changed) setRefusal(null);
        }}
        scrollToFirstError
      >
        <div ref={top} />
        <Section title={t('products.section.basic')} />
        <ProductBasicFields editing={!!product} type={type} refusal={refusal} />
        <Section title={t('products.section.pricing')} />
        <ProductPricingFields svipAllowed={svipAllowed} />
        <Section title={t('products.section.commission')} />
        <ProductCommissionFields type={type} enabled={commissionEnabled} />
      </Form>
    </Drawer>
  );
}
