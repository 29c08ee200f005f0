import type { MemberCommerce, PointsEntry } from '@kaquan/contracts';
import { App, Button, Flex, Form, Input, InputNumber, Table, type TableColumnsType, Typography } from 'antd';
import { EmptyState } from '../../components/empty-state.tsx';
import { useFormatInstant } from '../../components/format.ts';
import { usePaging } from '../../components/paging.ts';
import { useT } from '../../i18n/i18n.tsx';
import { useAdjustPoints, useMemberPoints } from './member-commerce.api.ts';

interface AdjustValues {
  delta: number | null;
  note: string;
}

/** A manual adjustment of the points (positive adds, negative deducts) and the ledger. */
export function MemberPoints({ commerce }: { commerce: MemberCommerce }) {
  const t = useT();
  const { message } = App.useApp();
  const formatInstant = useFormatInstant();
  const [form] = Form.useForm<AdjustValues>();
  const { paging, tablePagination } = usePaging(10);
  const ledger = useMemberPoints(commerce.memberId, paging);
  const adjust = useAdjustPoints(commerce.memberId);

  const onFinish = ({ delta, note }: AdjustValues) =>
    adjust.mutate(
      { delta: delta ?? 0, note: note.trim() },
      {
        onSuccess: (updated) => {
          void message.success(t('points.adjusted', { balance: updated.pointsBalance }));
          form.resetFields();
        },
      },
    );

  const columns: TableColumnsType<PointsEntry> = [
    { title: t('points.at'), dataIndex: 'at', render: (v: string) => formatInstant(v) },
    {
      title: t('points.delta'),
      dataIndex: 'delta',
      align: 'right',
      render: (d: number) => (
        <Typography.Text type={d < 0 ? 'danger' : 'success'}>{d > 0 ? `+${d}` : d}</Typography.Text>
      ),
    },
    { title: t('points.balanceAfter'), dataIndex: 'balanceAfter', align: 'right' },
    {
      title: t('points.reason'),
      dataIndex: 'reason',
      render: (r: PointsEntry['reason']) => t(`points.reason.${r}`),
    },
    {
      title: t('points.note'),
      key: 'note',
      render: (_, e) => e.note || (e.orderId ? t('points.order', { id: e.orderId }) : '—'),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Form<AdjustValues> form={form} layout="inline" onFinish={onFinish} style={{ rowGap: 12 }}>
        <Form.Item
          name="delta"
          label={t('points.adjustDelta')}
          rules={[
            { required: true, message: t('points.deltaRequired') },
            {
              validator: (_, v: number | null) =>
                v === 0 ? Promise.reject(new Error(t('points.deltaRequired'))) : Promise.resolve(),
            },
          ]}
        >
          <InputNumber
            precision={0}
            min={-100_000_000}
            max={100_000_000}
            placeholder="+100 / -50"
            style={{ width: 130 }}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('points.note')}
          rules={[{ required: true, whitespace: true, message: t('points.noteRequired') }]}
        >
          <Input maxLength={200} placeholder={t('points.notePlaceholder')} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={adjust.isPending}>
            {t('points.adjust')}
          </Button>
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">{t('points.adjustHelp')}</Typography.Text>
      <Table<PointsEntry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={ledger.data?.items}
        loading={ledger.isFetching}
        pagination={tablePagination(ledger.data?.total, t)}
        locale={{ emptyText: <EmptyState text={t('points.empty')} /> }}
        scroll={{ x: 'max-content' }}
      />
    </Flex>
  );
}
