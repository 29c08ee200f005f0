import { Col, Form, InputNumber, Row, Switch } from 'antd';
import type { MessageKey } from '../../i18n/i18n.tsx';
import { useT } from '../../i18n/i18n.tsx';
import type { ProductFormValues } from './product-form.ts';

const MAX_YUAN = 10_000_000;

const DISCOUNTS: { name: keyof ProductFormValues; label: MessageKey; help: MessageKey }[] = [
  { name: 'couponAllowed', label: 'products.couponAllowed', help: 'products.couponAllowedHelp' },
  { name: 'pointsAllowed', label: 'products.pointsAllowed', help: 'products.pointsAllowedHelp' },
  {
    name: 'memberPriceAllowed',
    label: 'products.memberPriceAllowed',
    help: 'products.memberPriceAllowedHelp',
  },
  { name: 'svipAllowed', label: 'products.svipAllowed', help: 'products.svipAllowedHelp' },
];

export function YuanInput(props: {
  id?: string;
  value?: number | null;
  onChange?: (v: number | null) => void;
}) {
  return (
    <InputNumber
      {...props}
      prefix="¥"
      min={0}
      max={MAX_YUAN}
      precision={2}
      step={1}
      style={{ width: '100%' }}
    />
  );
}

/** Price, stock, on-sale, and which discounts the product takes (with the SVIP price). */
export function ProductPricingFields({ svipAllowed }: { svipAllowed: boolean }) {
  const t = useT();
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} sm={8}>
          <Form.Item
            name="price"
            label={t('products.price')}
            rules={[{ required: true, message: t('products.priceRequired') }]}
          >
            <YuanInput />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item
            name="stock"
            label={t('products.stock')}
            rules={[{ required: true, message: t('products.stockRequired') }]}
          >
            <InputNumber min={0} max={100_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="onSale" label={t('products.onSale')} valuePropName="checked">
            <Switch
              checkedChildren={t('products.onSale.true')}
              unCheckedChildren={t('products.onSale.false')}
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        {DISCOUNTS.map((d) => (
          <Col xs={24} sm={12} key={d.name}>
            <Form.Item name={d.name} label={t(d.label)} extra={t(d.help)} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        ))}
      </Row>
      {svipAllowed && (
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="svipPrice"
              label={t('products.svipPrice')}
              extra={t('products.svipPriceHelp')}
              dependencies={['price']}
              rules={[
                { required: true, message: t('products.svipPriceRequired') },
                ({ getFieldValue }) => ({
                  validator: (_, value: number | null) => {
                    const price: number | null = getFieldValue('price');
                    return value === null || value === undefined || price === null || value < price
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('products.svipPriceTooHigh')));
                  },
                }),
              ]}
            >
              <YuanInput />
            </Form.Item>
          </Col>
        </Row>
      )}
    </>
  );
}
