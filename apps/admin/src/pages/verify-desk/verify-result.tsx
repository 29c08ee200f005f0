import { ScanOutlined, UndoOutlined } from '@ant-design/icons';
import type { Verification } from '@kaquan/contracts';
import { Button, Descriptions, Popconfirm, Result, theme } from 'antd';
import { useFormatInstant } from '../../components/format.ts';
import { useT } from '../../i18n/i18n.tsx';
import { canUndo } from '../verifications/verifications.api.ts';

/** What the desk shows after the last attempt. */
export type DeskOutcome =
  | { kind: 'idle' }
  | { kind: 'verified'; verification: Verification }
  | { kind: 'refused'; code: string; message: string };

export function VerifyResult({
  outcome,
  undoing,
  onUndo,
}: {
  outcome: DeskOutcome;
  undoing: boolean;
  onUndo: (verification: Verification) => void;
}) {
  const t = useT();
  const formatInstant = useFormatInstant();
  const { token } = theme.useToken();

  if (outcome.kind === 'idle') {
    return (
      <Result
        icon={<ScanOutlined style={{ color: token.colorTextQuaternary }} />}
        title={t('verifyDesk.idleTitle')}
        subTitle={t('verifyDesk.idleText')}
      />
    );
  }
  if (outcome.kind === 'refused') {
    return (
      <Result
        status="error"
        title={t('verifyDesk.refusedTitle')}
        subTitle={
          <>
            <div style={{ fontSize: 18, color: 'inherit' }} data-testid="verify-error">
              {outcome.message}
            </div>
            <div>{t('verifyDesk.enteredCode', { code: outcome.code })}</div>
          </>
        }
      />
    );
  }

  const v = outcome.verification;
  const undone = !!v.undoneAt;
  return (
    <Result
      status={undone ? 'warning' : 'success'}
      title={undone ? t('verifyDesk.undoneTitle') : t('verifyDesk.verifiedTitle')}
      subTitle={<span style={{ fontSize: 18 }}>{v.voucherTitle}</span>}
      extra={
        canUndo(v) && (
          <Popconfirm
            title={t('verifications.undoConfirm')}
            description={t('verifications.undoHelp')}
            okText={t('verifications.undo')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => onUndo(v)}
          >
            <Button danger icon={<UndoOutlined />} loading={undoing}>
              {t('verifications.undo')}
            </Button>
          </Popconfirm>
        )
      }
    >
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'code', label: t('verifications.code'), children: v.codeMasked },
          { key: 'store', label: t('verifications.store'), children: v.storeName },
          { key: 'at', label: t('verifications.at'), children: formatInstant(v.at) },
          undone
            ? { key: 'undoneAt', label: t('verifications.undoneAt'), children: formatInstant(v.undoneAt) }
            : { key: 'undoUntil', label: t('verifications.undoUntil'), children: formatInstant(v.undoUntil) },
        ]}
      />
    </Result>
  );
}
