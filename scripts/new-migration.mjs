// Usage: npm run db:new-migration <name> — creates a timestamped migration and registers it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]+/gi, '_').toLowerCase();
if (!name) {
  console.error('usage: npm run db:new-migration <name>');
  process.exit(2);
}
const dir = 'apps/server/src/db/migrations';
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const id = `${stamp}_${name}`;
writeFileSync(
  join(dir, `${id}.ts`),
  `import type { MigrationDb } from './helpers.ts';

export async function up(db: MigrationDb): Promise<void> {
  void db;
}

export async function down(db: MigrationDb): Promise<void> {
  void db;
}
`,
);
const index = join(dir, 'index.ts');
let src = readFileSync(index, 'utf8');
src = src.replace(/(import \* as m\d+ from .*\n)(?!import)/, `$1import * as m${stamp} from './${id}.ts';\n`);
src = src.replace(/\n};\n$/, `\n  '${id}': m${stamp},\n};\n`);
writeFileSync(index, src);
console.log(`created ${dir}/${id}.ts`);
