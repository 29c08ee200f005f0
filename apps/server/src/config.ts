// Every setting, read once at boot from the environment (and optionally a JSON file named by
// KAQUAN_CONFIG_FILE; the environment wins). A bad value stops the process with a clear message.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export type DatabaseConfig = { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string };

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  database: DatabaseConfig;
  redisUrl: string | null;
  /** Master key material; null in embedded mode until loadSecret() reads or creates it. */
  secret: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  corsOrigins: string[];
  bodyLimitBytes: number;
  /** PostgreSQL connections per server process. */
  dbPoolSize: number;
  smsProvider: 'console';
  trustProxy: boolean;
  serveWebApps: boolean;
}

export class ConfigError extends Error {}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function readFileSettings(env: NodeJS.ProcessEnv): Record<string, string> {
  const file = env.KAQUAN_CONFIG_FILE;
  if (!file) return {};
  if (!existsSync(file)) throw new ConfigError(`KAQUAN_CONFIG_FILE: ${file} does not exist`);
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
  } catch (err) {
    throw new ConfigError(`KAQUAN_CONFIG_FILE: ${file} is not valid JSON (${(err as Error).message})`);
  }
}

function int(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}

function bool(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

export function loadConfig(processEnv: NodeJS.ProcessEnv = process.env): Config {
  const env = { ...readFileSettings(processEnv), ...processEnv };
  const port = int('PORT', env.PORT, 3000, 0, 65535);
  const host = env.HOST || '0.0.0.0';
  const dataDir = resolve(env.KAQUAN_DATA_DIR || './data');

  let database: DatabaseConfig;
  const url = env.DATABASE_URL;
  if (!url) database = { engine: 'sqlite', file: resolve(dataDir, 'kaquan.sqlite') };
  else if (/^postgres(ql)?:\/\//.test(url)) database = { engine: 'postgres', url };
  else if (url.startsWith('sqlite:'))
    database = { engine: 'sqlite', file: resolve(url.slice('sqlite:'.length)) };
  else
    throw new ConfigError('DATABASE_URL must start with postgres:// (or sqlite:<file>); unset it for SQLite');

  const redisUrl = env.REDIS_URL || null;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl))
    throw new ConfigError('REDIS_URL must start with redis://');

  const secret = env.KAQUAN_SECRET || null;
  if (secret !== null && secret.length < 32) {
    throw new ConfigError('KAQUAN_SECRET must be at least 32 characters (use: openssl rand -hex 32)');
  }
  if (secret === null && database.engine === 'postgres') {
    throw new ConfigError('KAQUAN_SECRET is required with PostgreSQL (use: openssl rand -hex 32)');
  }

  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel))
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const smsProvider = (env.KAQUAN_SMS_PROVIDER || 'console') as Config['smsProvider'];
  if (smsProvider !== 'console') throw new ConfigError('KAQUAN_SMS_PROVIDER must be "console"');

  const publicUrl = (env.KAQUAN_PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\//.test(publicUrl))
    throw new ConfigError('KAQUAN_PUBLIC_URL must start with http:// or https://');

  return {
    port,
    host,
    publicUrl,
    dataDir,
    database,
    redisUrl,
    secret,
    logLevel,
    corsOrigins: (env.KAQUAN_CORS_ORIGINS || '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    bodyLimitBytes: int('KAQUAN_BODY_LIMIT', env.KAQUAN_BODY_LIMIT, 1_048_576, 1024, 100 * 1_048_576),
    dbPoolSize: int('KAQUAN_DB_POOL', env.KAQUAN_DB_POOL, 16, 1, 500),
    smsProvider,
    trustProxy: bool('KAQUAN_TRUST_PROXY', env.KAQUAN_TRUST_PROXY, false),
    serveWebApps: bool('KAQUAN_SERVE_WEB', env.KAQUAN_SERVE_WEB, true),
  };
}
