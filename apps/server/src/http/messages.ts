// Human messages for every stable error code, in the languages the apps speak.

import { CAMPAIGN_MESSAGES } from '../modules/campaigns/campaign.messages.ts';
import { CARD_KEY_MESSAGES } from '../modules/card-keys/card-key.messages.ts';
import { CODE_MESSAGES } from '../modules/codes/codes.messages.ts';
import { MEDIA_MESSAGES } from '../modules/media/media.messages.ts';
import { TEMPLATE_MESSAGES } from '../modules/vouchers/template.messages.ts';
import { VOUCHER_MESSAGES } from '../modules/vouchers/voucher.messages.ts';
export type Lang = 'zh-CN' | 'en';

export const MESSAGES: Record<string, Record<Lang, string>> = {
  ...TEMPLATE_MESSAGES,
  ...VOUCHER_MESSAGES,
  ...MEDIA_MESSAGES,
  ...CARD_KEY_MESSAGES,
  ...CAMPAIGN_MESSAGES,
  ...CODE_MESSAGES,
  VALIDATION_FAILED: { 'zh-CN': '请求参数不正确', en: 'The request has invalid fields' },
  INVALID_JSON: { 'zh-CN': '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  BODY_TOO_LARGE: { 'zh-CN': '请求内容过大', en: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { 'zh-CN': '不支持的内容类型', en: 'Unsupported content type' },
  BAD_REQUEST: { 'zh-CN': '请求无效', en: 'Bad request' },
  ROUTE_NOT_FOUND: { 'zh-CN': '接口不存在', en: 'No such route' },
  URL_TOO_LONG: { 'zh-CN': '地址中的参数过长', en: 'A part of the address is too long' },
  NOT_FOUND: { 'zh-CN': '{what}不存在', en: '{what} not found' },
  UNAUTHENTICATED: { 'zh-CN': '请先登录', en: 'Please sign in' },
  FORBIDDEN: { 'zh-CN': '没有权限执行此操作', en: 'You are not allowed to do this' },
  INVALID_CREDENTIALS: { 'zh-CN': '账号或密码错误', en: 'Wrong account or password' },
  RATE_LIMITED: {
    'zh-CN': '操作过于频繁，请 {retryAfterSeconds} 秒后再试',
    en: 'Too many attempts; try again in {retryAfterSeconds} s',
  },
  MERCHANT_SUSPENDED: { 'zh-CN': '商户已停用', en: 'This merchant is suspended' },
  MERCHANT_NOT_FOUND: { 'zh-CN': '商户不存在', en: 'Merchant not found' },
  ACCOUNT_REVOKED: { 'zh-CN': '账号已停用', en: 'This account is revoked' },
  LOGIN_TAKEN: { 'zh-CN': '该登录账号已被使用', en: 'This login is already taken' },
  SLUG_TAKEN: { 'zh-CN': '该商户标识已被使用', en: 'This merchant slug is already taken' },
  PHONE_TAKEN: { 'zh-CN': '该手机号已是会员', en: 'A member with this phone already exists' },
  EXTERNAL_ID_TAKEN: { 'zh-CN': '该外部编号已被使用', en: 'This external id is already used' },
  STORE_NOT_IN_MERCHANT: { 'zh-CN': '门店不属于本商户', en: 'A store does not belong to this merchant' },
  ROLE_NOT_ALLOWED: { 'zh-CN': '不能授予该角色', en: 'You cannot grant this role' },
  LAST_OWNER: { 'zh-CN': '不能停用唯一的店主账号', en: 'The only owner cannot be revoked' },
  SMS_TOO_FREQUENT: {
    'zh-CN': '验证码发送过于频繁，请 {retryAfterSeconds} 秒后再试',
    en: 'Codes are sent too often; try again in {retryAfterSeconds} s',
  },
  SMS_CODE_INVALID: { 'zh-CN': '验证码错误或已失效', en: 'The code is wrong or no longer valid' },
  MEMBER_BLOCKED: { 'zh-CN': '会员已被停用', en: 'This member is blocked' },
  INVALID_TIME_ZONE: { 'zh-CN': '时区无效', en: 'Unknown time zone' },
  IDEMPOTENCY_KEY_REUSED: {
    'zh-CN': '该 Idempotency-Key 已用于另一个请求',
    en: 'This Idempotency-Key was used for a different request',
  },
  IDEMPOTENCY_KEY_INVALID: {
    'zh-CN': 'Idempotency-Key 须为 1–200 个可见字符',
    en: 'Idempotency-Key must be 1–200 printable characters',
  },
  PRODUCT_TYPE_UNAVAILABLE: {
    'zh-CN': '该商品类型的发货方式尚未启用',
    en: 'Fulfilment for this product type is not installed',
  },
  FULFIL_REF_INVALID: {
    'zh-CN': '发货来源无效（请填写本商户的券模板、码库或卡密库）',
    en: 'The fulfilment reference is not valid',
  },
  CATEGORY_TAKEN: { 'zh-CN': '已有同名分类', en: 'A category with this name exists' },
  LEVEL_TAKEN: { 'zh-CN': '已有同名会员等级', en: 'A member level with this name exists' },
  PRODUCT_OFF_SALE: { 'zh-CN': '商品“{name}”已下架', en: '"{name}" is not on sale' },
  OUT_OF_STOCK: { 'zh-CN': '商品“{name}”库存不足', en: '"{name}" is out of stock' },
  CART_NOT_ALLOWED: {
    'zh-CN': '电子卡密商品不能加入购物车，请直接购买',
    en: 'Card-key products cannot go in the cart; use buy now',
  },
  CART_EMPTY: { 'zh-CN': '购物车是空的', en: 'The cart is empty' },
  BUYER_INFO_REQUIRED: { 'zh-CN': '请填写{fields}', en: 'Please give {fields}' },
  COUPON_NOT_APPLICABLE: {
    'zh-CN': '该优惠券不可用于本订单',
    en: 'This coupon cannot be used on this order',
  },
  POINTS_NOT_ENOUGH: { 'zh-CN': '积分不足', en: 'Not enough points' },
  CHECKOUT_NOT_PENDING: {
    'zh-CN': '该订单已支付、取消或超时',
    en: 'This checkout is no longer awaiting payment',
  },
  ORDER_NOT_REFUNDABLE: { 'zh-CN': '电子卡密订单不支持退款', en: 'Card-key orders cannot be refunded' },
  INVALID_TRANSITION: {
    'zh-CN': '订单当前状态不能执行此操作',
    en: 'The order cannot do this in its current state',
  },
  PAYMENT_SIGNATURE_INVALID: { 'zh-CN': '支付回调签名无效', en: 'The payment callback signature is invalid' },
  PAYMENT_AMOUNT_MISMATCH: { 'zh-CN': '支付金额与订单不符', en: 'The paid amount does not match' },
  AGENT_REGION_TAKEN: { 'zh-CN': '该区域已有代理', en: 'This region already has an agent' },
  REFERRER_INVALID: { 'zh-CN': '推荐人无效', en: 'The referrer is not valid' },
  INTERNAL: { 'zh-CN': '服务器内部错误，请稍后再试', en: 'Internal server error; please try again later' },
  SERVICE_UNAVAILABLE: { 'zh-CN': '服务暂不可用', en: 'Service unavailable' },
};

export const TARGET_NAMES: Record<string, Record<Lang, string>> = {
  merchant: { 'zh-CN': '商户', en: 'Merchant' },
  store: { 'zh-CN': '门店', en: 'Store' },
  staff: { 'zh-CN': '员工', en: 'Staff account' },
  member: { 'zh-CN': '会员', en: 'Member' },
  apiKey: { 'zh-CN': 'API 密钥', en: 'API key' },
  product: { 'zh-CN': '商品', en: 'Product' },
  category: { 'zh-CN': '商品分类', en: 'Category' },
  level: { 'zh-CN': '会员等级', en: 'Member level' },
  checkout: { 'zh-CN': '待支付订单', en: 'Checkout' },
  order: { 'zh-CN': '订单', en: 'Order' },
  payment: { 'zh-CN': '支付单', en: 'Payment' },
  voucher: { 'zh-CN': '券', en: 'Voucher' },
  template: { 'zh-CN': '券模板', en: 'Voucher template' },
  gift: { 'zh-CN': '转赠', en: 'Gift' },
  verification: { 'zh-CN': '核销记录', en: 'Verification' },
  cardKeyPool: { 'zh-CN': '卡密池', en: 'Card-key pool' },
  cardKey: { 'zh-CN': '卡密', en: 'Card key' },
  cardKeyReservation: { 'zh-CN': '卡密占用', en: 'Card-key reservation' },
  campaign: { 'zh-CN': '活动', en: 'Campaign' },
};

export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'zh-CN';
  for (const part of acceptLanguage.split(',')) {
    const tag = part.split(';')[0].trim().toLowerCase();
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

export function renderMessage(code: string, lang: Lang, params: Record<string, unknown> = {}): string {
  const template = MESSAGES[code]?.[lang] ?? MESSAGES.BAD_REQUEST[lang];
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    if (k === 'what') return TARGET_NAMES[String(params.what)]?.[lang] ?? String(params.what ?? '');
    return String(params[k] ?? '');
  });
}
