// Error messages of vouchers and verification (merged into http/messages.ts).
import type { Lang } from '../../http/messages.ts';

export const VOUCHER_MESSAGES: Record<string, Record<Lang, string>> = {
  TEMPLATE_NOT_ACTIVE: {
    'zh-CN': '券模板未通过审核或已停用，不能发放',
    en: 'The voucher template is not active',
  },
  TEMPLATE_VALIDITY_OVER: { 'zh-CN': '券模板的有效期已结束', en: 'The template’s validity has ended' },
  VOUCHER_LIMIT_REACHED: {
    'zh-CN': '已达每人限领数量（{limit} 张）',
    en: 'The per-member limit ({limit}) is reached',
  },
  VOUCHER_ALREADY_ISSUED: {
    'zh-CN': '该来源的券已经发放',
    en: 'Vouchers for this source were already issued',
  },
  VOUCHER_NOT_FOUND: { 'zh-CN': '券码不存在', en: 'No voucher has this code' },
  VOUCHER_ALREADY_USED: { 'zh-CN': '该券已核销', en: 'This voucher is already used' },
  VOUCHER_EXPIRED: { 'zh-CN': '该券已过期', en: 'This voucher has expired' },
  VOUCHER_NOT_YET_VALID: { 'zh-CN': '该券尚未到可用时间', en: 'This voucher is not valid yet' },
  VOUCHER_DISABLED: { 'zh-CN': '该券已停用', en: 'This voucher is disabled' },
  VOUCHER_GIFTING: { 'zh-CN': '该券正在转赠中，暂不可用', en: 'This voucher is being gifted' },
  VOUCHER_WRONG_WEEKDAY: { 'zh-CN': '该券今天不可用', en: 'This voucher cannot be used on this weekday' },
  VOUCHER_WRONG_STORE: { 'zh-CN': '该券不能在本门店使用', en: 'This voucher cannot be used at this store' },
  SELF_VERIFY_NOT_ALLOWED: { 'zh-CN': '该券不支持自助核销', en: 'This voucher cannot be self-verified' },
  REQUEST_NO_REUSED: {
    'zh-CN': '请求号已用于另一张券',
    en: 'This request number was used for another voucher',
  },
  UNDO_WINDOW_PASSED: {
    'zh-CN': '已超过可撤销时间（{minutes} 分钟）',
    en: 'The undo window ({minutes} min) has passed',
  },
  QR_INVALID: { 'zh-CN': '二维码无效', en: 'This QR code is not valid' },
  QR_EXPIRED: {
    'zh-CN': '二维码已过期，请让顾客刷新后再扫',
    en: 'This QR code has expired; ask for a fresh one',
  },
  CODE_OR_QR_REQUIRED: { 'zh-CN': '请输入券码或扫描二维码', en: 'Give a code or scan a QR code' },
  GIFT_NOT_ALLOWED: { 'zh-CN': '该券不支持转赠', en: 'This voucher cannot be gifted' },
  GIFT_NOT_AVAILABLE: { 'zh-CN': '该转赠已被领取、取消或已过期', en: 'This gift is no longer available' },
  GIFT_OWN: { 'zh-CN': '不能领取自己转赠的券', en: 'You cannot accept your own gift' },
  GIFT_CODE_INVALID: { 'zh-CN': '领取码错误，还可尝试 {left} 次', en: 'Wrong gift code; {left} tries left' },
  GIFT_CANCELLED_TOO_MANY_TRIES: {
    'zh-CN': '领取码错误次数过多，转赠已取消',
    en: 'Too many wrong codes; the gift is cancelled',
  },
  ALREADY_EVALUATED: { 'zh-CN': '该券已评价', en: 'This voucher has already been evaluated' },
  NOT_USED_YET: { 'zh-CN': '核销后才能评价', en: 'Only a used voucher can be evaluated' },
  VERIFICATION_UNDONE: { 'zh-CN': '该核销已撤销', en: 'This verification was undone' },
};
