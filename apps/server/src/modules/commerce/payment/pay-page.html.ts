// The sandbox provider's hosted pay page: plain HTML, no script, phone-sized, in Chinese and
// English. It stands for the page a real provider would show.
const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const yuan = (cents: number) => `¥${(cents / 100).toFixed(2)}`;

const STYLE = `
  *{box-sizing:border-box}body{margin:0;font-family:-apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif;
  background:#f5f5f5;color:#1f1f1f}.bar{background:#1677ff;color:#fff;padding:14px 16px;font-size:17px}
  .bar small{opacity:.8;font-size:12px;display:block}.card{background:#fff;margin:12px;border-radius:12px;padding:16px}
  .amount{font-size:34px;font-weight:600;text-align:center;margin:8px 0 4px}.muted{color:#8c8c8c;font-size:13px;text-align:center}
  .row{display:flex;justify-content:space-between;padding:6px 0;font-size:14px}.row span:last-child{color:#595959}
  form{margin:0}button{width:100%;height:46px;border-radius:23px;border:0;font-size:16px;margin-top:12px;cursor:pointer}
  .pay{background:#1677ff;color:#fff}.cancel{background:#fff;color:#595959;border:1px solid #d9d9d9}
  .state{text-align:center;font-size:18px;margin:12px 0}a{color:#1677ff}`;

export interface PayPageModel {
  token: string;
  merchantName: string;
  amountCents: number;
  lines: { label: string; amountCents: number }[];
  expiresAt: string;
  state: 'pending' | 'succeeded' | 'closed' | 'refunded' | 'expired';
  backUrl: string;
}

const STATE_TEXT: Record<Exclude<PayPageModel['state'], 'pending'>, string> = {
  succeeded: '已支付 · Paid',
  closed: '已取消 · Cancelled',
  refunded: '已退款 · Refunded',
  expired: '支付已超时 · Expired',
};

export function payPageHtml(m: PayPageModel): string {
  const lines = m.lines
    .map(
      (l) =>
        `<div class="row"><span>${esc(l.label)}</span><span>${l.amountCents < 0 ? '−' : ''}${yuan(Math.abs(l.amountCents))}</span></div>`,
    )
    .join('');
  const actions =
    m.state === 'pending'
      ? `<form method="post" action="/pay/${esc(m.token)}/pay"><button class="pay" type="submit">确认支付 Pay ${yuan(m.amountCents)}</button></form>
         <form method="post" action="/pay/${esc(m.token)}/cancel"><button class="cancel" type="submit">取消支付 Cancel</button></form>
         <p class="muted">请在 ${esc(m.expiresAt)} 前完成支付 · Pay before ${esc(m.expiresAt)}</p>`
      : `<div class="state">${STATE_TEXT[m.state]}</div><p class="muted"><a href="${esc(m.backUrl)}">返回商户 · Back to the shop</a></p>`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>收银台 · Sandbox Pay</title><style>${STYLE}</style></head>
<body><div class="bar">沙箱收银台 · Sandbox Pay<small>测试支付，不产生真实扣款 · Test payments, no real money</small></div>
<div class="card"><div class="muted">${esc(m.merchantName)}</div><div class="amount">${yuan(m.amountCents)}</div>${lines}</div>
<div class="card">${actions}</div></body></html>`;
}
