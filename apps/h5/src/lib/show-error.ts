import { Toast } from 'antd-mobile';
import { ApiError, NETWORK_ERROR } from '../api/client.ts';
import type { Translate } from '../i18n/index.tsx';

/** An API error's message (already in the member's language), or a plain network-error line. */
export function errorMessage(err: unknown, t: Translate): string {
  return err instanceof ApiError && err.code !== NETWORK_ERROR && err.message
    ? err.message
    : t('common.networkError');
}

/** Shows an API error's message as a toast. */
export function showError(err: unknown, t: Translate) {
  Toast.show({ icon: 'fail', content: errorMessage(err, t) });
}
