import { Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select, Switch } from 'antd';
import { useT } from '../../i18n/i18n.tsx';
import { useStoreOptions } from '../stores/stores.api.ts';
import { type TemplateFormValues, WEEKDAYS } from './template-form.ts';

/** How the voucher may be used: validity, weekdays, stores, limits and the member-facing contact texts. */
export function TemplateRuleFields() {
  const t = useT();
  const stores = useStoreOptions();
  const validityKind = Form.useWatch<TemplateFormValues['validityKind']>('validityKind');
  const allStores = Form.useWatch<boolean>('allStores');
  return (
    <>
      <Form.Item name="validityKind" label={t('templates.validity')}>
        <Radio.Group
          options={[
            { value: 'relative', label: t('templates.validity.relative') },
            { value: 'fixed', label: t('templates.validity.fixed') },
          ]}
        />
      </Form.Item>
      {validityKind === 'fixed' ? (
        <Form.Item
          name="validRange"
          label={t('templates.validRange')}
          rules={[{ required: true, message: t('templates.validRangeRequired') }]}
        >
          <DatePicker.RangePicker />
        </Form.Item>
      ) : (
        <Form.Item
          name="validDays"
          label={t('templates.validDays')}
          rules={[{ required: true, message: t('templates.validDaysRequired') }]}
        >
          <InputNumber min={1} max={3650} precision={0} suffix={t('templates.days')} style={{ width: 160 }} />
        </Form.Item>
      )}
      <Form.Item
        name="useWeek"
        label={t('templates.useWeek')}
        rules={[{ required: true, type: 'array', min: 1, message: t('templates.useWeekRequired') }]}
      >
        <Checkbox.Group options={WEEKDAYS.map((d) => ({ value: d, label: t(`templates.weekday.${d}`) }))} />
      </Form.Item>
      <Form.Item name="allStores" label={t('templates.stores')}>
        <Radio.Group
          options={[
            { value: true, label: t('templates.stores.all') },
            { value: false, label: t('templates.stores.chosen') },
          ]}
        />
      </Form.Item>
      {allStores === false && (
        <Form.Item
          name="storeIds"
          label={t('templates.storeIds')}
          rules={[{ required: true, type: 'array', min: 1, message: t('templates.storeIdsRequired') }]}
        >
          <Select
            mode="multiple"
            loading={stores.isPending}
            options={stores.data?.map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
      )}
      <Form.Item
        name="perMemberLimit"
        label={t('templates.perMemberLimit')}
        extra={t('templates.perMemberLimitHelp')}
      >
        <InputNumber min={0} max={100_000} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item
        name="isGiving"
        label={t('templates.isGiving')}
        valuePropName="checked"
        extra={t('templates.isGivingHelp')}
      >
        <Switch />
      </Form.Item>
      <Form.Item
        name="isSelf"
        label={t('templates.isSelf')}
        valuePropName="checked"
        extra={t('templates.isSelfHelp')}
      >
        <Switch />
      </Form.Item>
      <Form.Item
        name="servicePhone"
        label={t('templates.servicePhone')}
        rules={[
          { required: true, whitespace: true, message: t('templates.servicePhoneRequired') },
          { pattern: /^\+?[0-9][0-9 ()-]{1,28}[0-9]$/, message: t('templates.servicePhoneInvalid') },
        ]}
      >
        <Input maxLength={30} placeholder="021-60000000" />
      </Form.Item>
      <Form.Item name="claimNotice" label={t('templates.claimNotice')}>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
    </>
  );
}
