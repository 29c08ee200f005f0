// Messages of card keys (电子卡密) in the buyer's order detail.
export const cardKeyZhCN = {
  'cardKey.title': '卡密',
  'cardKey.number': '卡号',
  'cardKey.secret': '卡密',
  'cardKey.password': '密码',
  'cardKey.copy': '复制',
  'cardKey.copied': '已复制',
  'cardKey.copyFailed': '复制失败，请长按手动复制',
  'cardKey.note': '卡密仅你本人可见，请妥善保管。',
  'cardKey.won': '活动奖品',
  'cardKey.awaiting.title': '已支付，等待补货',
  'cardKey.awaiting.desc': '商家补货后卡密会自动发放到这里，无需再次下单',
  'cardKey.awaiting.items': '还有 {n} 个卡密等待补货',
  'cardKey.loadFailed': '卡密加载失败，请下拉刷新重试',
} as const;

export type CardKeyMessageKey = keyof typeof cardKeyZhCN;
