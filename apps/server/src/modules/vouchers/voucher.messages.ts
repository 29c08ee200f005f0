// Error messages of vouchers and verification (merged into http/messages.ts).
import type { Lang } from '../../http/messages.ts';

export const VOUCHER_MESSAGES: Record<string, Record<Lang, string>> = {};
