import { CrownOutlined } from '@ant-design/icons';
import type { Member } from '@kaquan/contracts';
import { Button, Card, Input, Table, type TableColumnsType, Tag } from 'antd';
import { type ReactNode, useState } from 'react';
import { EmptyState } from '../../components/empty-state.tsx';
import { useFormatInstant } from '../../components/format.ts';
import { usePaging } from '../../components/paging.ts';
import { useT } from '../../i18n/i18n.tsx';
import { MemberCommerceDrawer } from './member-commerce-drawer.tsx';
import { useMembers } from './members.api.ts';

/** Members, searchable, each with its level and points one click away. */
export function MemberList({ createButton }: { createButton: ReactNode }) {
  const t = useT();
  const formatInstant = useFormatInstant();
  const [q, setQ] = useState('');
  const { paging, reset, tablePagination } = usePaging();
  const members = useMembers(q, paging);
  const [opened, setOpened] = useState<Member | null>(null);

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
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, member) => (
        <Button size="small" icon={<CrownOutlined />} onClick={() => setOpened(member)}>
          {t('members.commerce')}
        </Button>
      ),
    },
  ];

  return (
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
      {opened && <MemberCommerceDrawer member={opened} onClose={() => setOpened(null)} />}
    </Card>
  );
}
