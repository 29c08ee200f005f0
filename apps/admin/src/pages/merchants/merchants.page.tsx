import { PauseCircleOutlined, PlayCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Merchant } from '@kaquan/contracts';
import {
  App,
  Button,
  Card,
  Flex,
  Input,
  Popconfirm,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { EmptyState } from '../../components/empty-state.tsx';
import { useFormatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { usePaging } from '../../components/paging.ts';
import { useT } from '../../i18n/i18n.tsx';
import { MerchantCreateModal } from './merchant-create-modal.tsx';
import { useMerchants, useSetMerchantStatus } from './merchants.api.ts';

export default function MerchantsPage() {
  const t = useT();
  const { message } = App.useApp();
  const formatInstant = useFormatInstant();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<Merchant['status'] | undefined>();
  const { paging, reset, tablePagination } = usePaging();
  const merchants = useMerchants(q, status, paging);
  const setMerchantStatus = useSetMerchantStatus();
  const [creating, setCreating] = useState(false);

  const createButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
      {t('merchants.create')}
    </Button>
  );

  const columns: TableColumnsType<Merchant> = [
    { title: t('merchant.name'), dataIndex: 'name' },
    {
      title: t('merchant.slug'),
      dataIndex: 'slug',
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { title: t('merchant.timeZone'), dataIndex: 'timeZone' },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (s: Merchant['status']) => (
        <Tag color={s === 'active' ? 'green' : 'red'}>{t(`merchant.status.${s}`)}</Tag>
      ),
    },
    { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, m) => {
        const suspend = m.status === 'active';
        return (
          <Popconfirm
            title={t(suspend ? 'merchants.suspendConfirm' : 'merchants.resumeConfirm', { name: m.name })}
            description={suspend ? t('merchants.suspendHelp') : undefined}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: suspend }}
            onConfirm={() =>
              setMerchantStatus
                .mutateAsync({ id: m.id, action: suspend ? 'suspend' : 'resume' })
                .then((r) => {
                  void message.success(
                    t(r.status === 'active' ? 'merchants.resumed' : 'merchants.suspended', { name: r.name }),
                  );
                })
            }
          >
            <Button
              size="small"
              danger={suspend}
              icon={suspend ? <PauseCircleOutlined /> : <PlayCircleOutlined />}
            >
              {t(suspend ? 'merchants.suspend' : 'merchants.resume')}
            </Button>
          </Popconfirm>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader title={t('merchants.title')} subtitle={t('merchants.subtitle')} extra={createButton} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('merchants.search')}
            style={{ maxWidth: 320 }}
            onSearch={(value) => {
              setQ(value.trim());
              reset();
            }}
          />
          <Select<Merchant['status']>
            allowClear
            placeholder={t('merchants.statusFilter')}
            style={{ width: 160 }}
            value={status}
            onChange={(value) => {
              setStatus(value);
              reset();
            }}
            options={[
              { value: 'active', label: t('merchant.status.active') },
              { value: 'suspended', label: t('merchant.status.suspended') },
            ]}
          />
        </Flex>
        <Table<Merchant>
          rowKey="id"
          columns={columns}
          dataSource={merchants.data?.items}
          loading={merchants.isFetching}
          pagination={tablePagination(merchants.data?.total, t)}
          locale={{
            emptyText: (
              <EmptyState
                text={q || status ? t('common.noMatch') : t('merchants.empty')}
                action={!q && !status && createButton}
              />
            ),
          }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      {creating && <MerchantCreateModal onClose={() => setCreating(false)} />}
    </>
  );
}
