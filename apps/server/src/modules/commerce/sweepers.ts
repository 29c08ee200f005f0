// Background work on a timer: expire unpaid checkouts (stock back), settle commissions whose
// after-sales window has passed, return unaccepted gifts to their givers, release expired card-key
// holds and serve orders waiting for keys. Safe to run in every process at once: each step is conditional.
import type { App, AppContext } from '../../context.ts';
import { SYSTEM_ACTOR } from '../audit/audit.service.ts';
import { fillAllWaiting } from '../card-keys/card-key.delivery.ts';
import { expireReservations } from '../card-keys/card-key.reservation.ts';
import { settleDue } from '../commission/commission.service.ts';
import { returnExpiredGifts } from '../vouchers/gift.service.ts';
import { expireDue } from './checkout.service.ts';

export async function sweepOnce(ctx: AppContext, at = Date.now()) {
  const expired = await expireDue(ctx, at, { ...SYSTEM_ACTOR, name: 'sweeper' });
  const settled = await settleDue(ctx.db, at);
  const giftsReturned = await returnExpiredGifts(ctx, at);
  // Card keys: expired activity occupations go back to their pools; waiting orders get keys.
  const keyHoldsExpired = await expireReservations(ctx, at);
  const keyOrdersServed = await fillAllWaiting(ctx);
  return { expired, settled, giftsReturned, keyHoldsExpired, keyOrdersServed };
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
