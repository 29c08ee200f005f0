// `kaquan codes generate`: a batch made from the terminal, with a progress bar. It is the same
// batch as one started in the console (audited, resumable); this process simply works it now.
import type { AppContext } from '../../context.ts';
import { AppError } from '../../http/errors.ts';
import { SYSTEM_ACTOR } from '../audit/audit.service.ts';
import * as repo from './codes.repo.ts';
import { createBatch, runNextBatch } from './generation.service.ts';

export function progressLine(done: number, total: number, startedAt: number, width = 30) {
  const share = total === 0 ? 1 : done / total;
  const filled = Math.round(share * width);
  const seconds = Math.max((Date.now() - startedAt) / 1000, 0.001);
  const rate = Math.round(done / seconds);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(share * 100)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')} · ${rate.toLocaleString('en')} codes/s`;
}

export async function generateFromCli(
  ctx: AppContext,
  o: { merchant: string; library: number; count: number },
  write: (s: string) => void,
) {
  const m = await repo.merchantBySlug(ctx.db, o.merchant);
  if (!m) throw new AppError('MERCHANT_NOT_FOUND', 404);
  const actor = { ...SYSTEM_ACTOR, merchantId: m.id, name: 'cli' };
  const batch = await createBatch(ctx, m.id, o.library, o.count, actor);
  if (batch.odds?.warn)
    write(`note: a random guess now hits a code about once in ${batch.odds.oneIn} tries\n`);
  const startedAt = Date.now();
  const done = await runNextBatch(ctx, {
    onlyId: batch.id,
    onProgress: (p) => write(`\r${progressLine(p.generated, p.requested, startedAt)}`),
  });
  write('\n');
  return done;
}
