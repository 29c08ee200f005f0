// Error messages of voucher templates and review (merged into http/messages.ts).
import type { Lang } from '../../http/messages.ts';

export const TEMPLATE_MESSAGES: Record<string, Record<Lang, string>> = {};
