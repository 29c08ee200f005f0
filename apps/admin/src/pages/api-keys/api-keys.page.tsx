import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import type { ApiKey } from '@kaquan/contracts';
import { App, Button, Card, Popconfirm, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { EmptyState } from '../../components/empty-state.tsx';
import { useFormatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { usePaging } from '../../components/paging.ts';
import { useT } from '../../i18n/i18n.tsx';
import { ApiKeyCreateModal, ApiKeySecretModal } from './api-key-modals.tsx';
import { useApiKeys, useRevokeApiKey } from './api-keys.api.ts';

export default function ApiKeysPage() {
  const t = useT();
  const { message } = App.useApp();
  const formatInstant = useFormatInstant();
  const { paging, tablePagination } = usePaging();
  const keys = useApiKeys(paging);
  const revoke = useRevokeApiKey();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  const createButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
      {t('apiKeys.create')}
    </Button>
  );

  const columns: TableColumnsType<ApiKey> = [
    { title: t('apiKeys.name'), dataIndex: 'name' },
    {
      title: t('apiKeys.prefix'),
      dataIndex: 'prefix',
      render: (v: string) => <Typography.Text code>{v}…</Typography.Text>,
    },
    {
      title: t('apiKeys.scopes'),
      dataIndex: 'scopes',
      render: (scopes: ApiKey['scopes']) => (
        <Space size={[0, 4]} wrap>
          {scopes.map((s) => (
            <Tag key={s}>{s}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('apiKeys.lastUsed'),
      dataIndex: 'lastUsedAt',
      render: (v: string | null) => (v ? formatInstant(v) : t('apiKeys.neverUsed')),
    },
    {
      title: t('common.status'),
      dataIndex: 'revokedAt',
      render: (v: string | null) =>
        v ? (
          <Tag color="red">{t('apiKeys.revokedAt', { at: formatInstant(v) })}</Tag>
        ) : (
          <Tag color="green">{t('apiKeys.active')}</Tag>
        ),
    },
    { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, key) =>
        !key.revokedAt && (
          <Popconfirm
            title={t('apiKeys.revokeConfirm', { name: key.name })}
            description={t('apiKeys.revokeHelp')}
            okText={t('apiKeys.revoke')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              revoke.mutateAsync(key.id).then(() => void message.success(t('apiKeys.revoked')))
            }
          >
            <Button size="small" danger icon={<StopOutlined />}>
              {t('apiKeys.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t('apiKeys.title')} subtitle={t('apiKeys.subtitle')} extra={createButton} />
      <Card>
        <Table<ApiKey>
          rowKey="id"
          columns={columns}
          dataSource={keys.data?.items}
          loading={keys.isFetching}
          pagination={tablePagination(keys.data?.total, t)}
          locale={{ emptyText: <EmptyState text={t('apiKeys.empty')} action={createButton} /> }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      {creating && (
        <ApiKeyCreateModal
          onClose={() => setCreating(false)}
          onCreated={(s) => {
            setCreating(false);
            setSecret(s);
          }}
        />
      )}
      {secret && <ApiKeySecretModal secret={secret} onClose={() => setSecret(null)} />}
    </>
  );
}
