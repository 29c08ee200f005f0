import type { Buyer, Product } from '@kaquan/contracts';
import { Form, Input } from 'antd-mobile';
import { useT } from '../../i18n/index.tsx';
import { MAINLAND_MOBILE } from '../../lib/phone.ts';

export type BuyerNeeds = Product['buyerNeeds'];

const RANK: Record<BuyerNeeds, number> = { none: 0, name_phone: 1, address: 2 };

/** An order asks for the most any of its products needs: an address beats name + phone beats nothing. */
export function strongestNeeds(products: Pick<Product, 'buyerNeeds'>[]): BuyerNeeds {
  return products.reduce<BuyerNeeds>(
    (most, p) => (RANK[p.buyerNeeds] > RANK[most] ? p.buyerNeeds : most),
    'none',
  );
}

/** Only the fields this order needs, trimmed. */
export function pickBuyer(needs: BuyerNeeds, values: Buyer): Buyer {
  if (needs === 'none') return {};
  const contact = { name: values.name?.trim(), phone: values.phone?.trim() };
  if (needs === 'name_phone') return contact;
  return { ...contact, region: values.region?.trim(), address: values.address?.trim() };
}

interface Props {
  needs: BuyerNeeds;
  form: ReturnType<typeof Form.useForm<Buyer>>[0];
  initial: Buyer;
}

/** 收货信息 (an address) or 联系人 (name + phone), as the products ask; nothing for products that need neither. */
export function BuyerForm({ needs, form, initial }: Props) {
  const t = useT();
  if (needs === 'none') return null;
  return (
    <Form
      form={form}
      className="kq-buyer-form"
      layout="horizontal"
      mode="card"
      initialValues={initial}
      requiredMarkStyle="none"
    >
      <Form.Header>{needs === 'address' ? t('buyer.addressTitle') : t('buyer.contactTitle')}</Form.Header>
      <Form.Item
        name="name"
        label={t('buyer.name')}
        rules={[{ required: true, whitespace: true, message: t('buyer.nameRequired') }]}
      >
        <Input placeholder={t('buyer.namePlaceholder')} maxLength={50} clearable />
      </Form.Item>
      <Form.Item
        name="phone"
        label={t('buyer.phone')}
        rules={[
          { required: true, message: t('login.phoneRequired') },
          { pattern: MAINLAND_MOBILE, message: t('login.phoneInvalid') },
        ]}
      >
        <Input
          type="tel"
          inputMode="numeric"
          maxLength={11}
          placeholder={t('login.phonePlaceholder')}
          clearable
        />
      </Form.Item>
      {needs === 'address' && (
        <>
          <Form.Item
            name="region"
            label={t('buyer.region')}
            rules={[{ required: true, whitespace: true, message: t('buyer.regionRequired') }]}
          >
            <Input placeholder={t('buyer.regionPlaceholder')} maxLength={50} clearable />
          </Form.Item>
          <Form.Item
            name="address"
            label={t('buyer.address')}
            rules={[{ required: true, whitespace: true, message: t('buyer.addressRequired') }]}
          >
            <Input placeholder={t('buyer.addressPlaceholder')} maxLength={200} clearable />
          </Form.Item>
        </>
      )}
    </Form>
  );
}
