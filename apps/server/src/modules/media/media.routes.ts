// Image uploads (owner, manager; API keys with vouchers:write) and the public path that serves them.
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { App, AppContext } from '../../context.ts';
import { actorOf } from '../../http/actor.ts';
import { requireMerchantCaller } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { responses } from '../../http/schemas.ts';
import { MAX_IMAGE_BYTES } from './media.rules.ts';
import { ImageBody, MediaParams, UploadedImage, UploadQuery } from './media.schemas.ts';
import { MEDIA_PATH, readImage, uploadImage } from './media.service.ts';

const tags = ['media'];

/** A little over the image limit, so a body just over 1 MB still reaches the check with its own code. */
const UPLOAD_BODY_LIMIT = MAX_IMAGE_BYTES + 64 * 1024;

async function uploader(ctx: AppContext, req: FastifyRequest) {
  return requireMerchantCaller(ctx, req, { roles: ['owner', 'manager'], scope: 'vouchers:write' });
}

export function mediaRoutes(app: App, ctx: AppContext) {
  app.register(async (sub: FastifyInstance) => {
    const api = sub as unknown as App;
    // The body is the raw image. Every image/* type is read as bytes so that the bytes, not the
    // header, decide: a GIF sent as image/png and one sent as image/gif get the same answer.
    api.addContentTypeParser(/^image\/[\w.+-]+$/, { parseAs: 'buffer' }, (_req, body, done) =>
      done(null, body),
    );
    // Fastify refuses a body over the limit before the route runs; say so with the upload's own code.
    api.setErrorHandler((err: FastifyError) => {
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        throw new AppError('MEDIA_TOO_LARGE', 413, {}, { maxBytes: MAX_IMAGE_BYTES });
      }
      throw err;
    });

    api.post(
      '/media/images',
      {
        bodyLimit: UPLOAD_BODY_LIMIT,
        // Who is calling is settled before the body is read.
        onRequest: async (req) => {
          await uploader(ctx, req);
        },
        schema: {
          tags,
          summary:
            'Upload a voucher image or logo: the raw JPEG or PNG bytes as the body (Content-Type image/png or image/jpeg), at most 1 MB',
          consumes: ['image/png', 'image/jpeg'],
          querystring: UploadQuery,
          body: ImageBody,
          response: responses({ 201: UploadedImage }),
        },
      },
      async (req, reply) => {
        const c = await uploader(ctx, req);
        const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const uploaded = await uploadImage(
          ctx,
          { ...actorOf(req, c), merchantId: c.merchantId },
          req.query.purpose,
          bytes,
        );
        return reply.code(201).send(uploaded);
      },
    );
  });
}

/** Public: members' pages show these images. A stored file never changes, so it is cached for a year. */
export function mediaFileRoutes(app: App, ctx: AppContext) {
  app.get(
    `${MEDIA_PATH}/:merchantId/:file`,
    { schema: { hide: true, params: MediaParams } },
    async (req, reply) => {
      const image = await readImage(ctx, req.params.merchantId, req.params.file);
      return reply
        .type(image.contentType)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(image.bytes);
    },
  );
}
