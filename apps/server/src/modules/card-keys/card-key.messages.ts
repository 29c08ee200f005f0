// Error messages of card keys (merged into http/messages.ts).
import type { Lang } from '../../http/messages.ts';

export const CARD_KEY_MESSAGES: Record<string, Record<Lang, string>> = {
  CARD_KEY_POOL_IN_USE: {
    'zh-CN': '卡密池正被在售商品或活动使用，不能删除',
    en: 'The pool is used by a product on sale or an activity and cannot be deleted',
  },
  CARD_KEY_IN_USE: {
    'zh-CN': '卡密已被占用或已售出，不能删除',
    en: 'The card key is occupied or sold and cannot be deleted',
  },
  CARD_KEYS_SHORT: {
    'zh-CN': '卡密库存不足（可用 {available} 个）',
    en: 'Not enough card keys ({available} available)',
  },
  CARD_KEYS_NOT_RESERVED: {
    'zh-CN': '该占用下的卡密不足（剩余 {occupied} 个）',
    en: 'The reservation holds too few keys ({occupied} left)',
  },
  CARD_KEY_RESERVATION_CLOSED: { 'zh-CN': '该卡密占用已结束', en: 'This reservation is closed' },
  CARD_KEY_ACTIVITY_REFUSED: {
    'zh-CN': '电子卡密不能用于该类活动（{kind}）',
    en: 'Card keys cannot be used in this kind of activity ({kind})',
  },
  CARD_KEY_POOL_REUSABLE: {
    'zh-CN': '可重复使用的卡密池不能用于活动占用或中奖',
    en: 'A reusable pool cannot be held or won by activities',
  },
  CARD_KEY_SALE_INVALID: {
    'zh-CN': '卡密不属于该会员或已关联订单',
    en: 'These keys are not the member’s or already belong to an order',
  },
  CARD_KEY_IMPORT_TOO_MANY: {
    'zh-CN': '单个文件最多导入 {max} 个卡密',
    en: 'A file may hold at most {max} keys',
  },
  CARD_KEY_IMPORT_TOO_LARGE: { 'zh-CN': '文件超过 {mb} MB', en: 'The file is larger than {mb} MB' },
  CARD_KEY_IMPORT_FORMAT: {
    'zh-CN': '无法读取文件，请上传 TXT、CSV 或 XLSX',
    en: 'The file cannot be read; upload TXT, CSV or XLSX',
  },
};
