import { Toast } from 'antd-mobile';
import { ApiError, NETWORK_ERROR } from '../api/client.ts';
import type { Translate } from '../i18n/index.tsx';

/** Shows an API error's message (already in the member's language) as a toast. */
export function showError(err: unknown, t: Translate) {
  const message =
    err instanceof ApiError && err.code !== NETWORK_ERROR && err.message
      ? err.message
      : t('common.networkError');
  Toast.show({ icon: 'fail', content: message });
}
