import type { TemplateForReview } from '@kaquan/contracts';
import { App, Form, Input, Modal } from 'antd';
import { useT } from '../../i18n/i18n.tsx';
import { useReviewDecision } from './voucher-review.api.ts';

export function ReviewRejectModal({
  template,
  onClose,
}: {
  template: TemplateForReview;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const decide = useReviewDecision();
  const onFinish = ({ reason }: { reason: string }) =>
    decide.mutate(
      { id: template.id, reason: reason.trim() },
      {
        onSuccess: () => {
          void message.success(t('review.rejected', { title: template.title }));
          onClose();
        },
      },
    );
  return (
    <Modal
      open
      title={t('review.rejectTitle', { title: template.title })}
      okText={t('review.reject')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={decide.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form form={form} name="reject" layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="reason"
          label={t('review.reason')}
          extra={t('review.reasonHelp')}
          rules={[{ required: true, whitespace: true, message: t('review.reasonRequired') }]}
        >
          <Input.TextArea maxLength={200} showCount autoSize={{ minRows: 3, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
