// Background work on a timer: expire unpaid checkouts (stock back), settle commissions whose
// after-sales window has passed, and return unaccepted gifts to their givers. Safe to run in every process at once: each step is conditional.
import type { App, AppContext } from '../../context.ts';
import { SYSTEM_ACTOR } from '../audit/audit.service.ts';
import { settleDue } from '../commission/commission.service.ts';
import { returnExpiredGifts } from '../vouchers/gift.service.ts';
import { expireDue } from './checkout.service.ts';

export async function sweepOnce(ctx: AppContext, at = Date.now()) {
  const expired = await expireDue(ctx, at, { ...SYSTEM_ACTOR, name: 'sweeper' });
  const settled = await settleDue(ctx.db, at);
  const giftsReturned = await returnExpiredGifts(ctx, at);
  return { expired, settled, giftsReturned };
}

export function startSweepers(app: App, ctx: AppContext, everyMs = 30_000) {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepOnce(ctx)
      .catch((err) => ctx.log.error({ err }, 'sweeper failed'))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
