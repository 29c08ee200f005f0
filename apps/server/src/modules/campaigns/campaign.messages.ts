// Error messages of campaigns (merged into http/messages.ts).
import type { Lang } from '../../http/messages.ts';

export const CAMPAIGN_MESSAGES: Record<string, Record<Lang, string>> = {
  CAMPAIGN_ENDED: { 'zh-CN': '活动已结束', en: 'This campaign has ended' },
  CAMPAIGN_NOT_STARTED: { 'zh-CN': '活动尚未开始', en: 'This campaign has not started yet' },
  CAMPAIGN_SOLD_OUT: { 'zh-CN': '券已领完', en: 'All vouchers of this campaign are gone' },
  CLAIM_ONCE: { 'zh-CN': '每人只能领取一次，你已领取过', en: 'Each member may claim once; you already did' },
  CLAIM_LIMIT_REACHED: {
    'zh-CN': '已达每人限领次数（{limit} 次）',
    en: 'The per-member limit ({limit}) is reached',
  },
  CLAIM_COOLDOWN: {
    'zh-CN': '领取过于频繁，请 {retryAfterSeconds} 秒后再领',
    en: 'You claimed recently; try again in {retryAfterSeconds} s',
  },
  CAMPAIGN_CHANGED: {
    'zh-CN': '活动内容刚刚有调整，请刷新后重试',
    en: 'The campaign just changed; reload and try again',
  },
  STOCK_BELOW_CLAIMED: {
    'zh-CN': '库存不能低于已领取数量（{claimed} 张）',
    en: 'Stock cannot be below what was claimed ({claimed})',
  },
  STOCK_EXHAUSTED: {
    'zh-CN': '有券的库存已用完，请先补充库存',
    en: 'An item has no stock left; add stock first',
  },
  CAMPAIGN_WINDOW_INVALID: {
    'zh-CN': '请设置开始和结束时间，且结束晚于开始',
    en: 'Give a start and an end, the end after the start',
  },
  CAMPAIGN_STORES_REQUIRED: { 'zh-CN': '请选择参与门店', en: 'Choose the participating stores' },
  CAMPAIGN_RULE_INVALID: {
    'zh-CN': '此类活动不支持该领取规则',
    en: 'This kind of campaign does not take this claim rule',
  },
  CAMPAIGN_COOLDOWN_REQUIRED: {
    'zh-CN': '间隔领取须设置间隔时间（至少 60 秒）',
    en: 'A cooldown rule needs a cooldown of at least 60 s',
  },
  CAMPAIGN_STOCK_REQUIRED: {
    'zh-CN': '请为每个券设置活动库存',
    en: 'Give every item a campaign stock',
  },
  CAMPAIGN_ITEM_DUPLICATE: {
    'zh-CN': '同一个券模板只能添加一次',
    en: 'A voucher template can be added once',
  },
  CAMPAIGN_STATUS_INVALID: {
    'zh-CN': '活动当前状态不能执行此操作',
    en: 'The campaign cannot do this in its current state',
  },
};
