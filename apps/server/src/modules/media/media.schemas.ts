import { Type } from '@sinclair/typebox';
import { MEDIA_PURPOSES } from './media.rules.ts';

export const UploadQuery = Type.Object({
  purpose: Type.Union(MEDIA_PURPOSES.map((p) => Type.Literal(p))),
});

/** Documents the raw body for OpenAPI; the bytes themselves are judged by media.rules.ts. */
export const ImageBody = Type.Unsafe<Buffer>({
  format: 'binary',
  description: 'The JPEG or PNG file itself, at most 1 MB',
});

export const UploadedImage = Type.Object({
  url: Type.String({ description: 'Path of the stored image, /media/<merchantId>/<sha256>.<png|jpg>' }),
  width: Type.Integer(),
  height: Type.Integer(),
  bytes: Type.Integer(),
  contentType: Type.Union([Type.Literal('image/png'), Type.Literal('image/jpeg')]),
});

export const MediaParams = Type.Object({
  merchantId: Type.String(),
  file: Type.String(),
});
