import type { Store } from '@kaquan/contracts';
import { useEffect, useState } from 'react';

const STORAGE_KEY = 'kq_verify_store';

function savedStoreId(): number | null {
  const id = Number(localStorage.getItem(STORAGE_KEY));
  return Number.isInteger(id) && id > 0 ? id : null;
}

/**
 * The store this desk verifies at, remembered on this browser: a counter PC stays at one store.
 * A remembered store that is no longer in the list is dropped; a single open store is chosen at once.
 */
export function useDeskStore(stores: Store[] | undefined): [number | null, (id: number | null) => void] {
  const [storeId, setStoreId] = useState<number | null>(savedStoreId);
  const choose = (id: number | null) => {
    if (id) localStorage.setItem(STORAGE_KEY, String(id));
    else localStorage.removeItem(STORAGE_KEY);
    setStoreId(id);
  };
  useEffect(() => {
    if (!stores) return;
    if (storeId && stores.some((s) => s.id === storeId)) return;
    const open = stores.filter((s) => s.status === 'open');
    setStoreId(open.length === 1 ? open[0].id : null);
  }, [stores, storeId]);
  return [storeId, choose];
}
