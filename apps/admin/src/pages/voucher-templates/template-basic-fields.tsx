import { Form, Input, InputNumber, Radio } from 'antd';
import { useT } from '../../i18n/i18n.tsx';
import { TEXT_LIMITS, type TemplateFormValues, textWidth } from './template-form.ts';
import { TemplateImageField } from './template-image-field.tsx';
import { TEMPLATE_KINDS } from './voucher-templates.api.ts';

/** A rule for texts measured in characters, CJK or Latin alike (S2.1). */
function widthRule(max: number, message: string) {
  return {
    validator: (_: unknown, v?: string) =>
      textWidth(v) > max ? Promise.reject(new Error(message)) : Promise.resolve(),
  };
}

/** What the voucher is and is worth: kind, names, the kind's own value fields, conditions, images. */
export function TemplateBasicFields({ editing }: { editing: boolean }) {
  const t = useT();
  const kind = Form.useWatch<TemplateFormValues['kind']>('kind');
  return (
    <>
      <Form.Item
        name="kind"
        label={t('templates.kind')}
        extra={editing ? t('templates.kindFixed') : undefined}
      >
        <Radio.Group
          disabled={editing}
          optionType="button"
          options={TEMPLATE_KINDS.map((k) => ({ value: k, label: t(`vouchers.kind.${k}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="title"
        label={t('templates.title')}
        rules={[
          { required: true, whitespace: true, message: t('templates.titleRequired') },
          widthRule(TEXT_LIMITS.title, t('templates.tooLong', { max: TEXT_LIMITS.title })),
        ]}
      >
        <Input showCount={{ formatter: ({ value }) => `${textWidth(value)} / ${TEXT_LIMITS.title}` }} />
      </Form.Item>
      <Form.Item
        name="merchantName"
        label={t('templates.merchantName')}
        rules={[
          { required: true, whitespace: true, message: t('templates.merchantNameRequired') },
          widthRule(TEXT_LIMITS.merchantName, t('templates.tooLong', { max: TEXT_LIMITS.merchantName })),
        ]}
      >
        <Input
          showCount={{ formatter: ({ value }) => `${textWidth(value)} / ${TEXT_LIMITS.merchantName}` }}
        />
      </Form.Item>
      {kind === 'exchange' && (
        <Form.Item label={t('templates.goods')} required style={{ marginBottom: 0 }}>
          <Form.Item
            name="goodsName"
            rules={[{ required: true, whitespace: true, message: t('templates.goodsRequired') }]}
            style={{ display: 'inline-block', width: 'calc(100% - 128px)', marginRight: 8 }}
          >
            <Input
              maxLength={100}
              placeholder={t('templates.goodsName')}
              aria-label={t('templates.goodsName')}
            />
          </Form.Item>
          <Form.Item
            name="goodsQuantity"
            rules={[{ required: true }]}
            style={{ display: 'inline-block', width: 120 }}
          >
            <InputNumber
              min={1}
              max={10_000}
              precision={0}
              prefix="×"
              aria-label={t('templates.goodsQuantity')}
            />
          </Form.Item>
        </Form.Item>
      )}
      {kind === 'cash' && (
        <>
          <Form.Item
            name="amountYuan"
            label={t('templates.amount')}
            rules={[{ required: true, message: t('templates.amountRequired') }]}
          >
            <InputNumber min={0.01} precision={2} prefix="¥" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            name="thresholdYuan"
            label={t('templates.threshold')}
            extra={t('templates.thresholdHelp')}
          >
            <InputNumber min={0} precision={2} prefix="¥" style={{ width: 200 }} />
          </Form.Item>
        </>
      )}
      {kind === 'discount' && (
        <>
          <Form.Item
            name="percentOff"
            label={t('templates.percentOff')}
            extra={t('templates.percentOffHelp')}
            rules={[{ required: true, message: t('templates.percentOffRequired') }]}
          >
            <InputNumber min={1} max={99} precision={0} suffix="%" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="capYuan" label={t('templates.cap')} extra={t('templates.capHelp')}>
            <InputNumber min={0.01} precision={2} prefix="¥" style={{ width: 200 }} />
          </Form.Item>
        </>
      )}
      <Form.Item
        name="conditions"
        label={t('templates.conditions')}
        rules={[{ required: true, whitespace: true, message: t('templates.conditionsRequired') }]}
      >
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
      <Form.Item name="imageUrl" label={t('templates.image')} extra={t('templates.imageHelp')}>
        <TemplateImageField purpose="voucher-image" />
      </Form.Item>
      <Form.Item name="logoUrl" label={t('templates.logo')} extra={t('templates.logoHelp')}>
        <TemplateImageField purpose="voucher-logo" />
      </Form.Item>
    </>
  );
}
