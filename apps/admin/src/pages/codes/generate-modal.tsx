import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, InputNumber, Modal, Progress, Space, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { type CodeLibrary, exportUrl, useBatch, useBatchAction, useCreateBatch } from './codes.api.ts';

/** Generates a batch into a library and follows it live until it is done (S0.3). */
export function GenerateModal({ library, onClose }: { library: CodeLibrary | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [count, setCount] = useState<number | null>(1000);
  const [batchId, setBatchId] = useState<number | null>(null);
  const [oddsWarning, setOddsWarning] = useState<number | null>(null);
  const create = useCreateBatch();
  const batch = useBatch(batchId);
  const action = useBatchAction();
  const b = batch.data;
  const percent = b ? Math.floor((b.generated / b.requested) * 100) : 0;
  const queryClient = useQueryClient();
  const close = () => {
    // The library's code count and the batch list move with the batch.
    void queryClient.invalidateQueries({ queryKey: ['codes'] });
    setBatchId(null);
    setOddsWarning(null);
    onClose();
  };

  return (
    <Modal
      open={library !== null}
      title={t('codes.generate.title', { name: library?.name ?? '' })}
      onCancel={close}
      footer={null}
      destroyOnHidden
    >
      {batchId === null ? (
        <Form
          layout="vertical"
          onFinish={() => {
            if (!library || !count) return;
            create.mutateAsync({ libraryId: library.id, count }).then(
              (created) => {
                setBatchId(created.id);
                if (created.odds?.warn) setOddsWarning(created.odds.oneIn);
              },
              () => {},
            );
          }}
        >
          <Form.Item label={t('codes.generate.count')} extra={t('codes.generate.countHelp')}>
            <InputNumber
              aria-label={t('codes.generate.count')}
              min={1}
              max={1_000_000}
              precision={0}
              value={count}
              onChange={setCount}
              style={{ width: 200 }}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending} disabled={!count}>
            {t('codes.generate.start')}
          </Button>
        </Form>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="batch-progress">
          {oddsWarning !== null && (
            <Alert
              type="warning"
              showIcon
              message={t('codes.odds.warn', { n: oddsWarning.toLocaleString() })}
            />
          )}
          <Progress
            percent={percent}
            status={b?.status === 'failed' ? 'exception' : b?.status === 'done' ? 'success' : 'active'}
          />
          <Typography.Text data-testid="batch-status">
            {b ? t(`codes.batch.status.${b.status}`) : ''} · {(b?.generated ?? 0).toLocaleString()} /{' '}
            {(b?.requested ?? 0).toLocaleString()}
          </Typography.Text>
          <Space>
            {b && ['queued', 'running'].includes(b.status) && (
              <Button
                danger
                onClick={() =>
                  action.mutateAsync({ id: b.id, action: 'cancel' }).then(
                    () => void message.info(t('codes.batch.cancelled')),
                    () => {},
                  )
                }
              >
                {t('codes.batch.cancel')}
              </Button>
            )}
            {b?.status === 'done' && (
              <>
                <Button href={exportUrl(b.id, 'csv')}>{t('codes.batch.exportCsv')}</Button>
                <Button href={exportUrl(b.id, 'xlsx')}>{t('codes.batch.exportXlsx')}</Button>
              </>
            )}
            <Button onClick={close}>{t('codes.generate.close')}</Button>
          </Space>
        </Space>
      )}
    </Modal>
  );
}
