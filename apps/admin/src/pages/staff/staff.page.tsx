import { EditOutlined, PlusOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons';
import type { StaffUser } from '@kaquan/contracts';
import { App, Button, Card, Input, Popconfirm, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useSession } from '../../auth/session.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { usePaging } from '../../components/paging.ts';
import { useT } from '../../i18n/i18n.tsx';
import { useStoreOptions } from '../stores/stores.api.ts';
import { assignableRoles, useSetStaffAccess, useStaff } from './staff.api.ts';
import { StaffFormModal } from './staff-form-modal.tsx';

const ROLE_COLORS = { operator: 'purple', owner: 'gold', manager: 'blue', verifier: 'cyan' } as const;

export default function StaffPage() {
  const t = useT();
  const { message } = App.useApp();
  const me = useSession().user;
  const roles = assignableRoles(me.role);
  const [q, setQ] = useState('');
  const { paging, reset, tablePagination } = usePaging();
  const staff = useStaff(q, paging);
  const stores = useStoreOptions();
  const setAccess = useSetStaffAccess();
  const [editing, setEditing] = useState<{ staff?: StaffUser } | null>(null);
  const storeName = (id: number) => stores.data?.find((s) => s.id === id)?.name ?? `#${id}`;
  const canChange = (u: StaffUser) => u.id !== me.id && roles.includes(u.role);

  const createButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
      {me.role === 'manager' ? t('staff.createVerifier') : t('staff.create')}
    </Button>
  );

  const columns: TableColumnsType<StaffUser> = [
    { title: t('staff.login'), dataIndex: 'login' },
    { title: t('staff.name'), dataIndex: 'name' },
    {
      title: t('staff.role'),
      dataIndex: 'role',
      render: (role: StaffUser['role']) => <Tag color={ROLE_COLORS[role]}>{t(`role.${role}`)}</Tag>,
    },
    {
      title: t('staff.scope'),
      key: 'scope',
      render: (_, u) =>
        u.allStores ? (
          <Tag>{t('staff.scope.all')}</Tag>
        ) : u.storeIds.length === 0 ? (
          <Tag color="warning">{t('staff.scope.none')}</Tag>
        ) : (
          <Space size={[0, 4]} wrap>
            {u.storeIds.map((id) => (
              <Tag key={id}>{storeName(id)}</Tag>
            ))}
          </Space>
        ),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (status: StaffUser['status']) => (
        <Tag color={status === 'active' ? 'green' : 'red'}>{t(`staff.status.${status}`)}</Tag>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, u) =>
        canChange(u) && (
          <Space size={4}>
            <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ staff: u })}>
              {t('common.edit')}
            </Button>
            <Popconfirm
              title={
                u.status === 'active'
                  ? t('staff.revokeConfirm', { name: u.name })
                  : t('staff.restoreConfirm', { name: u.name })
              }
              description={u.status === 'active' ? t('staff.revokeHelp') : undefined}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: u.status === 'active' }}
              onConfirm={() =>
                setAccess
                  .mutateAsync({ id: u.id, action: u.status === 'active' ? 'revoke' : 'restore' })
                  .then((r) => {
                    void message.success(r.status === 'active' ? t('staff.restored') : t('staff.revoked'));
                  })
              }
            >
              {u.status === 'active' ? (
                <Button size="small" danger icon={<StopOutlined />}>
                  {t('staff.revoke')}
                </Button>
              ) : (
                <Button size="small" icon={<UndoOutlined />}>
                  {t('staff.restore')}
                </Button>
              )}
            </Popconfirm>
          </Space>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t('staff.title')} subtitle={t('staff.subtitle')} extra={createButton} />
      <Card>
        <Input.Search
          allowClear
          placeholder={t('staff.search')}
          style={{ maxWidth: 320, marginBottom: 16 }}
          onSearch={(value) => {
            setQ(value.trim());
            reset();
          }}
        />
        <Table<StaffUser>
          rowKey="id"
          columns={columns}
          dataSource={staff.data?.items}
          loading={staff.isFetching}
          pagination={tablePagination(staff.data?.total, t)}
          locale={{
            emptyText: (
              <EmptyState text={q ? t('common.noMatch') : t('staff.empty')} action={!q && createButton} />
            ),
          }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      {editing && <StaffFormModal staff={editing.staff} roles={roles} onClose={() => setEditing(null)} />}
    </>
  );
}
