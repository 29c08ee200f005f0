// Builds the admin console and the H5 pages with Vite. With --if-stale, an app is rebuilt only
// when a source file is newer than its last build, so `npm start` stays quick after the first run.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const apps = ['apps/admin', 'apps/h5'];
const ifStale = process.argv.includes('--if-stale');

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function isStale(app) {
  const marker = join(app, 'dist', 'index.html');
  if (!existsSync(marker)) return true;
  const built = statSync(marker).mtimeMs;
  return Math.max(newest(app), newest('packages/contracts')) > built;
}

if (!existsSync('node_modules/vite')) process.exit(0); // installing with --omit=dev: nothing to build with
for (const app of apps) {
  if (ifStale && !isStale(app)) continue;
  console.log(`building ${app} …`);
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: app, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
