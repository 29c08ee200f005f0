import type { ApiKeyScope } from '@kaquan/contracts';
import { Alert, Button, Checkbox, Flex, Form, Input, Modal, Typography } from 'antd';
import { CopyButton } from '../../components/copy-button.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { API_KEY_SCOPES, useCreateApiKey } from './api-keys.api.ts';

interface CreateForm {
  name: string;
  scopes: ApiKeyScope[];
}

export function ApiKeyCreateModal({
  onCreated,
  onClose,
}: {
  onCreated: (secret: string) => void;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<CreateForm>();
  const create = useCreateApiKey();

  return (
    <Modal
      open
      title={t('apiKeys.create')}
      okText={t('apiKeys.createOk')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form<CreateForm>
        form={form}
        layout="vertical"
        initialValues={{ scopes: [] }}
        onFinish={(values) => create.mutate(values, { onSuccess: (r) => onCreated(r.secret) })}
      >
        <Form.Item
          name="name"
          label={t('apiKeys.name')}
          extra={t('apiKeys.nameHelp')}
          rules={[{ required: true, whitespace: true, message: t('apiKeys.nameRequired') }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="scopes"
          label={t('apiKeys.scopes')}
          rules={[{ required: true, type: 'array', min: 1, message: t('apiKeys.scopesRequired') }]}
        >
          <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            {API_KEY_SCOPES.map((scope) => (
              <Checkbox key={scope} value={scope}>
                <Typography.Text code>{scope}</Typography.Text> {t(`apiKeys.scope.${scope}`)}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The secret exists only in this answer: the server keeps a hash, so the modal insists it is copied now. */
export function ApiKeySecretModal({ secret, onClose }: { secret: string; onClose: () => void }) {
  const t = useT();
  return (
    <Modal
      open
      title={t('apiKeys.secretTitle')}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('apiKeys.secretDone')}
        </Button>
      }
    >
      <Flex vertical gap={16}>
        <Alert type="warning" showIcon title={t('apiKeys.secretWarning')} />
        <div
          data-testid="api-key-secret"
          style={{
            fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
            fontSize: 14,
            wordBreak: 'break-all',
            padding: '8px 12px',
            border: '1px solid rgba(0,0,0,0.15)',
            borderRadius: 6,
            background: 'rgba(0,0,0,0.03)',
            userSelect: 'all',
          }}
        >
          {secret}
        </div>
        <div>
          <CopyButton text={secret} label={t('apiKeys.copySecret')} />
        </div>
        <Typography.Text type="secondary">{t('apiKeys.secretUsage')}</Typography.Text>
      </Flex>
    </Modal>
  );
}
