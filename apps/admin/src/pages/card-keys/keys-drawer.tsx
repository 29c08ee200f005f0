import type { CardKey, CardKeyPlain, CardKeyPool, CardKeyState } from '@kaquan/contracts';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Modal,
  Popconfirm,
  Segmented,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { CopyButton } from '../../components/copy-button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { useFormatInstant } from '../../components/format.ts';
import { usePaging } from '../../components/paging.ts';
import { useT } from '../../i18n/i18n.tsx';
import { KEY_STATE_COLORS, KEY_STATES, useDeleteKey, useKeys, useRevealKey } from './card-keys.api.ts';

function KeyTable({ pool }: { pool: CardKeyPool }) {
  const t = useT();
  const { message } = App.useApp();
  const formatInstant = useFormatInstant();
  const [state, setState] = useState<CardKeyState | undefined>();
  const { paging, reset, tablePagination } = usePaging();
  const keys = useKeys(pool.id, state, paging);
  const reveal = useRevealKey();
  const remove = useDeleteKey();
  const [shown, setShown] = useState<CardKeyPlain | null>(null);

  const columns: TableColumnsType<CardKey> = [
    { title: 'ID', dataIndex: 'id', width: 80 },
    {
      title: t('cardKeys.keys.masked'),
      dataIndex: 'masked',
      render: (m: string) => <Typography.Text code>{m}</Typography.Text>,
    },
    {
      title: t('common.status'),
      dataIndex: 'state',
      render: (s: CardKeyState) => <Tag color={KEY_STATE_COLORS[s]}>{t(`cardKeys.state.${s}`)}</Tag>,
    },
    { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v) },
    { title: t('cardKeys.keys.soldAt'), dataIndex: 'soldAt', render: (v: string | null) => formatInstant(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, k) => (
        <Space>
          <Button
            size="small"
            loading={reveal.isPending && reveal.variables === k.id}
            onClick={() =>
              void reveal
                .mutateAsync(k.id)
                .then(setShown)
                .catch(() => {})
            }
          >
            {t('cardKeys.keys.reveal')}
          </Button>
          {k.state === 'available' ? (
            <Popconfirm
              title={t('cardKeys.keys.deleteConfirm')}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() =>
                remove.mutateAsync(k.id).then(() => void message.success(t('cardKeys.deleted')))
              }
            >
              <Button size="small" danger>
                {t('cardKeys.delete')}
              </Button>
            </Popconfirm>
          ) : (
            <Tooltip title={t('cardKeys.keys.deleteHint')}>
              <Button size="small" danger disabled>
                {t('cardKeys.delete')}
              </Button>
            </Tooltip>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Segmented
        style={{ marginBottom: 12 }}
        value={state ?? 'all'}
        onChange={(v) => {
          setState(v === 'all' ? undefined : (v as CardKeyState));
          reset();
        }}
        options={[
          { value: 'all', label: t('cardKeys.keys.all') },
          ...KEY_STATES.map((s) => ({ value: s, label: t(`cardKeys.state.${s}`) })),
        ]}
      />
      <Table<CardKey>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={keys.data?.items}
        loading={keys.isFetching}
        pagination={tablePagination(keys.data?.total, t)}
        locale={{ emptyText: <EmptyState text={t('cardKeys.keys.empty')} /> }}
        scroll={{ x: 'max-content' }}
      />
      <Modal
        open={shown !== null}
        title={t('cardKeys.keys.revealTitle')}
        onCancel={() => setShown(null)}
        footer={null}
        destroyOnHidden
      >
        {shown && (
          <>
            <Descriptions column={1} bordered size="small">
              {shown.number !== null && (
                <Descriptions.Item label={t('cardKeys.keys.number')}>
                  <Space>
                    <Typography.Text code>{shown.number}</Typography.Text>
                    <CopyButton text={shown.number} />
                  </Space>
                </Descriptions.Item>
              )}
              <Descriptions.Item
                label={t(shown.number === null ? 'cardKeys.keys.secret' : 'cardKeys.keys.password')}
              >
                <Space>
                  <Typography.Text code data-testid="revealed-secret">
                    {shown.secret}
                  </Typography.Text>
                  <CopyButton text={shown.secret} />
                </Space>
              </Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              {t('cardKeys.keys.revealNote')}
            </Typography.Paragraph>
          </>
        )}
      </Modal>
    </>
  );
}

/** The keys of a pool, masked; reveal one (audited) or delete an unused one. */
export function KeysDrawer({ pool, onClose }: { pool: CardKeyPool | null; onClose: () => void }) {
  const t = useT();
  return (
    <Drawer
      open={pool !== null}
      onClose={onClose}
      width={760}
      title={pool ? t('cardKeys.keys.title', { name: pool.name }) : ''}
    >
      {pool && <KeyTable pool={pool} />}
    </Drawer>
  );
}
