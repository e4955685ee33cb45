import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Options } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { AppError } from '../domain/errors';
import type { Logger } from '../logger';

/**
 * Every rate limit in the API, created here, counted in Redis so that several API processes
 * behind a load balancer share one count per client. Keys live under the app's Redis prefix
 * (`{QUEUE_PREFIX}:rl:{limit}:`); a refusal is the API's usual 429 `rate_limited` error.
 */

export const limitSpecs = {
  /** Failed sign-ins per address and account (successful ones are not counted). */
  'login-failures': {
    windowMs: 15 * 60_000,
    limit: 10,
    message: 'Too many sign-in attempts. Wait 15 minutes.',
  },
  /** Every sign-in attempt per address, however many accounts it tries. */
  'login-attempts': {
    windowMs: 15 * 60_000,
    limit: 100,
    message: 'Too many sign-in attempts. Wait 15 minutes.',
  },
  /** Resumable uploads started per address: each opens a multipart upload in S3. */
  'upload-start': {
    windowMs: 15 * 60_000,
    limit: 30,
    message: 'Too many uploads started. Wait 15 minutes.',
  },
  /** Data downloads per address: each streams every object of a submission. */
  'data-download': {
    windowMs: 15 * 60_000,
    limit: 20,
    message: 'Too many downloads. Wait 15 minutes.',
  },
} as const;
export type LimitName = keyof typeof limitSpecs;

/** Where counts are kept: Redis when given (production, tests), else this process's memory. */
export interface RateLimitDeps {
  redis?: Redis;
  /** The app's Redis key prefix (config.redis.prefix). */
  prefix: string;
  logger?: Pick<Logger, 'error' | 'warn'>;
}

// A SHA-1 no script has: the first use answers NOSCRIPT and the store loads its script then.
const NOT_LOADED = Promise.resolve('0'.repeat(40));

/**
 * rate-limit-redis loads its scripts once at start; if Redis is down then (or later, on a
 * reload), the rejected promise would be reused forever. Here the scripts load on first use,
 * and any failure resets them, so limits resume by themselves when Redis comes back.
 */
class SelfHealingRedisStore extends RedisStore {
  override async init(options: Options): Promise<void> {
    this.windowMs = options.windowMs;
    this.heal();
  }

  private heal() {
    this.incrementScriptSha = NOT_LOADED;
    this.getScriptSha = NOT_LOADED;
  }

  override async increment(key: string) {
    try {
      return await super.increment(key);
    } catch (err) {
      this.heal();
      throw err;
    }
  }

  override async get(key: string) {
    try {
      return await super.get(key);
    } catch (err) {
      this.heal();
      throw err;
    }
  }
}

const ipOf = (req: Request) => ipKeyGenerator(req.ip ?? '');

/** Email addresses are personal data: the key holds a short hash, never the address. */
export const accountKey = (email: string) =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);

export function createRateLimiter(
  deps: RateLimitDeps,
  name: LimitName,
  opts: Pick<Partial<Options>, 'skip' | 'keyGenerator'> = {},
): RequestHandler {
  const spec = limitSpecs[name];
  const { redis, logger } = deps;
  const store = redis
    ? new SelfHealingRedisStore({
        // ioredis's generic command call; the store only sends SCRIPT, EVALSHA, DECR and DEL.
        sendCommand: (command: string, ...args: string[]) =>
          redis.call(command, ...args) as Promise<RedisReply>,
        prefix: `${deps.prefix}:rl:${name}:`,
      })
    : undefined;
  return rateLimit({
    windowMs: spec.windowMs,
    limit: spec.limit,
    skipSuccessfulRequests: name === 'login-failures',
    keyGenerator: opts.keyGenerator ?? ipOf,
    ...(opts.skip ? { skip: opts.skip } : {}),
    ...(store ? { store } : {}),
    // Redis down: let the request through (readiness already reports it) rather than refuse
    // every contributor; the sign-in lockout in PostgreSQL still stops password guessing.
    passOnStoreError: true,
    ...(logger
      ? {
          logger: {
            error: (err: unknown, msg?: string) => logger.error({ err, limit: name }, msg),
            warn: (err: unknown, msg?: string) => logger.warn({ err, limit: name }, msg),
          },
        }
      : {}),
    handler: (_req, _res, next) => next(new AppError('rate_limited', spec.message)),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
  });
}

const emailOf = (body: unknown): string => {
  const e = (body as { email?: unknown } | undefined)?.email;
  return typeof e === 'string' ? e.trim().toLowerCase().slice(0, 320) : '';
};

/**
 * Sign-in limits (needs the body parsed first): failures per address and account, and all
 * attempts per address.
 */
export function loginLimiters(deps: RateLimitDeps): RequestHandler[] {
  return [
    createRateLimiter(deps, 'login-failures', {
      keyGenerator: (req) => `${ipOf(req)}|${accountKey(emailOf(req.body))}`,
    }),
    createRateLimiter(deps, 'login-attempts'),
  ];
}

/**
 * The limiter deps for the API's processes, from what they are handed at start. Building a
 * router reads nothing else, so route-table tests can build routers from stand-ins (in memory).
 */
export const rateLimitDepsFrom = (deps: {
  redis?: Redis;
  config: { redis?: { prefix: string } };
  logger?: Logger;
}): RateLimitDeps => ({
  ...(deps.redis ? { redis: deps.redis } : {}),
  prefix: deps.config.redis?.prefix ?? 'lev',
  ...(deps.logger ? { logger: deps.logger } : {}),
});
