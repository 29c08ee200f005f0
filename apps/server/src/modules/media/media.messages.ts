// Error messages of image uploads (merged into http/messages.ts).
import type { Lang } from '../../http/messages.ts';

export const MEDIA_MESSAGES: Record<string, Record<Lang, string>> = {
  MEDIA_TYPE_NOT_ALLOWED: {
    'zh-CN': '只能上传 jpg、jpeg 或 png 格式的图片',
    en: 'Only JPG, JPEG or PNG images can be uploaded',
  },
  MEDIA_TOO_LARGE: { 'zh-CN': '图片不能超过 1 MB', en: 'The image must not be larger than 1 MB' },
  MEDIA_HEADER_INVALID: {
    'zh-CN': '图片文件已损坏或不完整，无法读取尺寸',
    en: 'The image file is damaged or incomplete; its size cannot be read',
  },
  MEDIA_DIMENSIONS_TOO_SMALL: {
    'zh-CN': '图片尺寸过小（{width}×{height}），至少需要 {minWidth}×{minHeight}',
    en: 'The image is too small ({width}×{height}); it must be at least {minWidth}×{minHeight}',
  },
  MEDIA_DIMENSIONS_TOO_LARGE: {
    'zh-CN': '图片尺寸过大（{width}×{height}），最大 {maxWidth}×{maxHeight}',
    en: 'The image is too large ({width}×{height}); at most {maxWidth}×{maxHeight}',
  },
  MEDIA_RATIO_INVALID: {
    'zh-CN': 'Logo 需接近正方形（宽高比 {minRatio}–{maxRatio}），当前为 {width}×{height}',
    en: 'The logo must be nearly square (width/height {minRatio}–{maxRatio}); this one is {width}×{height}',
  },
  MEDIA_KEY_INVALID: { 'zh-CN': '图片地址无效', en: 'This is not a valid image address' },
  MEDIA_NOT_FOUND: { 'zh-CN': '图片不存在', en: 'Image not found' },
};
