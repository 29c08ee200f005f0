// Error messages of voucher templates and review (merged into http/messages.ts).
import type { Lang } from '../../http/messages.ts';

export const TEMPLATE_MESSAGES: Record<string, Record<Lang, string>> = {
  TEMPLATE_TEXT_TOO_LONG: {
    'zh-CN': '文字过长，最多 {max} 个字（标题不超过 15 个字，商户名称不超过 10 个字）',
    en: 'Too long: at most {max} characters (title 15, merchant name 10)',
  },
  TEMPLATE_KIND_FIELDS: {
    'zh-CN': '券类型与字段不符：兑换券需填商品和数量，代金券需填金额，折扣券需填折扣',
    en: 'The fields do not fit the voucher kind (exchange: goods and quantity; cash: amount; discount: percent off)',
  },
  TEMPLATE_VALIDITY_INVALID: {
    'zh-CN': '有效期不正确：开始时间须早于结束时间',
    en: 'The validity is not valid: it must start before it ends',
  },
  TEMPLATE_NOT_PENDING: {
    'zh-CN': '该券模板不在待审核状态',
    en: 'This voucher template is not awaiting review',
  },
  TEMPLATE_ALREADY_DISABLED: { 'zh-CN': '该券模板已停用', en: 'This voucher template is already disabled' },
  TEMPLATE_NOT_DISABLED: { 'zh-CN': '该券模板未停用', en: 'This voucher template is not disabled' },
};
