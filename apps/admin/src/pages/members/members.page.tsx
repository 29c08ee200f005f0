import { PlusOutlined } from '@ant-design/icons';
import type { Member } from '@kaquan/contracts';
import { Button, Card, Input, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { EmptyState } from '../../components/empty-state.tsx';
import { useFormatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { usePaging } from '../../components/paging.ts';
import { useT } from '../../i18n/i18n.tsx';
import { MemberFormModal } from './member-form-modal.tsx';
import { useMembers } from './members.api.ts';

export default function MembersPage() {
  const t = useT();
  const formatInstant = useFormatInstant();
  const [q, setQ] = useState('');
  const { paging, reset, tablePagination } = usePaging();
  const members = useMembers(q, paging);
  const [params] = useSearchParams();
  const [creating, setCreating] = useState(() => params.has('create'));

  const createButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
      {t('members.create')}
    </Button>
  );

  const columns: TableColumnsType<Member> = [
    { title: t('members.name'), dataIndex: 'name', render: (v: string) => v || '—' },
    { title: t('members.phone'), dataIndex: 'phone' },
    { title: t('members.externalId'), dataIndex: 'externalId', render: (v: string | null) => v ?? '—' },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (status: Member['status']) => (
        <Tag color={status === 'active' ? 'green' : 'red'}>{t(`members.status.${status}`)}</Tag>
      ),
    },
    { title: t('members.joinedAt'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v) },
  ];

  return (
    <>
      <PageHeader title={t('members.title')} subtitle={t('members.subtitle')} extra={createButton} />
      <Card>
        <Input.Search
          allowClear
          enterButton
          placeholder={t('members.search')}
          style={{ maxWidth: 400, marginBottom: 16 }}
          onSearch={(value) => {
            setQ(value.trim());
            reset();
          }}
        />
        <Table<Member>
          rowKey="id"
          columns={columns}
          dataSource={members.data?.items}
          loading={members.isFetching}
          pagination={tablePagination(members.data?.total, t)}
          locale={{
            emptyText: (
              <EmptyState text={q ? t('common.noMatch') : t('members.empty')} action={!q && createButton} />
            ),
          }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      {creating && <MemberFormModal onClose={() => setCreating(false)} />}
    </>
  );
}
