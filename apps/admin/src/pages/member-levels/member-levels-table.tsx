import { EditOutlined } from '@ant-design/icons';
import type { MemberLevel } from '@kaquan/contracts';
import { Button, Card, Table, type TableColumnsType, Tag } from 'antd';
import type { ReactNode } from 'react';
import { EmptyState } from '../../components/empty-state.tsx';
import { useFormatInstant } from '../../components/format.ts';
import { LoadFailed } from '../../components/result-pages.tsx';
import { useLang, useT } from '../../i18n/i18n.tsx';
import { discountLabel, useMemberLevels } from './member-levels.api.ts';

/** The member levels with their discount, as shoppers say it (5 % off is 95折). */
export function MemberLevelsTable({
  createButton,
  onEdit,
}: {
  createButton: ReactNode;
  onEdit: (level: MemberLevel) => void;
}) {
  const t = useT();
  const [lang] = useLang();
  const formatInstant = useFormatInstant();
  const levels = useMemberLevels();

  const columns: TableColumnsType<MemberLevel> = [
    { title: t('levels.name'), dataIndex: 'name' },
    {
      title: t('levels.discount'),
      dataIndex: 'discountPercent',
      render: (percent: number) => {
        const label = discountLabel(percent, lang);
        return label ? (
          <span>
            <Tag color="gold">{label}</Tag>
            {lang === 'zh-CN' && t('levels.percentOff', { percent })}
          </span>
        ) : (
          <Tag>{t('levels.noDiscount')}</Tag>
        );
      },
    },
    { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, level) => (
        <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(level)}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  if (levels.isError && !levels.data) return <LoadFailed onRetry={() => void levels.refetch()} />;

  return (
    <Card>
      <Table<MemberLevel>
        rowKey="id"
        columns={columns}
        dataSource={levels.data}
        loading={levels.isFetching}
        pagination={false}
        locale={{ emptyText: <EmptyState text={t('levels.empty')} action={createButton} /> }}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
