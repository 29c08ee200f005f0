import { Alert, App, Form, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { ApiError, randomKey } from '../../api/client.ts';
import { useT } from '../../i18n/i18n.tsx';
import { MemberPicker } from '../members/member-picker.tsx';
import { TemplatePicker } from '../voucher-templates/template-picker.tsx';
import { type GrantInput, useGrantVouchers } from './vouchers.api.ts';

/** Refusals that belong to one field are shown under it; anything else above the form. */
const FIELD_OF_ERROR: Record<string, keyof GrantInput> = {
  TEMPLATE_NOT_ACTIVE: 'templateId',
  TEMPLATE_VALIDITY_OVER: 'templateId',
  VOUCHER_LIMIT_REACHED: 'count',
};

export function VoucherGrantModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<GrantInput>();
  // One key for this opening of the form: submitting again after a lost answer replays the grant.
  const [idempotencyKey] = useState(randomKey);
  const grant = useGrantVouchers(idempotencyKey);
  const [formError, setFormError] = useState<string | null>(null);

  const onFinish = (input: GrantInput) => {
    setFormError(null);
    grant.mutate(input, {
      onSuccess: (vouchers) => {
        void message.success(t('vouchers.granted', { n: vouchers.length, title: vouchers[0]?.title ?? '' }));
        onClose();
      },
      onError: (err) => {
        const code = err instanceof ApiError ? err.code : '';
        const field = FIELD_OF_ERROR[code];
        if (field) form.setFields([{ name: field, errors: [err.message] }]);
        // The server's not-found message names the missing thing in English; say it plainly instead.
        else setFormError(code === 'NOT_FOUND' ? t('vouchers.grantNotFound') : err.message);
      },
    });
  };

  return (
    <Modal
      open
      title={t('vouchers.grantTitle')}
      okText={t('vouchers.grant')}
      cancelText={t('common.cancel')}
      confirmLoading={grant.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Form<GrantInput>
        form={form}
        name="grant"
        layout="vertical"
        initialValues={{ count: 1 }}
        onFinish={onFinish}
      >
        <Form.Item
          name="templateId"
          label={t('vouchers.template')}
          extra={t('vouchers.templateIdHelp')}
          rules={[{ required: true, message: t('vouchers.templateRequired') }]}
        >
          <TemplatePicker />
        </Form.Item>
        <Form.Item
          name="memberId"
          label={t('vouchers.member')}
          rules={[{ required: true, message: t('vouchers.memberRequired') }]}
        >
          <MemberPicker />
        </Form.Item>
        <Form.Item
          name="count"
          label={t('vouchers.count')}
          extra={t('vouchers.countHelp')}
          rules={[{ required: true, message: t('vouchers.countRequired') }]}
        >
          <InputNumber min={1} max={100} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
