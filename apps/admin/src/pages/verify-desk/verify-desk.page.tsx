import { ScanOutlined } from '@ant-design/icons';
import type { Verification } from '@kaquan/contracts';
import { Alert, App, Button, Card, Col, Flex, Form, Input, type InputRef, Row, Select } from 'antd';
import { useRef, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useStoreOptions } from '../stores/stores.api.ts';
import { useUndoVerification, useVerify } from '../verifications/verifications.api.ts';
import { useDeskStore } from './verify-desk.store.ts';
import { type DeskOutcome, VerifyResult } from './verify-result.tsx';

const CODE_LENGTH = 12;

/**
 * The counter's verification desk. A USB scanner types the 12 digits and Enter into the focused
 * input, so after every attempt the input is cleared and focused again for the next scan.
 */
export default function VerifyDeskPage() {
  const t = useT();
  const { message } = App.useApp();
  const stores = useStoreOptions();
  const [storeId, setStoreId] = useDeskStore(stores.data);
  const [code, setCode] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<DeskOutcome>({ kind: 'idle' });
  const input = useRef<InputRef>(null);
  const verify = useVerify();
  const undo = useUndoVerification();

  // Deferred so that it runs after the select or button that was just used has settled its own focus.
  const focusCode = () => setTimeout(() => input.current?.focus(), 0);
  const nextScan = () => {
    setCode('');
    focusCode();
  };

  const submit = () => {
    if (verify.isPending) return;
    if (!storeId) return setInvalid(t('verifyDesk.storeRequired'));
    if (code.length !== CODE_LENGTH) return setInvalid(t('verifyDesk.codeInvalid'));
    setInvalid(null);
    verify.mutate(
      { code, storeId },
      {
        onSuccess: (verification) => setOutcome({ kind: 'verified', verification }),
        onError: (err) =>
          setOutcome({
            kind: 'refused',
            code,
            message: err instanceof ApiError ? err.message : t('verifyDesk.failed'),
          }),
        onSettled: nextScan,
      },
    );
  };

  const onUndo = (v: Verification) =>
    undo.mutate(v.id, {
      onSuccess: (verification) => {
        void message.success(t('verifications.undone'));
        setOutcome({ kind: 'verified', verification });
      },
      onSettled: nextScan,
    });

  const noStores = stores.isSuccess && stores.data.length === 0;
  return (
    <>
      <PageHeader title={t('verifyDesk.title')} subtitle={t('verifyDesk.subtitle')} />
      {noStores && (
        <Alert type="warning" showIcon title={t('verifyDesk.noStores')} style={{ marginBottom: 16 }} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={13}>
          <Card>
            <Form layout="vertical" requiredMark={false}>
              <Form.Item label={t('verifyDesk.store')} htmlFor="verify-store">
                <Select<number>
                  id="verify-store"
                  size="large"
                  value={storeId ?? undefined}
                  onChange={(id) => {
                    setStoreId(id);
                    setInvalid(null);
                  }}
                  onOpenChange={(open) => !open && focusCode()}
                  loading={stores.isPending}
                  placeholder={t('verifyDesk.storePlaceholder')}
                  options={stores.data?.map((s) => ({
                    value: s.id,
                    label: s.status === 'open' ? s.name : `${s.name} ${t('verifyDesk.storeClosed')}`,
                  }))}
                />
              </Form.Item>
              <Form.Item
                label={t('verifyDesk.code')}
                htmlFor="verify-code"
                validateStatus={invalid ? 'error' : undefined}
                help={invalid ?? t('verifyDesk.codeHelp')}
              >
                <Input
                  id="verify-code"
                  ref={input}
                  autoFocus
                  autoComplete="off"
                  inputMode="numeric"
                  value={code}
                  onChange={(e) => {
                    setCode(e.target.value.replace(/\D/g, '').slice(0, CODE_LENGTH));
                    setInvalid(null);
                  }}
                  onPressEnter={submit}
                  placeholder={t('verifyDesk.codePlaceholder')}
                  style={{
                    fontSize: 30,
                    // Spaced digits are easier to compare with the member's screen; the placeholder stays plain.
                    letterSpacing: code ? 4 : 0,
                    fontFamily: code ? 'ui-monospace, Menlo, Consolas, monospace' : undefined,
                  }}
                />
              </Form.Item>
              <Flex justify="flex-end" style={{ marginTop: 24 }}>
                <Button
                  type="primary"
                  size="large"
                  icon={<ScanOutlined />}
                  loading={verify.isPending}
                  disabled={!storeId}
                  onClick={submit}
                  style={{ minWidth: 160 }}
                >
                  {t('verifyDesk.submit')}
                </Button>
              </Flex>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={11}>
          <Card style={{ height: '100%' }} aria-live="polite">
            <VerifyResult outcome={outcome} undoing={undo.isPending} onUndo={onUndo} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
