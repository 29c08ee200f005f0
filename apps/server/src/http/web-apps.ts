// Serves the built admin console at /admin/ and the H5 pages at /h5/, each a single-page app:
// any path under its prefix that is not a file gets its index.html.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { App } from '../context.ts';

const root = resolve(import.meta.dirname, '../../../..');

export async function serveWebApps(app: App) {
  const apps = [
    { prefix: '/admin/', dir: join(root, 'apps/admin/dist') },
    { prefix: '/h5/', dir: join(root, 'apps/h5/dist') },
  ].filter((a) => existsSync(join(a.dir, 'index.html')));
  for (const [i, a] of apps.entries()) {
    await app.register(fastifyStatic, {
      root: a.dir,
      prefix: a.prefix,
      decorateReply: i === 0,
      wildcard: false,
      index: ['index.html'],
      maxAge: '1h',
      setHeaders(res, path) {
        if (path.endsWith('index.html')) res.setHeader('cache-control', 'no-cache');
      },
    });
    app.get(`${a.prefix}*`, { schema: { hide: true } }, (_req, reply) =>
      reply.header('cache-control', 'no-cache').sendFile('index.html', a.dir),
    );
  }
  app.get('/', { schema: { hide: true } }, (_req, reply) => reply.redirect('/admin/'));
  return apps.map((a) => a.prefix);
}
