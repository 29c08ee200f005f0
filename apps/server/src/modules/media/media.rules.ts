// What an upload must be, per purpose (PRODUCT.md S2.1: jpg/jpeg/png, ≤ 1 MB; the card image is
// shown at 686×176, the logo at 132×132). The reasons for the numbers: docs/decisions/003-vouchers.md.
import { AppError } from '../../http/errors.ts';
import { readImageHeader } from './image-header.ts';

export const MAX_IMAGE_BYTES = 1_048_576;

export const MEDIA_PURPOSES = ['voucher-image', 'voucher-logo'] as const;
export type MediaPurpose = (typeof MEDIA_PURPOSES)[number];

interface DimensionRule {
  minWidth: number;
  minHeight: number;
  maxWidth: number;
  maxHeight: number;
  /** Width divided by height, for images that must be near a shape. */
  ratio?: { min: number; max: number };
}

export const DIMENSION_RULES: Record<MediaPurpose, DimensionRule> = {
  // Half the recommended 686×176 is still sharp on a phone at 1× and covers the card's banner.
  'voucher-image': { minWidth: 343, minHeight: 88, maxWidth: 4096, maxHeight: 4096 },
  // Shown round at 40–66 px; square-ish so the circle does not cut the mark.
  'voucher-logo': {
    minWidth: 100,
    minHeight: 100,
    maxWidth: 1024,
    maxHeight: 1024,
    ratio: { min: 0.8, max: 1.25 },
  },
};

export interface CheckedImage {
  contentType: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
  bytes: number;
}

/** Accepts the bytes for the purpose or refuses them with the first rule they break. */
export function checkImage(bytes: Buffer, purpose: MediaPurpose): CheckedImage {
  if (bytes.length > MAX_IMAGE_BYTES) {
    throw new AppError('MEDIA_TOO_LARGE', 413, {}, { maxBytes: MAX_IMAGE_BYTES, bytes: bytes.length });
  }
  const header = readImageHeader(bytes);
  if (!header.ok) {
    if (header.problem === 'type') {
      throw new AppError('MEDIA_TYPE_NOT_ALLOWED', 415, {}, { allowed: ['image/png', 'image/jpeg'] });
    }
    throw new AppError('MEDIA_HEADER_INVALID', 422);
  }
  const { width, height } = header;
  const rule = DIMENSION_RULES[purpose];
  const size = { width, height, purpose };
  if (width < rule.minWidth || height < rule.minHeight) {
    const min = { minWidth: rule.minWidth, minHeight: rule.minHeight };
    throw new AppError('MEDIA_DIMENSIONS_TOO_SMALL', 422, { ...size, ...min }, { ...size, ...min });
  }
  if (width > rule.maxWidth || height > rule.maxHeight) {
    const max = { maxWidth: rule.maxWidth, maxHeight: rule.maxHeight };
    throw new AppError('MEDIA_DIMENSIONS_TOO_LARGE', 422, { ...size, ...max }, { ...size, ...max });
  }
  if (rule.ratio && (width / height < rule.ratio.min || width / height > rule.ratio.max)) {
    const ratio = { minRatio: rule.ratio.min, maxRatio: rule.ratio.max };
    throw new AppError('MEDIA_RATIO_INVALID', 422, { ...size, ...ratio }, { ...size, ...ratio });
  }
  return { contentType: header.type, width, height, bytes: bytes.length };
}
