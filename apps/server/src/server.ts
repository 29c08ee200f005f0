// Listens, and closes gracefully on SIGINT/SIGTERM: stop accepting, finish in-flight requests,
// close the database.
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';

export async function startServer(config: Config, afterStart?: (ctx: AppContext) => Promise<void>) {
  const { app, ctx } = await buildApp(config);
  if (afterStart) await afterStart(ctx);
  await app.listen({ port: config.port, host: config.host });
  const engine =
    ctx.database.engine === 'sqlite'
      ? `SQLite (${config.database.engine === 'sqlite' ? config.database.file : ''})`
      : 'PostgreSQL';
  app.log.info(
    `Kaquan on ${config.publicUrl} — admin ${config.publicUrl}/admin/ · H5 ${config.publicUrl}/h5/ · API docs ${config.publicUrl}/api/docs · ${engine}`,
  );
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: closing`);
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  return { app, ctx };
}
