import { UndoOutlined } from '@ant-design/icons';
import type { Verification } from '@kaquan/contracts';
import { App, Button, Card, Popconfirm, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { EmptyState } from '../../components/empty-state.tsx';
import { useFormatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { usePaging } from '../../components/paging.ts';
import { useT } from '../../i18n/i18n.tsx';
import { UndoWindowSetting } from './undo-window-setting.tsx';
import { VerificationFilterBar } from './verification-filters.tsx';
import {
  CHANNEL_COLORS,
  canUndo,
  useUndoVerification,
  useVerifications,
  type VerificationFilters,
} from './verifications.api.ts';

export default function VerificationsPage() {
  const t = useT();
  const { message } = App.useApp();
  const formatInstant = useFormatInstant();
  const [filters, setFilters] = useState<VerificationFilters>({});
  const { paging, reset, tablePagination } = usePaging();
  const records = useVerifications(filters, paging);
  const undo = useUndoVerification();
  const filtered = Object.keys(filters).length > 0;
  // Read once per render: a row whose window has passed loses its button at the next refresh.
  const now = Date.now();

  const columns: TableColumnsType<Verification> = [
    { title: t('verifications.at'), dataIndex: 'at', render: (v: string) => formatInstant(v) },
    { title: t('verifications.voucher'), dataIndex: 'voucherTitle' },
    {
      title: t('verifications.code'),
      dataIndex: 'codeMasked',
      render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
    },
    { title: t('verifications.store'), dataIndex: 'storeName' },
    {
      title: t('verifications.channel'),
      dataIndex: 'channel',
      render: (c: Verification['channel']) => (
        <Tag color={CHANNEL_COLORS[c]}>{t(`verifications.channel.${c}`)}</Tag>
      ),
    },
    {
      title: t('common.status'),
      key: 'state',
      render: (_, v) =>
        v.undoneAt ? (
          <Tag>{t('verifications.state.undone')}</Tag>
        ) : (
          <Tag color="green">{t('verifications.state.done')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, v) =>
        v.undoneAt ? (
          <Typography.Text type="secondary">
            {t('verifications.undoneOn', { at: formatInstant(v.undoneAt) })}
          </Typography.Text>
        ) : canUndo(v, now) ? (
          <Popconfirm
            title={t('verifications.undoConfirm')}
            description={t('verifications.undoHelp')}
            okText={t('verifications.undo')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              // A refusal is already shown as a toast; the popover just closes.
              undo.mutateAsync(v.id).then(
                () => void message.success(t('verifications.undone')),
                () => {},
              )
            }
          >
            <Button size="small" danger icon={<UndoOutlined />}>
              {t('verifications.undo')}
            </Button>
          </Popconfirm>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('verifications.title')}
        subtitle={t('verifications.subtitle')}
        extra={<UndoWindowSetting />}
      />
      <Card>
        <VerificationFilterBar
          onChange={(next) => {
            setFilters(next);
            reset();
          }}
        />
        <Table<Verification>
          rowKey="id"
          columns={columns}
          dataSource={records.data?.items}
          loading={records.isFetching}
          pagination={tablePagination(records.data?.total, t)}
          onRow={(v) => (v.undoneAt ? { style: { color: 'rgba(0, 0, 0, 0.45)' } } : {})}
          locale={{
            emptyText: <EmptyState text={filtered ? t('common.noMatch') : t('verifications.empty')} />,
          }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
    </>
  );
}
