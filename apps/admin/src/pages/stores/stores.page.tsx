import { EditOutlined, PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import type { Store } from '@kaquan/contracts';
import { Button, Card, Input, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { canManageStores } from '../../auth/auth.ts';
import { useSession } from '../../auth/session.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { usePaging } from '../../components/paging.ts';
import { useT } from '../../i18n/i18n.tsx';
import { StoreFormModal } from './store-form-modal.tsx';
import { StoreQrDownload, StoreQrModal } from './store-qr-modal.tsx';
import { useStores } from './stores.api.ts';

type Editing = { store?: Store } | null;

export default function StoresPage() {
  const t = useT();
  const role = useSession().user.role;
  const canManage = canManageStores(role);
  const [q, setQ] = useState('');
  const { paging, reset, tablePagination } = usePaging();
  const stores = useStores(q, paging);
  const [params] = useSearchParams();
  const [editing, setEditing] = useState<Editing>(() => (canManage && params.has('create') ? {} : null));
  const [qrStore, setQrStore] = useState<Store | null>(null);

  const createButton = canManage && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
      {t('stores.create')}
    </Button>
  );

  const columns: TableColumnsType<Store> = [
    { title: t('stores.name'), dataIndex: 'name' },
    { title: t('stores.address'), dataIndex: 'address', render: (v: string) => v || '—' },
    { title: t('stores.phone'), dataIndex: 'phone', render: (v: string) => v || '—' },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (status: Store['status']) => (
        <Tag color={status === 'open' ? 'green' : 'default'}>{t(`stores.status.${status}`)}</Tag>
      ),
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, store) => (
        <Space size={0} wrap>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing({ store })}>
            {t('common.edit')}
          </Button>
          <Button type="link" size="small" icon={<QrcodeOutlined />} onClick={() => setQrStore(store)}>
            {t('stores.qr')}
          </Button>
          <StoreQrDownload store={store} />
        </Space>
      ),
    });
  }

  const emptyText = q ? t('common.noMatch') : canManage ? t('stores.empty') : t('stores.emptyVerifier');

  return (
    <>
      <PageHeader
        title={t('stores.title')}
        subtitle={canManage ? t('stores.subtitle') : t('stores.subtitleVerifier')}
        extra={createButton}
      />
      <Card>
        <Input.Search
          allowClear
          placeholder={t('stores.search')}
          style={{ maxWidth: 320, marginBottom: 16 }}
          onSearch={(value) => {
            setQ(value.trim());
            reset();
          }}
        />
        <Table<Store>
          rowKey="id"
          columns={columns}
          dataSource={stores.data?.items}
          loading={stores.isFetching}
          pagination={tablePagination(stores.data?.total, t)}
          locale={{ emptyText: <EmptyState text={emptyText} action={!q && createButton} /> }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      {editing && <StoreFormModal open store={editing.store} onClose={() => setEditing(null)} />}
      <StoreQrModal store={qrStore} onClose={() => setQrStore(null)} />
    </>
  );
}
