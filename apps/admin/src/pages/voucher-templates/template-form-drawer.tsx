import type { VoucherTemplate } from '@kaquan/contracts';
import { Alert, App, Button, Drawer, Flex, Form, Typography } from 'antd';
import { useState } from 'react';
import { randomKey } from '../../api/client.ts';
import { useT } from '../../i18n/i18n.tsx';
import { TemplateBasicFields } from './template-basic-fields.tsx';
import { TemplateCardPreview } from './template-card-preview.tsx';
import { NEW_TEMPLATE, type TemplateFormValues, toBody, toFormValues } from './template-form.ts';
import { TemplateRuleFields } from './template-rule-fields.tsx';
import { useSaveTemplate } from './voucher-templates.api.ts';

/** Create or edit a template, with the member's view of the card beside the form. */
export function TemplateFormDrawer({
  template,
  onClose,
}: {
  template?: VoucherTemplate;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<TemplateFormValues>();
  const [idempotencyKey] = useState(randomKey);
  const save = useSaveTemplate(idempotencyKey);
  const values = Form.useWatch((v: TemplateFormValues) => v, form) ?? {};

  const onFinish = (v: TemplateFormValues) =>
    save.mutate(
      { id: template?.id, body: toBody(v) },
      {
        onSuccess: (saved) => {
          void message.success(
            t(saved.status === 'pending_review' ? 'templates.savedForReview' : 'templates.saved', {
              title: saved.title,
            }),
          );
          onClose();
        },
      },
    );

  return (
    <Drawer
      open
      size={980}
      title={template ? t('templates.editTitle', { title: template.title }) : t('templates.create')}
      onClose={onClose}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {template ? t('common.save') : t('templates.submit')}
          </Button>
        </Flex>
      }
    >
      <Alert type="info" showIcon title={t('templates.reviewNotice')} style={{ marginBottom: 16 }} />
      <Flex gap={24} align="flex-start">
        <Form<TemplateFormValues>
          form={form}
          name="template"
          layout="vertical"
          initialValues={template ? toFormValues(template) : NEW_TEMPLATE}
          onFinish={onFinish}
          scrollToFirstError
          style={{ flex: 1, minWidth: 0 }}
        >
          <TemplateBasicFields editing={!!template} />
          <TemplateRuleFields />
        </Form>
        <div style={{ position: 'sticky', top: 0, flex: 'none' }}>
          <Typography.Title level={5}>{t('templates.preview.title')}</Typography.Title>
          <TemplateCardPreview values={values} />
        </div>
      </Flex>
    </Drawer>
  );
}
