import type { Store } from '@kaquan/contracts';
import { ActionSheet, List } from 'antd-mobile';
import { ShopbagOutline } from 'antd-mobile-icons';
import { useState } from 'react';
import { useT } from '../../i18n/index.tsx';

interface Props {
  stores: Store[];
  store: Store | null;
  onPick: (store: Store) => void;
}

/** Which store the counter is at; the list holds only the stores in the account's scope. */
export function StorePicker({ stores, store, onPick }: Props) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <List mode="card" className="kq-staff-store">
        <List.Item
          prefix={<ShopbagOutline />}
          description={store?.address || undefined}
          extra={stores.length > 1 || !store ? t('staff.store.change') : undefined}
          onClick={() => setOpen(true)}
          data-testid="staff-store"
        >
          {store ? store.name : t('staff.store.choose')}
        </List.Item>
      </List>
      <ActionSheet
        visible={open}
        extra={t('staff.store.choose')}
        cancelText={t('common.cancel')}
        actions={stores.map((s) => ({
          key: s.id,
          text: s.name,
          description: s.status === 'closed' ? t('staff.store.closed') : s.address,
          bold: s.id === store?.id,
        }))}
        onAction={(action) => {
          const next = stores.find((s) => s.id === action.key);
          if (next) onPick(next);
          setOpen(false);
        }}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
