// Error messages of code libraries and the redemption center (merged into http/messages.ts).
import type { Lang } from '../../http/messages.ts';

export const CODE_MESSAGES: Record<string, Record<Lang, string>> = {
  CODE_INVALID: {
    'zh-CN': '兑换码错误，请核对后重新输入',
    en: 'This code is not valid; check it and try again',
  },
  CODE_FROZEN: {
    'zh-CN': '输错次数过多，兑换已冻结，请 {minutes} 分钟后再试',
    en: 'Too many wrong codes; redemption is frozen for {minutes} more minutes',
  },
  CODE_DISABLED: { 'zh-CN': '该兑换码已停用', en: 'This code is disabled' },
  CODE_EXPIRED: { 'zh-CN': '该兑换码已过期', en: 'This code has expired' },
  CODE_NOT_YET_VALID: { 'zh-CN': '该兑换码尚未到可兑换时间', en: 'This code cannot be redeemed yet' },
  CODE_ALREADY_REDEEMED: { 'zh-CN': '该兑换码已被兑换', en: 'This code has already been redeemed' },
  CODE_STATE_CONFLICT: {
    'zh-CN': '兑换码当前状态不允许此操作',
    en: 'The code’s state does not allow this',
  },
  DAILY_REDEEM_LIMIT: {
    'zh-CN': '今日兑换次数已达上限（{limit} 次），请明天再来',
    en: 'You have reached today’s limit of {limit} redemptions',
  },
  REWARD_NOT_OFFERED: {
    'zh-CN': '所选商品不在该兑换码的可选范围内',
    en: 'This code does not offer that product',
  },
  LIBRARY_TEMPLATE_INVALID: {
    'zh-CN': '兑换码库需要一个本商户的兑换券模板',
    en: 'A code library needs an exchange voucher template of this merchant',
  },
  LIBRARY_REWARD_INVALID: {
    'zh-CN': '兑换商品不存在或不属于本商户',
    en: 'A reward product does not exist in this merchant',
  },
  LIBRARY_DISABLED: { 'zh-CN': '兑换码库已停用', en: 'This code library is disabled' },
  BATCH_NOT_CANCELLABLE: {
    'zh-CN': '该批次已结束，不能取消',
    en: 'This batch has finished and cannot be cancelled',
  },
  BATCH_NOT_RESUMABLE: {
    'zh-CN': '只有已取消或失败的批次可以继续',
    en: 'Only a cancelled or failed batch can resume',
  },
};
