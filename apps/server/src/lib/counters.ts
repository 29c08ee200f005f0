// Shared counters for rate limits and lockouts: in-process by default, Redis when REDIS_URL is
// set so that every app process sees the same counts.
import { Redis } from 'ioredis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import type { ErrorCode } from '../http/errors.ts';
import { rateLimited } from '../http/errors.ts';

export interface LimitSpec {
  name: string;
  points: number;
  durationSeconds: number;
}

/** A budget of attempts per key within a window. */
export class Limit {
  constructor(
    private readonly limiter: RateLimiterAbstract,
    private readonly code: ErrorCode,
  ) {}

  /** Refuses (429) when the budget for key is spent; spends nothing. */
  async check(key: string): Promise<void> {
    const res = await this.limiter.get(key);
    if (res && res.remainingPoints <= 0) throw rateLimited(Math.ceil(res.msBeforeNext / 1000), this.code);
  }

  /** Spends one attempt; refuses (429) once the budget is spent. */
  async consume(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (err) {
      if (err instanceof RateLimiterRes) throw rateLimited(Math.ceil(err.msBeforeNext / 1000), this.code);
      throw err;
    }
  }

  /** Records a failed attempt without refusing this one; how many the window now holds. */
  async fail(key: string): Promise<number> {
    const res = await this.limiter.penalty(key, 1);
    return res.consumedPoints;
  }

  /** Spends the whole budget of key for `seconds` (a freeze): check() refuses until it ends. */
  async block(key: string, seconds: number): Promise<void> {
    await this.limiter.block(key, seconds);
  }

  async reset(key: string): Promise<void> {
    await this.limiter.delete(key);
  }
}

export interface Counters {
  limit(spec: LimitSpec, code?: ErrorCode): Limit;
  readonly backend: 'memory' | 'redis';
  close(): Promise<void>;
}

export function createCounters(redisUrl: string | null, namespace = 'kq'): Counters {
  const redis = redisUrl ? new Redis(redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true }) : null;
  const cache = new Map<string, Limit>();
  return {
    backend: redis ? 'redis' : 'memory',
    limit(spec, code = 'RATE_LIMITED') {
      let limit = cache.get(spec.name);
      if (!limit) {
        const opts = {
          keyPrefix: `${namespace}:${spec.name}`,
          points: spec.points,
          duration: spec.durationSeconds,
        };
        limit = new Limit(
          redis ? new RateLimiterRedis({ ...opts, storeClient: redis }) : new RateLimiterMemory(opts),
          code,
        );
        cache.set(spec.name, limit);
      }
      return limit;
    },
    async close() {
      if (redis) await redis.quit();
    },
  };
}
