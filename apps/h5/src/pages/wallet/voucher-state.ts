import type { VoucherState } from '@kaquan/contracts';
import type { MessageKey } from '../../i18n/index.tsx';

/** How each state a member may see is named and coloured. */
export const VOUCHER_STATE: Record<VoucherState, { label: MessageKey; color: string }> = {
  unused: { label: 'voucherState.unused', color: 'success' },
  used: { label: 'voucherState.used', color: 'default' },
  expired: { label: 'voucherState.expired', color: 'default' },
  disabled: { label: 'voucherState.disabled', color: 'danger' },
  gifting: { label: 'voucherState.gifting', color: 'warning' },
};
