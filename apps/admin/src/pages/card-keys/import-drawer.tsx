import { UploadOutlined } from '@ant-design/icons';
import type { CardKeyImportReport, CardKeyPool } from '@kaquan/contracts';
import { App, Button, Descriptions, Drawer, Input, List, Space, Table, Tabs, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { useImportKeys } from './card-keys.api.ts';

/** The report of a preview or an import: counts, the first rows masked, and each skipped row. */
function Report({ report }: { report: CardKeyImportReport }) {
  const t = useT();
  return (
    <div data-testid="import-report">
      <Descriptions bordered size="small" column={2} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('cardKeys.report.rows')}>
          {report.rows.toLocaleString()}
        </Descriptions.Item>
        <Descriptions.Item
          label={t(report.dryRun ? 'cardKeys.report.imported' : 'cardKeys.report.importedDone')}
        >
          <Typography.Text strong type="success">
            {report.imported.toLocaleString()}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('cardKeys.report.dupFile')}>
          {report.duplicatesInFile.toLocaleString()}
        </Descriptions.Item>
        <Descriptions.Item label={t('cardKeys.report.dupPool')}>
          {report.duplicatesInPool.toLocaleString()}
        </Descriptions.Item>
        <Descriptions.Item label={t('cardKeys.report.invalid')}>
          {report.invalid.toLocaleString()}
        </Descriptions.Item>
      </Descriptions>
      {report.preview.length > 0 && (
        <List
          size="small"
          header={t('cardKeys.report.preview')}
          dataSource={report.preview}
          renderItem={(p) => (
            <List.Item>
              <Typography.Text type="secondary">#{p.line}</Typography.Text>
              <Typography.Text code>{p.masked}</Typography.Text>
            </List.Item>
          )}
          style={{ marginBottom: 12 }}
        />
      )}
      {report.skipped.length > 0 && (
        <Table
          size="small"
          rowKey="line"
          title={() => t('cardKeys.report.skipped')}
          dataSource={report.skipped}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            { title: t('cardKeys.report.line'), dataIndex: 'line', width: 100 },
            {
              title: t('cardKeys.report.reason'),
              key: 'reason',
              render: (_, s) => t(`cardKeys.reason.${s.reason}`, { line: s.firstLine ?? '' }),
            },
          ]}
        />
      )}
    </div>
  );
}

/** Paste or upload keys, preview the result (duplicates reported), then import. */
export function ImportDrawer({ pool, onClose }: { pool: CardKeyPool | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [tab, setTab] = useState<'paste' | 'file'>('paste');
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<CardKeyImportReport | null>(null);
  const run = useImportKeys();

  const close = () => {
    setText('');
    setFile(null);
    setReport(null);
    onClose();
  };
  const body = tab === 'paste' ? text.trim() || null : file;
  const send = async (dryRun: boolean) => {
    if (!pool || !body) {
      void message.warning(t('cardKeys.import.nothing'));
      return;
    }
    const r = await run.mutateAsync({ poolId: pool.id, body, dryRun });
    setReport(r);
    if (!dryRun) void message.success(t('cardKeys.import.done', { n: r.imported }));
  };

  return (
    <Drawer
      open={pool !== null}
      onClose={close}
      width={560}
      title={pool ? t('cardKeys.import.title', { name: pool.name }) : ''}
      extra={
        <Space>
          <Button
            onClick={() => void send(true).catch(() => {})}
            loading={run.isPending && run.variables?.dryRun}
          >
            {t('cardKeys.import.preview')}
          </Button>
          <Button
            type="primary"
            onClick={() => void send(false).catch(() => {})}
            loading={run.isPending && !run.variables?.dryRun}
            disabled={report !== null && !report.dryRun}
          >
            {t('cardKeys.import.confirm')}
          </Button>
        </Space>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          setTab(k as 'paste' | 'file');
          setReport(null);
        }}
        items={[
          {
            key: 'paste',
            label: t('cardKeys.import.paste'),
            children: (
              <>
                <Typography.Paragraph type="secondary">
                  {pool ? t(`cardKeys.import.pasteHelp.${pool.shape}`) : ''}
                </Typography.Paragraph>
                <Input.TextArea
                  value={text}
                  onChange={(e) => {
                    setText(e.target.value);
                    setReport(null);
                  }}
                  rows={10}
                  style={{ fontFamily: 'monospace' }}
                  aria-label={t('cardKeys.import.paste')}
                />
              </>
            ),
          },
          {
            key: 'file',
            label: t('cardKeys.import.file'),
            children: (
              <>
                <Typography.Paragraph type="secondary">{t('cardKeys.import.fileHelp')}</Typography.Paragraph>
                <Upload
                  accept=".txt,.csv,.xlsx"
                  maxCount={1}
                  beforeUpload={(f) => {
                    setFile(f);
                    setReport(null);
                    return false;
                  }}
                  onRemove={() => setFile(null)}
                >
                  <Button icon={<UploadOutlined />}>{t('cardKeys.import.choose')}</Button>
                </Upload>
              </>
            ),
          },
        ]}
      />
      {report && (
        <div style={{ marginTop: 16 }}>
          <Report report={report} />
        </div>
      )}
    </Drawer>
  );
}
