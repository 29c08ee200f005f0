// Image uploads of a merchant's staff: checked (media.rules.ts), stored by content
// (media.storage.ts), audited, and served back publicly by key.
import type { AppContext } from '../../context.ts';
import { AppError } from '../../http/errors.ts';
import { type Actor, recordAudit } from '../audit/audit.service.ts';
import { checkImage, type MediaPurpose } from './media.rules.ts';
import { parseMediaKey, type StoredMedia } from './media.storage.ts';

export const MEDIA_PATH = '/media';

export interface UploadedImage {
  url: string;
  width: number;
  height: number;
  bytes: number;
  contentType: 'image/png' | 'image/jpeg';
}

export async function uploadImage(
  ctx: AppContext,
  actor: Actor & { merchantId: number },
  purpose: MediaPurpose,
  bytes: Buffer,
): Promise<UploadedImage> {
  const image = checkImage(bytes, purpose);
  const key = await ctx.media.put(bytes, { merchantId: actor.merchantId, contentType: image.contentType });
  const uploaded = { url: `${MEDIA_PATH}/${key}`, ...image };
  await recordAudit(ctx.db, actor, {
    action: 'media.upload',
    targetType: 'media',
    targetId: key,
    after: { purpose, ...uploaded },
  });
  return uploaded;
}

/** A stored image by the two parts of its public path; anything but a well-formed key is refused. */
export async function readImage(ctx: AppContext, merchantId: string, file: string): Promise<StoredMedia> {
  const key = `${merchantId}/${file}`;
  if (!parseMediaKey(key)) throw new AppError('MEDIA_KEY_INVALID', 400);
  const stored = await ctx.media.get(key);
  if (!stored) throw new AppError('MEDIA_NOT_FOUND', 404);
  return stored;
}
