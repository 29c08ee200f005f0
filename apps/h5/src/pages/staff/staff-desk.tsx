import type { Me, Store, Verification } from '@kaquan/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Dialog, ErrorBlock, SpinLoading } from 'antd-mobile';
import { useEffect, useRef, useState } from 'react';
import { ApiError, NETWORK_ERROR } from '../../api/client.ts';
import { logoutStaff, staffKeys, useStaffStores, verifyCode } from '../../api/staff.ts';
import { PageError } from '../../components/CenteredState.tsx';
import { useT } from '../../i18n/index.tsx';
import { newRequestNo } from '../../lib/request-no.ts';
import { errorMessage, showError } from '../../lib/show-error.ts';
import { CodeForm } from './code-form.tsx';
import { ScanEntry } from './scan-entry.tsx';
import { StorePicker } from './store-picker.tsx';
import { TodayRecords } from './today-records.tsx';
import { type Outcome, VerificationResult } from './verification-result.tsx';

const VERIFYING_ROLES = ['owner', 'manager', 'verifier'];
const storeKey = (userId: number) => `kaquan.staff.store.${userId}`;

/** The counter: the store, the code input, the answer, and today's records. */
export function StaffDesk({ me }: { me: Me }) {
  const t = useT();
  const queryClient = useQueryClient();
  const allowed = !!me.merchant && VERIFYING_ROLES.includes(me.user.role);
  const stores = useStaffStores(allowed);
  const [storeId, setStoreId] = useState(() => Number(localStorage.getItem(storeKey(me.user.id))) || null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const input = useRef<HTMLInputElement>(null);
  // A submission lost on the network is retried with the same number, so it is never verified twice.
  const lost = useRef<{ code: string; storeId: number; requestNo: string } | null>(null);
  const list = stores.data ?? [];
  const store = list.find((s) => s.id === storeId) ?? (list.length === 1 ? list[0] : null);

  const verify = useMutation({
    mutationFn: ({ code, storeId }: { code: string; storeId: number }) => {
      const same = lost.current?.code === code && lost.current.storeId === storeId;
      const requestNo = same && lost.current ? lost.current.requestNo : newRequestNo();
      lost.current = { code, storeId, requestNo };
      return verifyCode(code, storeId, requestNo);
    },
    onSuccess: (verification) => {
      lost.current = null;
      setOutcome({ ok: true, verification });
      queryClient.invalidateQueries({ queryKey: staffKeys.today(verification.storeId) });
    },
    onError: (err, { code }) => {
      if (!(err instanceof ApiError && err.code === NETWORK_ERROR)) lost.current = null;
      setOutcome({ ok: false, code, message: errorMessage(err, t) });
    },
  });

  // The input keeps the focus so a scanner's keystrokes always land in it.
  const storeReady = store?.id;
  useEffect(() => {
    if (!outcome && storeReady) input.current?.focus();
  }, [outcome, storeReady]);

  // A typed code and a scanned one are verified the same way.
  function submit(code: string) {
    if (store) verify.mutate({ code, storeId: store.id });
  }

  function pick(next: Store) {
    localStorage.setItem(storeKey(me.user.id), String(next.id));
    setStoreId(next.id);
    input.current?.focus();
  }

  async function logout() {
    if (!(await Dialog.confirm({ content: t('staff.logoutAsk') }))) return;
    try {
      await logoutStaff();
    } catch (err) {
      showError(err, t);
      return;
    }
    queryClient.removeQueries({ queryKey: staffKeys.data });
    queryClient.setQueryData(staffKeys.me, null);
  }

  function body() {
    if (!allowed) {
      return (
        <ErrorBlock
          className="kq-block-state"
          status="default"
          title={t('staff.notAllowed')}
          description=""
        />
      );
    }
    if (stores.isPending) {
      return (
        <div className="kq-block-state">
          <SpinLoading color="primary" />
        </div>
      );
    }
    if (stores.isError) return <PageError onRetry={() => stores.refetch()} />;
    if (list.length === 0) {
      return (
        <ErrorBlock className="kq-block-state" status="empty" title={t('staff.store.none')} description="" />
      );
    }
    return (
      <>
        <StorePicker stores={list} store={store} onPick={pick} />
        <CodeForm inputRef={input} disabled={!store} busy={verify.isPending} onSubmit={submit}>
          <ScanEntry
            disabled={!store || verify.isPending}
            onCode={submit}
            onClosed={() => input.current?.focus()}
          />
        </CodeForm>
        {store && <TodayRecords storeId={store.id} />}
      </>
    );
  }

  return (
    <div className="kq-page kq-staff">
      <header className="kq-staff-header">
        <div>
          <div className="kq-staff-merchant">{me.merchant?.name ?? t('staff.title')}</div>
          <div className="kq-staff-user">{me.user.name || me.user.login}</div>
        </div>
        <Button size="small" fill="outline" onClick={logout}>
          {t('staff.logout')}
        </Button>
      </header>
      {body()}
      {outcome && (
        <VerificationResult
          outcome={outcome}
          onUndone={(verification: Verification) => setOutcome({ ok: true, verification })}
          onClose={() => setOutcome(null)}
        />
      )}
    </div>
  );
}
