import type { TablePaginationConfig } from 'antd';
import { useState } from 'react';
import type { Translate } from '../i18n/i18n.tsx';

export interface Paging {
  page: number;
  pageSize: number;
}

/** Page state for a server-paginated table; changing filters goes back to page 1. */
export function usePaging(pageSize = 20) {
  const [paging, setPaging] = useState<Paging>({ page: 1, pageSize });
  const reset = () => setPaging((p) => ({ ...p, page: 1 }));
  const tablePagination = (total: number | undefined, t: Translate): TablePaginationConfig => ({
    current: paging.page,
    pageSize: paging.pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    hideOnSinglePage: false,
    showTotal: (n) => t('common.total', { n }),
    onChange: (page, size) => setPaging({ page: size === paging.pageSize ? page : 1, pageSize: size }),
  });
  return { paging, reset, tablePagination };
}
