// The `kaquan` command: serve | migrate | demo | create-operator.
import { Command } from 'commander';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { DEMO_LOGINS, seedDemo } from './demo.ts';
import { AppError } from './http/errors.ts';
import { generateFromCli } from './modules/codes/codes.cli.ts';
import { createOperator } from './operator.ts';
import { startServer } from './server.ts';

function config() {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
}

const program = new Command('kaquan').description('Kaquan (卡券) — self-hosted voucher platform');

program
  .command('serve')
  .description('run migrations, then serve the API, the admin console (/admin/) and the H5 pages (/h5/)')
  .action(async () => {
    await startServer(config());
  });

program
  .command('demo')
  .description('like serve, with the demo merchant seeded first (idempotent)')
  .action(async () => {
    await startServer(config(), async (ctx) => {
      await seedDemo(ctx);
      const url = ctx.config.publicUrl;
      console.log(`\nDemo merchant ready — admin ${url}/admin/ · H5 ${url}/h5/demo/`);
      for (const [who, login, password] of DEMO_LOGINS)
        console.log(`  ${who.padEnd(32)} ${login.padEnd(22)} ${password}`);
      console.log('');
    });
  });

program
  .command('migrate')
  .description('apply pending database migrations and exit')
  .action(async () => {
    const database = openDatabase(config().database);
    const applied = await migrateToLatest(database);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    await database.close();
  });

program
  .command('create-operator')
  .description('create a platform operator account')
  .requiredOption('--login <login>', 'sign-in name')
  .requiredOption('--password <password>', 'at least 8 characters')
  .option('--name <name>', 'display name', 'Operator')
  .action(async (o: { login: string; password: string; name: string }) => {
    const { app, ctx } = await buildApp({ ...config(), logLevel: 'warn' }, { webApps: false });
    try {
      const user = await createOperator(ctx, o);
      console.log(`operator ${user.login} created`);
    } catch (err) {
      console.error(err instanceof AppError ? `refused: ${err.code}` : (err as Error).message);
      process.exitCode = 1;
    } finally {
      await app.close();
    }
  });

program
  .command('codes')
  .description('redemption codes')
  .command('generate')
  .description('generate a batch of codes into a library, with a progress bar (resumable like any batch)')
  .requiredOption('--merchant <slug>', 'the merchant')
  .requiredOption('--library <id>', 'the code library')
  .requiredOption('--count <n>', 'how many codes (up to 1,000,000)')
  .action(async (o: { merchant: string; library: string; count: string }) => {
    const count = Number(o.count);
    if (!Number.isInteger(count) || count < 1 || count > 1_000_000) {
      console.error('refused: --count must be a whole number from 1 to 1,000,000');
      process.exit(2);
    }
    const { app, ctx } = await buildApp(
      { ...config(), logLevel: 'warn' },
      { webApps: false, sweepers: false },
    );
    try {
      const done = await generateFromCli(
        ctx,
        { merchant: o.merchant, library: Number(o.library), count },
        (s) => process.stdout.write(s),
      );
      console.log(`batch ${done?.id}: ${done?.status}, ${done?.generated} codes`);
      if (done?.status !== 'done') process.exitCode = 1;
    } catch (err) {
      console.error(err instanceof AppError ? `refused: ${err.code}` : (err as Error).message);
      process.exitCode = 1;
    } finally {
      await app.close();
    }
  });

await program.parseAsync(process.argv);
